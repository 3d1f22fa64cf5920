import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { planScreen } from '../../../core/familyCalls/booking';
import { callMinutes } from '../../../core/familyCalls/input';

/**
 * The booking screen in one call: the child's parents and the times they can take calls, the devices and their
 * hours, the child's weekly bookings (and who gets their reminders), and free weekly times that suit both sides
 * over the next four weeks.
 */
export default defineHandler('familyCalls.plan', {
  input: z
    .object({
      childId: id('儿童ID'),
      minutes: callMinutes().optional(),
      parentBindingIds: z.array(id('家长ID'), { error: '家长格式不正确' }).max(10, '家长最多 10 位').optional(),
      startDate: day('开始日期').optional(),
    })
    .strict(),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => planScreen(ctx, ctx.grant.record, input),
});
