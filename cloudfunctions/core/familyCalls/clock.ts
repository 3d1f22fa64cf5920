/**
 * Beijing days, weekdays and wall clocks of family calls. Calls start on a quarter-hour grid and last whole quarter
 * hours, so "does this overlap?" becomes "do they hold a common quarter?" (the slot locks, see ./locks.ts).
 * Pure date arithmetic is done on UTC dates ("YYYY-MM-DD" has no zone), instants go through core/time.ts.
 */
import type { Weekday } from '../../../typings/domain';
import { beijing, dayjs, fromBeijing } from '../time';

export const QUARTER_MIN = 15;
export const CALL_MINUTES = [15, 30, 45, 60] as const;
export const WEEKDAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

/** "19:30" -> 1170 */
export function clockMinutes(clock: string): number {
  const [h, m] = clock.split(':').map(Number);
  return h * 60 + m;
}

/** 1170 -> "19:30" */
export function clockOf(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** ISO weekday of a Beijing calendar day. */
export function weekdayOf(date: string): Weekday {
  const d = dayjs.utc(date).day();
  return (d === 0 ? 7 : d) as Weekday;
}

export function addDays(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}

export function daysBetween(from: string, to: string): number {
  return dayjs.utc(to).diff(dayjs.utc(from), 'day');
}

/** The dates on `weekday` from `start` to `end` inclusive. */
export function weeklyDates(start: string, end: string, weekday: Weekday): string[] {
  const first = addDays(start, (weekday - weekdayOf(start) + 7) % 7);
  const out: string[] = [];
  for (let d = first; d <= end; d = addDays(d, 7)) out.push(d);
  return out;
}

/** The instant a call on this Beijing day and clock starts. */
export function startOf(date: string, time: string): Date {
  return fromBeijing(`${date} ${time}`);
}

/** The Monday (Beijing day) of the ISO week of a Beijing day. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** "3月5日" */
export function dayLabel(date: string): string {
  const d = dayjs.utc(date);
  return `${d.month() + 1}月${d.date()}日`;
}

/**
 * A call's time in a parent's words, relative to now: "今天 19:30（还有3小时）", "明天（周三）19:30",
 * "周三 19:30，还有2天", "3月12日 周三 19:30，还有9天"; for a call in the past just the day and time.
 */
export function whenLabel(startsAt: Date, now: Date): string {
  const t = beijing(startsAt);
  const date = t.format('YYYY-MM-DD');
  const clock = t.format('HH:mm');
  const wd = WEEKDAY_NAMES[weekdayOf(date)];
  const days = daysBetween(beijing(now).format('YYYY-MM-DD'), date);
  const ms = startsAt.getTime() - now.getTime();
  if (days < 0 || ms < 0) return `${dayLabel(date)} ${wd} ${clock}`;
  if (days === 0) {
    const hours = Math.floor(ms / 3600000);
    return `今天 ${clock}（${hours >= 1 ? `还有${hours}小时` : `还有${Math.max(1, Math.ceil(ms / 60000))}分钟`}）`;
  }
  if (days === 1) return `明天（${wd}）${clock}`;
  if (days <= 6) return `${wd} ${clock}，还有${days}天`;
  return `${dayLabel(date)} ${wd} ${clock}，还有${days}天`;
}

/** The Beijing day of an instant. */
export function dateOf(at: Date): string {
  return beijing(at).format('YYYY-MM-DD');
}

/** The Monday of an ISO week key "2027-W09". */
export function mondayOfWeekKey(key: string): string {
  const [year, week] = key.split('-W').map(Number);
  const jan4 = `${year}-01-04`;
  return addDays(mondayOf(jan4), (week - 1) * 7);
}
