import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { editorOf } from '../../../core/archive/store';
import { resolveAlert } from '../../../core/archive/alerts';

/**
 * Close an alert, saying what was done (e.g. 已落实委托照护人): the admin, or the 儿童主任 / 儿童督导员 of the child's
 * community. Audited with the change; the alert then shows who closed it.
 */
export default defineHandler('alerts.resolve', {
  input: z.object({ alertId: id('预警ID'), resolution: text('处理情况', 200) }).strict(),
  access: { roles: ['admin', 'community', 'township'], scope: { alert: 'alertId' }, check: 'inAlertAudience' },
  async run(ctx, input) {
    await resolveAlert(ctx.db, input.alertId, input.resolution, { ...editorOf(ctx), label: ctx.grant.binding.label });
    return { resolved: true as const };
  },
});
