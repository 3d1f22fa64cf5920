import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { readAlert } from '../../../core/alerts/mandatoryReport';

/** An alert with its mandatory-report steps (强制报告), for those who record them (not a class teacher who is not the mentor); a restricted one only for the admins and the people it names. Audited. */
export default defineHandler('mandatoryReport.get', {
  input: z.object({ alertId: id('预警ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'community', 'township'], scope: { alert: 'alertId' }, check: ['inAlertAudience', 'mayReport'] },
  run: (ctx) => readAlert(ctx.db, ctx.grant.record, actorOf(ctx)),
});
