import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { childWall } from '../../../core/wishes/wall';

/** A child's wall of approved cards, for the family, the child, the class's shared account and the school's staff. */
export default defineHandler('wishes.wall', {
  input: z.object({ childId: id('儿童ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian', 'student'], scope: { child: 'childId' }, check: 'seesWall' },
  run: (ctx) => childWall(ctx.db, ctx.grant, ctx.now),
});
