import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { callHistory } from '../../../core/familyCalls/screens';

/** A child's contact history up to now, newest first: video calls (any status) and family-phone calls, 20 at a time. */
export default defineHandler('familyCalls.history', {
  input: z.object({ childId: id('儿童ID'), before: z.iso.datetime({ error: '时间格式不正确' }).optional() }).strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian'], scope: { child: 'childId' } },
  run: (ctx, input) => callHistory(ctx, input.childId, input.before),
});
