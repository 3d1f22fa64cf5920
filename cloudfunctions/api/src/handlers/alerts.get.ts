import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { alertDetail } from '../../../core/alerts/detail';

/**
 * One alert: what happened, the steps to take, who was told, who saw it and who acted, and (for the admin, the
 * mentor, the 儿童主任 and the 儿童督导员) the mandatory report. Opening it records that the caller saw it.
 */
export default defineHandler('alerts.get', {
  input: z.object({ alertId: id('预警ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'community', 'township'], scope: { alert: 'alertId' }, check: 'inAlertAudience' },
  run: (ctx) => alertDetail(ctx.db, ctx.grant.record, { ...actorOf(ctx), role: ctx.grant.role, principal: ctx.principal, label: ctx.grant.binding.label }),
});
