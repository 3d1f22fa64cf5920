import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { resolveAlert } from '../../../core/archive/alerts';

/** The admin closes an alert, saying what was done (e.g. 已落实委托照护人). Audited with the change. */
export default defineHandler('alerts.resolve', {
  input: z.object({ alertId: id('预警ID'), resolution: text('处理情况', 200) }).strict(),
  access: { roles: ['admin'], scope: { alert: 'alertId' } },
  async run(ctx, input) {
    await resolveAlert(ctx.db, input.alertId, input.resolution, actorOf(ctx));
    return { resolved: true as const };
  },
});
