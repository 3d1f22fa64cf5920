import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { listAlerts } from '../../../core/archive/alerts';

/** The school's alerts for the admin (default: the open ones), newest first; the admin's school when none is named. */
export default defineHandler('alerts.list', {
  input: z.object({ schoolId: id('学校ID').optional(), status: z.enum(['open', 'resolved', 'all'], { error: '状态不正确' }).optional() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId', mine: true } },
  async run(ctx, input) {
    const schoolId = ctx.grant.target!.schoolId;
    return { schoolId, alerts: await listAlerts(ctx.db, schoolId, input.status ?? 'open') };
  },
});
