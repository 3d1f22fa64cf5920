import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import type { AuditEntry } from '../../../core/audit';
import type { AuditView } from '../../../../typings/actions/accounts';

/** The audit trail for the admin, newest first, filtered by child or person; paged by time. */
export default defineHandler('audit.list', {
  input: z
    .object({
      schoolId: id('学校ID'),
      childId: id('儿童ID').optional(),
      openid: z.string().min(1).max(64, 'OPENID 过长').regex(/^[A-Za-z0-9_-]+$/, 'OPENID 格式不正确').optional(),
      /** The `next` cursor of the previous page. */
      before: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T[\d:.]+Z\|[A-Za-z0-9_-]{1,64}$/, '翻页位置不正确')
        .optional(),
      limit: z.number().int().min(1).max(200, '每页最多 200 条').optional(),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  async run(ctx, input) {
    const _ = ctx.db.command;
    const limit = input.limit ?? 50;
    const where: Record<string, unknown> = { schoolId: input.schoolId };
    if (input.childId) where.childId = input.childId;
    if (input.openid) where.openid = input.openid;
    let query: object = where;
    if (input.before) {
      // Many entries share one instant (a roster read writes one per child): page by (at, _id), not by time alone.
      const [atText, afterId] = input.before.split('|');
      const at = new Date(atText);
      query = _.and([where, _.or([{ at: _.lt(at) }, { at, _id: _.lt(afterId) }])]);
    }
    const res = await ctx.db.collection('auditLog').where(query).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit + 1).get();
    const rows = res.data as (AuditEntry & { _id: string })[];
    const page = rows.slice(0, limit);
    const openids = [...new Set(page.map((r) => r.openid))];
    const users = openids.length ? ((await ctx.db.collection('users').where({ _id: _.in(openids) }).limit(1000).get()).data as { _id: string; nickname: string | null }[]) : [];
    const nickname = new Map(users.map((u) => [u._id, u.nickname]));
    const entries: AuditView[] = page.map((r) => ({
      at: r.at.toISOString(),
      openid: r.openid,
      nickname: nickname.get(r.openid) ?? null,
      role: r.role,
      action: r.action,
      kind: r.kind,
      childId: r.childId,
      fields: r.fields ?? [],
      note: r.note ?? null,
    }));
    const last = page[page.length - 1];
    return { entries, next: rows.length > limit ? `${last.at.toISOString()}|${last._id}` : null };
  },
});
