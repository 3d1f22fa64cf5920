/** Input pieces of the family-call actions, with Chinese messages. */
import { z } from 'zod';
import { day, id, text } from '../validate';
import { CALL_MINUTES, clockMinutes, daysBetween } from './clock';
import type { Weekday } from '../../../typings/domain';

/** A quarter-hour clock "19:30" (calls start on the quarter hour). */
export const quarterClock = (what = '时间') =>
  z.string({ error: `${what}必须是文字，例如 19:30` }).regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, `${what}应为整刻钟，例如 19:00、19:15、19:30`);

/** Any clock "19:07" (a phone call logged afterwards). */
export const clock = (what = '时间') =>
  z.string({ error: `${what}必须是文字，例如 19:30` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${what}格式应为 HH:mm，例如 19:30`);

/** An opening-hours end may be 24:00. */
const rangeEnd = (what: string) => z.string({ error: `${what}必须是文字` }).regex(/^(([01]\d|2[0-3]):(00|15|30|45)|24:00)$/, `${what}应为整刻钟，例如 21:00`);

export const weekday = () =>
  z
    .number({ error: '星期必须是数字 1-7' })
    .int('星期必须是整数')
    .min(1, '星期应为 1（周一）到 7（周日）')
    .max(7, '星期应为 1（周一）到 7（周日）') as unknown as z.ZodType<Weekday, Weekday>;

export const callMinutes = () =>
  z.number({ error: '时长必须是数字' }).refine((m) => (CALL_MINUTES as readonly number[]).includes(m), `时长只能是 ${CALL_MINUTES.join('、')} 分钟`);

export const clockRange = (what: string) =>
  z
    .object({ start: quarterClock(`${what}开始时间`), end: rangeEnd(`${what}结束时间`) }, { error: `${what}格式不正确` })
    .strict()
    .refine((r) => r.start < r.end, `${what}的结束时间应晚于开始时间`);

/** Do two clock ranges of one day overlap? */
const overlap = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  clockMinutes(a.start) < clockMinutes(b.end) && clockMinutes(b.start) < clockMinutes(a.end);

/** A device's opening ranges of one day: at most four, not overlapping. */
const dayRanges = z
  .array(clockRange('开放时间'), { error: '开放时间格式不正确' })
  .max(4, '每天最多 4 段开放时间')
  .refine((ranges) => {
    const sorted = [...ranges].sort((a, b) => clockMinutes(a.start) - clockMinutes(b.start));
    return sorted.every((r, i) => i === 0 || clockMinutes(sorted[i - 1].end) <= clockMinutes(r.start));
  }, '同一天的开放时间不能重叠');

/** A call device of a care room as the admin saves it; `id` omitted for a new one. */
export const deviceInput = () =>
  z
    .object({
      id: id('设备ID').optional(),
      name: text('设备名称', 20),
      kind: z.enum(['tablet', 'pc', 'phone'], { error: '设备类型只能是平板、电脑或手机' }),
      wechatName: text('设备微信名', 30).nullable().optional(),
      hours: z
        .object(
          {
            '1': dayRanges.optional(),
            '2': dayRanges.optional(),
            '3': dayRanges.optional(),
            '4': dayRanges.optional(),
            '5': dayRanges.optional(),
            '6': dayRanges.optional(),
            '7': dayRanges.optional(),
          },
          { error: '开放时间格式不正确' },
        )
        .strict(),
      active: z.boolean({ error: 'active 必须是布尔值' }).optional(),
    })
    .strict();

/** The weekly times a parent can take calls: at most 21 ranges, none overlapping on the same day. */
export const availabilitySlots = () =>
  z
    .array(
      z
        .object({ weekday: weekday(), start: quarterClock('开始时间'), end: rangeEnd('结束时间') }, { error: '时间段格式不正确' })
        .strict()
        .refine((s) => s.start < s.end, '结束时间应晚于开始时间'),
      { error: '时间段格式不正确' },
    )
    .max(21, '最多 21 个时间段')
    .refine((slots) => slots.every((a, i) => slots.every((b, j) => i === j || a.weekday !== b.weekday || !overlap(a, b))), '同一天的时间段不能重叠');

/** A named range of days in the school calendar (a term, a holiday): in order, at most 200 days. */
export const dayRange = (what: string) =>
  z
    .object({ name: text(`${what}名称`, 20), start: day(`${what}开始日期`), end: day(`${what}结束日期`) }, { error: `${what}格式不正确` })
    .strict()
    .refine((r) => r.start <= r.end && daysBetween(r.start, r.end) <= 200, `${what}的日期不正确（结束不早于开始，最长 200 天）`);
