import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { markRead } from '../../../core/reminders/inbox';

/** Mark my messages read: some by id, or all. Ids of someone else's messages match nothing. */
export default defineHandler('inbox.read', {
  input: z.union(
    [
      z.object({ ids: z.array(id('消息ID'), { error: 'ids 必须是消息ID列表' }).min(1, '请至少选择一条消息').max(100, '一次最多 100 条') }).strict(),
      z.object({ all: z.literal(true, { error: 'all 只能为 true' }) }).strict(),
    ],
    { error: '请指定要标为已读的消息' },
  ),
  access: { anyone: true },
  run: (ctx, input) => markRead(ctx.db, ctx.openid, ctx.now, 'all' in input ? 'all' : input.ids),
});
