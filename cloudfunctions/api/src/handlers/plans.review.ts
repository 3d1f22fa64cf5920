import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { reviewPlan } from '../../../core/talks/plans';
import { writerOf } from '../../../core/talks/writer';

/** A review of an open plan: its day, the outcome (有进步 / 无明显变化 / 有退步), what was seen, and optionally the next review day. */
export default defineHandler('plans.review', {
  input: z
    .object({
      planId: id('方案ID'),
      date: day('复查日期'),
      outcome: z.enum(['improved', 'same', 'worse'], { error: '复查结果只能是有进步、无明显变化或有退步' }),
      note: text('复查情况', 500),
      nextReviewDate: day('下次复查日期').nullable().optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { plan: 'planId' } },
  run: (ctx, input) => reviewPlan(writerOf(ctx), ctx.grant.record, input),
});
