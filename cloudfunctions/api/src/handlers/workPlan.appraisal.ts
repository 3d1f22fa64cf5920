import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { term } from '../../../core/workPlan/input';
import { appraisal } from '../../../core/workPlan/appraisal';

/** The term's appraisal (工作考评): per teacher, each duty they answer for, done vs due, from the records. Counts only. */
export default defineHandler('workPlan.appraisal', {
  input: z.object({ schoolId: id('学校ID').optional(), term: term().optional() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId', mine: true } },
  run: (ctx, input) => appraisal(ctx.db, ctx.grant.target!.schoolId, input.term, ctx.now),
});
