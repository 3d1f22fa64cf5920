import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { audit, actorOf } from '../../../core/audit';
import { historyView, loadHistory } from '../../../core/archive/history';

/** Older history of a child's archive, contact card and care network (the detail screen shows the latest 20). */
export default defineHandler('archive.history', {
  input: z
    .object({
      childId: id('儿童ID'),
      before: z.iso.datetime({ error: '时间格式不正确' }).optional(),
      limit: z.number({ error: '条数必须是数字' }).int().min(1, '至少 1 条').max(100, '每页最多 100 条').optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher', 'community'], scope: { child: 'childId' } },
  async run(ctx, input) {
    const limit = input.limit ?? 20;
    const rows = await loadHistory(ctx.db, input.childId, limit + 1, input.before ? new Date(input.before) : undefined);
    const page = rows.slice(0, limit);
    await audit(ctx.db, actorOf(ctx), [{ kind: 'read', schoolId: ctx.grant.target!.schoolId, childId: input.childId, fields: ['history'] }]);
    return { entries: page.map((h) => historyView(h, ctx.grant.role)), next: rows.length > limit ? page[page.length - 1].at.toISOString() : null };
  },
});
