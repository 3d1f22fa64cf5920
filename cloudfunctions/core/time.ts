/**
 * Every rule about days, weeks and months is in Beijing time (Asia/Shanghai), whatever TZ the process has.
 * China has had no daylight saving since 1991, but we still go through the tz database rather than adding 8 hours by hand.
 */
import dayjs from 'dayjs';
import utc from 'dayjs/plugin/utc';
import timezone from 'dayjs/plugin/timezone';

dayjs.extend(utc);
dayjs.extend(timezone);

export const ZONE = 'Asia/Shanghai';

/** A dayjs in Beijing time. */
export function beijing(at: Date | string | number = new Date()): dayjs.Dayjs {
  return dayjs(at).tz(ZONE);
}

/** Parse a Beijing wall-clock time ("2027-03-01 08:00" or "2027-03-01") into an instant. */
export function fromBeijing(wallClock: string): Date {
  return dayjs.tz(wallClock, ZONE).toDate();
}

/** "YYYY-MM-DD" of the Beijing calendar day of an instant. */
export function beijingDate(at: Date = new Date()): string {
  return beijing(at).format('YYYY-MM-DD');
}

/** Start of the Beijing day / ISO week (Monday) / month that contains the instant. */
export function startOfBeijingDay(at: Date): Date {
  return beijing(at).startOf('day').toDate();
}

export function startOfBeijingWeek(at: Date): Date {
  const d = beijing(at);
  // Count back on the calendar day, then read it as Beijing midnight: dayjs's arithmetic on a zoned date goes
  // through the process's own zone and comes out an hour off across its daylight-saving change.
  const monday = dayjs
    .utc(d.format('YYYY-MM-DD'))
    .subtract((d.day() + 6) % 7, 'day')
    .format('YYYY-MM-DD');
  return dayjs.tz(monday, ZONE).toDate();
}

export function startOfBeijingMonth(at: Date): Date {
  return beijing(at).startOf('month').toDate();
}

/** "YYYY-MM" of the Beijing month, used as the key of monthly rounds. */
export function beijingMonth(at: Date = new Date()): string {
  return beijing(at).format('YYYY-MM');
}

/** ISO week key like "2027-W09" (Monday-based, Beijing). */
export function beijingWeekKey(at: Date): string {
  const monday = beijing(startOfBeijingWeek(at));
  const thursday = monday.add(3, 'day');
  const year = thursday.year();
  const jan4 = dayjs.tz(`${year}-01-04`, ZONE);
  const week1Monday = jan4.subtract((jan4.day() + 6) % 7, 'day');
  const week = Math.round(monday.diff(week1Monday, 'day') / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export { dayjs };

/** A Beijing day (YYYY-MM-DD) as people read it: 12月1日. */
export const monthDayText = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
