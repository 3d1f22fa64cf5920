import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { childHistory } from '../../../core/archive/history';

/** Older history of a child's archive, contact card and care network (the detail screen shows the latest 20). */
export default defineHandler('archive.history', {
  input: z
    .object({
      childId: id('儿童ID'),
      before: z.iso.datetime({ error: '时间格式不正确' }).optional(),
      limit: z.number({ error: '条数必须是数字' }).int().min(1, '至少 1 条').max(100, '每页最多 100 条').optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => childHistory(ctx.db, ctx.grant.record, ctx.grant.role, input, actorOf(ctx)),
});
