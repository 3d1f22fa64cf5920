import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { term } from '../../../core/workPlan/input';
import { workPlanScreen } from '../../../core/workPlan/view';

/**
 * The work plan of a term (default: today's): items by month with owner, status and evidence from the records, the
 * leading group and the class responsibilities. The admin edits it; a teacher reads it and sees their own part.
 */
export default defineHandler('workPlan.get', {
  input: z.object({ schoolId: id('学校ID').optional(), term: term().optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { school: 'schoolId', mine: true } },
  run: (ctx, input) => workPlanScreen(ctx.db, ctx.grant.target!.schoolId, { openid: ctx.openid, canEdit: ctx.grant.role === 'admin' }, input.term, ctx.now),
});
