import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { cardRound } from '../../../core/archive/round';

/**
 * 信息更新 (the monthly information-update round): the left-behind children of a class whose contact card was not
 * confirmed (or saved) this Beijing month, including those without a card yet.
 */
export default defineHandler('contactCards.round', {
  input: z.object({ classId: id('班级ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId' } },
  run: (ctx, input) => cardRound(ctx.db, input.classId, ctx.now),
});
