import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { outboxLog } from '../../../core/reminders/views';

/** The delivery log of a school (admin): what was sent, deferred, skipped, and failed with which WeChat errcode. */
export default defineHandler('reminders.outbox', {
  input: z
    .object({
      schoolId: id('学校ID'),
      status: z.enum(['pending', 'sending', 'sent', 'failed', 'skipped', 'cancelled'], { error: '状态不正确' }).optional(),
      limit: z.number().int('条数必须是整数').min(1, '至少 1 条').max(200, '每页最多 200 条').optional(),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: async (ctx, input) => ({ entries: await outboxLog(ctx.db, input, ctx.now) }),
});
