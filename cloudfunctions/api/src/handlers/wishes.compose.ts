import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { composeCard } from '../../../core/wishes/cards';

/** The card composer's first screen: the child (a student sees the given name and class), the birthday, the card sent. */
export default defineHandler('wishes.compose', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'student'], scope: { child: 'childId' } },
  run: (ctx) => composeCard(ctx, ctx.grant),
});
