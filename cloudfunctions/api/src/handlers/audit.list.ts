import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import type { AuditEntry } from '../../../core/audit';
import type { AuditView } from '../../../../typings/actions/accounts';

/** The audit trail for the admin, newest first, filtered by child or person; paged by time. */
export default defineHandler({
  action: 'audit.list',
  input: z
    .object({
      schoolId: id('学校ID'),
      childId: id('儿童ID').optional(),
      openid: z.string().min(1).max(64, 'OPENID 过长').regex(/^[A-Za-z0-9_-]+$/, 'OPENID 格式不正确').optional(),
      before: z.iso.datetime({ error: '时间格式不正确' }).optional(),
      limit: z.number().int().min(1).max(200, '每页最多 200 条').optional(),
    })
    .strict(),
  access: { roles: ['admin'], scope: (i) => ({ schoolId: i.schoolId }) },
  async run(ctx, input) {
    const _ = ctx.db.command;
    const limit = input.limit ?? 50;
    const where: Record<string, unknown> = { schoolId: input.schoolId };
    if (input.childId) where.childId = input.childId;
    if (input.openid) where.openid = input.openid;
    if (input.before) where.at = _.lt(new Date(input.before));
    const res = await ctx.db.collection('auditLog').where(where).orderBy('at', 'desc').limit(limit + 1).get();
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
    return { entries, next: rows.length > limit ? page[page.length - 1].at.toISOString() : null };
  },
});
