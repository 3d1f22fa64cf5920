import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { loadRoster } from '../../../core/archive/roster';

/**
 * The class roster screen in one call: the class (the caller's first class when none is named), the classes they
 * may switch to, every child's row and the class figures (建档率, coverage, this month's card round). Audited.
 */
export default defineHandler('archive.roster', {
  input: z.object({ classId: id('班级ID').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', mine: true } },
  run: (ctx) => loadRoster(ctx.db, ctx.principal, ctx.grant, ctx.now, actorOf(ctx)),
});
