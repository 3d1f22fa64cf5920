import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id, text } from '../../../core/validate';
import { dayRange, weekday } from '../../../core/familyCalls/input';
import { saveCalendar } from '../../../core/familyCalls/setup';

/**
 * The admin keeps the school calendar. Saving needs the version read (0 for the first save). The answer lists the
 * calls already booked on days the new calendar closes, so they can be moved or cancelled.
 */
export default defineHandler('calendar.save', {
  input: z
    .object({
      schoolId: id('学校ID'),
      expectedVersion: z.number({ error: '版本号必须是数字' }).int('版本号必须是整数').min(0, '版本号不正确'),
      terms: z.array(dayRange('学期'), { error: '学期格式不正确' }).max(6, '最多 6 个学期'),
      holidays: z.array(dayRange('假日'), { error: '假日格式不正确' }).max(60, '最多 60 个假日'),
      makeUpDays: z
        .array(z.object({ date: day('调休上班日'), weekday: weekday(), name: text('调休说明', 20) }, { error: '调休上班日格式不正确' }).strict(), {
          error: '调休上班日格式不正确',
        })
        .max(30, '最多 30 个调休上班日'),
    })
    .strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId' } },
  run: (ctx, input) => saveCalendar(ctx, input),
});
