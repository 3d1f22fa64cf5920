import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { closePlan } from '../../../core/talks/plans';
import { writerOf } from '../../../core/talks/writer';

/** Close an open plan; closing needs a reason (e.g. 学习已恢复，行为明显改善). */
export default defineHandler('plans.close', {
  input: z.object({ planId: id('方案ID'), reason: text('结束原因', 300) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { plan: 'planId' } },
  run: (ctx, input) => closePlan(writerOf(ctx), ctx.grant.record, input.reason),
});
