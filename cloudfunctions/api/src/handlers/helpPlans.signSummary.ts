import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { signSummary } from '../../../core/talks/helpPlans';
import { writerOf } from '../../../core/talks/writer';

/** The teacher saves the end-of-term summary as edited and signs it off (a stale copy is refused). */
export default defineHandler('helpPlans.signSummary', {
  input: z
    .object({
      planId: id('帮扶计划ID'),
      text: text('期末总结', 3000),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(1, '版本号不正确'),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { helpPlan: 'planId' } },
  run: (ctx, input) => signSummary(writerOf(ctx), ctx.grant.record, input),
});
