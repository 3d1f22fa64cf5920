import { z } from 'zod';
import { defineHandler } from '../handler';
import { loadConfig } from '../../../core/reminders/config';
import { recordDecisions } from '../../../core/reminders/subscriptions';
import { myReminders } from '../../../core/reminders/views';
import type { MyReminders } from '../../../../typings/actions/reminders';

const decision = z.enum(['accept', 'reject', 'ban', 'filter'], { error: '订阅结果只能是 accept、reject、ban 或 filter' });

/**
 * Report what the user chose in wx.requestSubscribeMessage ({ [templateId]: 'accept' | 'reject' | 'ban' | 'filter' },
 * without errMsg). Every accept of a one-time template is one more message the server may send.
 */
export default defineHandler('reminders.subscribe', {
  input: z
    .object({
      results: z
        .record(
          z
            .string()
            .min(1)
            .max(128)
            .regex(/^[A-Za-z0-9_-]+$/, '模板 ID 格式不正确'),
          decision,
          { error: '订阅结果格式不正确' },
        )
        .refine((r) => Object.keys(r).length >= 1 && Object.keys(r).length <= 5, '一次最多上报 5 个模板'),
    })
    .strict(),
  access: { anyone: true },
  async run(ctx, input): Promise<MyReminders> {
    const config = await loadConfig(ctx.db, ctx.setting);
    await recordDecisions(ctx.db, ctx.openid, config, input.results, ctx.now);
    return myReminders(
      ctx.db,
      ctx.openid,
      ctx.principal.bindings.map((b) => b.role),
      config,
      ctx.now,
    );
  },
});
