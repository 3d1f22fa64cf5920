import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { clock } from '../../../core/familyCalls/input';
import { optionalText } from '../../../core/talks/input';
import { addReportStep } from '../../../core/alerts/mandatoryReport';

/**
 * A step of the mandatory report on an alert: a report (who, to whom — 公安、民政、教育局、妇联 or another body — when,
 * the case number) or a follow-up (what happened). Time-stamped; steps are only added. Audited with the change.
 */
export default defineHandler('mandatoryReport.addStep', {
  input: z
    .object({
      alertId: id('预警ID'),
      step: z
        .object(
          {
            kind: z.enum(['report', 'follow_up'], { error: '请选择是报告还是跟进' }),
            actor: text('报告人', 20),
            agency: z
              .enum(['police', 'civil_affairs', 'education_bureau', 'womens_federation', 'other'], { error: '报告部门只能是公安、民政、教育局、妇联或其他' })
              .nullable()
              .optional(),
            agencyName: optionalText('部门名称', 40),
            date: day('日期'),
            time: clock('时间'),
            caseNumber: optionalText('回执或案件编号', 40),
            note: optionalText('情况说明', 500),
          },
          { error: '报告记录格式不正确' },
        )
        .strict(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher', 'community', 'township'], scope: { alert: 'alertId' }, check: ['inAlertAudience', 'mayReport'] },
  run: (ctx, input) => addReportStep(ctx.db, input.alertId, input.step, { ...actorOf(ctx), label: ctx.grant.binding.label }),
});
