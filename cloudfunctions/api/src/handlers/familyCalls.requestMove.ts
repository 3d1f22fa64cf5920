import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { quarterClock } from '../../../core/familyCalls/input';
import { requestMove } from '../../../core/familyCalls/requests';

/**
 * A parent or guardian asks to move a call, proposing one to three times. Each proposal is checked now (room open,
 * device hours, device and child free), so the teacher only sees times that can work; the teacher accepts one or
 * declines (familyCalls.answerMove). A new request replaces a pending one.
 */
export default defineHandler('familyCalls.requestMove', {
  input: z
    .object({
      callId: id('通话ID'),
      proposals: z
        .array(z.object({ date: day('建议日期'), time: quarterClock('建议时间') }, { error: '建议时间格式不正确' }).strict(), {
          error: '请提出建议的时间',
        })
        .min(1, '请至少提出一个建议的时间')
        .max(3, '最多提出 3 个建议的时间'),
      note: text('说明', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['parent', 'guardian'], scope: { call: 'callId' }, check: 'invitedToCall' },
  run: (ctx, input) => requestMove(ctx, ctx.grant.record, ctx.grant.binding, input),
});
