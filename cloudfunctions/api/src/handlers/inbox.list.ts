import { z } from 'zod';
import { defineHandler } from '../handler';
import { inboxPage } from '../../../core/reminders/inbox';

/** 消息中心: my reminders that are due, newest first, with the unread count. Only ever the caller's own. */
export default defineHandler('inbox.list', {
  input: z
    .object({
      unreadOnly: z.boolean({ error: 'unreadOnly 必须是布尔值' }).optional(),
      after: z.string({ error: '分页位置格式不正确' }).max(120, '分页位置格式不正确').optional(),
      limit: z.number({ error: '每页条数必须是数字' }).int('每页条数必须是整数').min(1, '每页至少 1 条').max(50, '每页最多 50 条').optional(),
    })
    .strict(),
  access: { anyone: true },
  run: (ctx, input) => inboxPage(ctx.db, ctx.openid, ctx.now, input),
});
