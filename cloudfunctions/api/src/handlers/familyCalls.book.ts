import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { bookCalls } from '../../../core/familyCalls/booking';
import { callMinutes, quarterClock, weekday } from '../../../core/familyCalls/input';

/**
 * Book a child's weekly family video call: a series on one weekday, time and device with the chosen parents, one
 * call per week from startDate to endDate (default: the end of the term), or for `weeks` weeks (1 = a one-off).
 * Every call is checked, not only the first: the room open that day (holidays, make-up workdays, terms), the
 * device's opening hours, the device and the child free. If any call cannot be held, nothing is stored and the
 * answer lists every such date (CONFLICT, a DateConflict per date); the teacher can book again with those in skipDates.
 */
export default defineHandler('familyCalls.book', {
  input: z
    .object({
      childId: id('儿童ID'),
      deviceId: id('设备ID'),
      weekday: weekday(),
      time: quarterClock('开始时间'),
      minutes: callMinutes(),
      startDate: day('开始日期'),
      endDate: day('结束日期').optional(),
      weeks: z.number({ error: '周数必须是数字' }).int('周数必须是整数').min(1, '至少 1 周').max(30, '最多 30 周').optional(),
      parentBindingIds: z.array(id('家长ID'), { error: '请选择家长' }).min(1, '请至少选择一位家长').max(4, '最多选择 4 位家长'),
      skipDates: z.array(day('跳过的日期'), { error: '跳过的日期格式不正确' }).max(30, '跳过的日期过多').optional(),
      rebookOf: id('补约的通话ID').optional(),
    })
    .strict()
    .refine((i) => !(i.endDate && i.weeks), { message: '结束日期和周数只能填一个', path: ['weeks'] }),
  access: { roles: ['admin', 'teacher'], scope: { child: 'childId' } },
  run: (ctx, input) => bookCalls(ctx, ctx.grant.record, input),
});
