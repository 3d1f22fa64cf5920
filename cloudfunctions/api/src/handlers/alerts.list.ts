import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { ALERTS_PAGE, listAlerts } from '../../../core/archive/alerts';

/** The school's alerts for the admin (default: the open ones), newest first, a page at a time; the admin's school when none is named. */
export default defineHandler('alerts.list', {
  input: z
    .object({
      schoolId: id('学校ID').optional(),
      status: z.enum(['open', 'resolved', 'all'], { error: '状态不正确' }).optional(),
      /** The `next` cursor of the previous page. */
      before: z.string({ error: '翻页位置必须是文字' }).max(120, '翻页位置不正确').optional(),
      limit: z
        .number({ error: '每页条数必须是数字' })
        .int('每页条数必须是整数')
        .min(1, '每页至少 1 条')
        .max(ALERTS_PAGE, `每页最多 ${ALERTS_PAGE} 条`)
        .optional(),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId', mine: true } },
  async run(ctx, input) {
    const schoolId = ctx.grant.target!.schoolId;
    return { schoolId, ...(await listAlerts(ctx.db, schoolId, input)) };
  },
});
