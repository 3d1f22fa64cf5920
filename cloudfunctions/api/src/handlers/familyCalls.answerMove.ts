import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { answerMove } from '../../../core/familyCalls/requests';

/**
 * The teacher answers a parent's request to move a call: accept one of the proposed times (the call moves there
 * and counts as confirmed, since the parent chose it) or decline with a note. The parent is told either way.
 */
export default defineHandler('familyCalls.answerMove', {
  input: z
    .object({
      callId: id('通话ID'),
      accept: z.number({ error: '请选择要接受的时间' }).int('请选择要接受的时间').min(0, '请选择要接受的时间').max(2, '请选择要接受的时间').nullable(),
      note: text('回复', 100).nullable().optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  run: (ctx, input) => answerMove(ctx, ctx.grant.record, input),
});
