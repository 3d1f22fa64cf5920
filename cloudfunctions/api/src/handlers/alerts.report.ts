import { defineHandler } from '../handler';
import { editorOf } from '../../../core/archive/store';
import { addReportStep, reportStepSchema } from '../../../core/alerts/mandatoryReport';

/**
 * A step of the mandatory report (强制报告) on an alert: the report to 公安, 民政, 教育 or 妇联, or a follow-up;
 * time-stamped and audited with the change.
 */
export default defineHandler('alerts.report', {
  input: reportStepSchema,
  access: { roles: ['admin', 'teacher', 'community', 'township'], scope: { alert: 'alertId' }, check: 'mayReport' },
  run: (ctx, input) => addReportStep(ctx.db, input.alertId, input, { ...editorOf(ctx), label: ctx.grant.binding.label }),
});
