import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { alertView } from '../../../core/archive/alerts';
import type { AlertRecord, Child } from '../../../../typings/domain';

/** The school's alerts for the admin (default: the open ones), newest first; the admin's school when none is named. */
export default defineHandler('alerts.list', {
  input: z.object({ schoolId: id('学校ID').optional(), status: z.enum(['open', 'resolved', 'all'], { error: '状态不正确' }).optional() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId', mine: true } },
  async run(ctx, input) {
    const _ = ctx.db.command;
    const schoolId = ctx.grant.target!.schoolId;
    const status = input.status ?? 'open';
    const where: Record<string, unknown> = { schoolId };
    if (status === 'open') where.resolvedAt = null;
    if (status === 'resolved') where.resolvedAt = _.neq(null);
    const res = await ctx.db.collection('alerts').where(where).orderBy('createdAt', 'desc').limit(200).get();
    const alerts = res.data as AlertRecord[];
    const ids = [...new Set(alerts.map((a) => a.childId).filter((x): x is string => !!x))];
    const names = ids.length ? ((await ctx.db.collection('children').where({ _id: _.in(ids) }).field({ name: true }).limit(1000).get()).data as Pick<Child, '_id' | 'name'>[]) : [];
    const nameOf = new Map(names.map((c) => [c._id, c.name]));
    return { schoolId, alerts: alerts.map((a) => alertView(a, nameOf.get(a.childId ?? '') ?? null)) };
  },
});
