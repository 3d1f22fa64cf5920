import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { helpPlanScreen } from '../../../core/talks/helpPlans';

/** A child's help plan of a term (default: the term containing today, else the next), the calendar's terms and the classmates who may be the study buddy. */
export default defineHandler('helpPlans.get', {
  input: z.object({ childId: id('儿童ID'), termStart: day('学期开始日期').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => helpPlanScreen(ctx.db, ctx.grant.record, input.termStart, actorOf(ctx), ctx.now),
});
