import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { moderationQueue } from '../../../core/wishes/wall';

/** The teacher's moderation queue: the class's cards and corner works that wait, with the class's approval rule. */
export default defineHandler('wishes.queue', {
  input: z.object({ classId: id('班级ID').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', mine: true } },
  run: (ctx) => moderationQueue(ctx.db, ctx.grant.target!),
});
