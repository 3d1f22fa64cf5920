import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { audit, actorOf } from '../../../core/audit';

/** The admin closes an alert, saying what was done (e.g. 已落实委托照护人). */
export default defineHandler('alerts.resolve', {
  input: z.object({ alertId: id('预警ID'), resolution: text('处理情况', 200) }).strict(),
  access: { roles: ['admin'], scope: { alert: 'alertId' } },
  async run(ctx, input) {
    const { record: alert, ...grant } = ctx.grant;
    if (alert.resolvedAt) throw new AppError('CONFLICT', '该预警已处理');
    const res = await ctx.db.collection('alerts').where({ _id: input.alertId, resolvedAt: null }).update({ resolvedAt: ctx.now, resolvedBy: ctx.openid, resolution: input.resolution });
    if (!res.updated) throw new AppError('CONFLICT', '该预警已处理');
    await audit(ctx.db, { ...actorOf(ctx), role: grant.role }, [{ kind: 'change', schoolId: alert.schoolId, childId: alert.childId, fields: ['alerts'], note: `处理预警：${input.resolution}` }]);
    return { resolved: true as const };
  },
});
