import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { recordHelp } from '../../../core/talks/helpPlans';
import { writerOf } from '../../../core/talks/writer';

/** A regular record of the help given (平时记录), on a day of the plan's term. */
export default defineHandler('helpPlans.record', {
  input: z.object({ planId: id('帮扶计划ID'), date: day('记录日期'), text: text('帮扶记录', 300) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { helpPlan: 'planId' } },
  run: (ctx, input) => recordHelp(writerOf(ctx), ctx.grant.record, input),
});
