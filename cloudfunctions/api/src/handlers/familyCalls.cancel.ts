import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { cancelCall } from '../../../core/familyCalls/changes';

/**
 * Cancel a call, or this and every following call of its series. Their time slots are freed, the reminders not yet
 * sent are withdrawn (outbox cancelled, inbox entries removed), and the parents are told once.
 */
export default defineHandler('familyCalls.cancel', {
  input: z
    .object({
      callId: id('通话ID'),
      scope: z.enum(['one', 'following'], { error: '请选择只取消这一次，还是这次及以后' }),
      reason: text('取消原因', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  run: (ctx, input) => cancelCall(ctx, ctx.grant.record, input),
});
