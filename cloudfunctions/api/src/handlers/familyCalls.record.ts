import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { recordOutcome } from '../../../core/familyCalls/changes';

const base = { callId: id('通话ID') };

/**
 * The teacher records how a call went once its time has come: done (how long, who joined, a short note, the
 * child's mood) or missed (by whom, why). A recorded call can be recorded again to correct it. A missed call asks
 * the teacher who runs it to rebook within the week; recording it as done later withdraws that prompt.
 */
export default defineHandler('familyCalls.record', {
  input: z.discriminatedUnion(
    'result',
    [
      z
        .object({
          ...base,
          result: z.literal('done'),
          minutes: z.number({ error: '通话时长必须是数字' }).int('通话时长请填整数分钟').min(1, '通话时长至少 1 分钟').max(180, '通话时长最多 180 分钟'),
          joinedBindingIds: z.array(id('参加的家长'), { error: '参加的家长格式不正确' }).max(6, '参加的家长过多'),
          others: text('其他参加的人', 30).nullable().optional(),
          note: text('备注', 200).nullable().optional(),
          mood: z.enum(['happy', 'calm', 'low', 'upset'], { error: '孩子的情绪只能是开心、平静、低落或不安' }).nullable().optional(),
        })
        .strict(),
      z
        .object({
          ...base,
          result: z.literal('missed'),
          by: z.enum(['parent', 'child', 'school', 'network'], { error: '请选择未接通的原因方' }),
          reason: text('原因', 100),
        })
        .strict(),
    ],
    { error: '请选择通话结果（已完成或未接通）' },
  ),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  run: (ctx, input) => recordOutcome(ctx, ctx.grant.record, input),
});
