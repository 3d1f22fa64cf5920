/** Input pieces of the family-call actions, with Chinese messages. */
import { z } from 'zod';
import { CALL_MINUTES } from './clock';
import type { Weekday } from '../../../typings/domain';

/** A quarter-hour clock "19:30" (calls start on the quarter hour). */
export const quarterClock = (what = '时间') =>
  z.string({ error: `${what}必须是文字，例如 19:30` }).regex(/^([01]\d|2[0-3]):(00|15|30|45)$/, `${what}应为整刻钟，例如 19:00、19:15、19:30`);

/** Any clock "19:07" (a phone call logged afterwards). */
export const clock = (what = '时间') => z.string({ error: `${what}必须是文字，例如 19:30` }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, `${what}格式应为 HH:mm，例如 19:30`);

/** An opening-hours end may be 24:00. */
const rangeEnd = (what: string) => z.string({ error: `${what}必须是文字` }).regex(/^(([01]\d|2[0-3]):(00|15|30|45)|24:00)$/, `${what}应为整刻钟，例如 21:00`);

export const weekday = () =>
  z
    .number({ error: '星期必须是数字 1-7' })
    .int('星期必须是整数')
    .min(1, '星期应为 1（周一）到 7（周日）')
    .max(7, '星期应为 1（周一）到 7（周日）') as unknown as z.ZodType<Weekday, Weekday>;

export const callMinutes = () =>
  z
    .number({ error: '时长必须是数字' })
    .refine((m) => (CALL_MINUTES as readonly number[]).includes(m), `时长只能是 ${CALL_MINUTES.join('、')} 分钟`);

export const clockRange = (what: string) =>
  z
    .object({ start: quarterClock(`${what}开始时间`), end: rangeEnd(`${what}结束时间`) }, { error: `${what}格式不正确` })
    .strict()
    .refine((r) => r.start < r.end, `${what}的结束时间应晚于开始时间`);
