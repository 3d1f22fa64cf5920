/**
 * Every rule about days, weeks and months is in Beijing time (Asia/Shanghai), whatever TZ the process has.
 * China has had no daylight saving since 1991, but we still go through the tz database rather than adding 8 hours by hand
 * (once per hour of time: see offsetMs).
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

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const offsets = new Map<number, number>();

/**
 * Beijing's offset from UTC (ms) at an instant, read from the tz database once per UTC hour: a school's screen works
 * out weeks and days for thousands of records, and each dayjs zone conversion costs tens of microseconds.
 */
function offsetMs(ms: number): number {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset =
      dayjs(hour * HOUR_MS)
        .tz(ZONE)
        .utcOffset() * 60_000;
    if (offsets.size >= 100_000) offsets.clear();
    offsets.set(hour, offset);
  }
  return offset;
}

/** The Beijing wall clock of an instant, as milliseconds of a UTC clock showing the same digits. */
function wallClockMs(at: Date | number): number {
  const ms = typeof at === 'number' ? at : at.getTime();
  return ms + offsetMs(ms);
}

/** The instant at which Beijing's wall clock shows `wall` (ms of a UTC clock showing those digits). */
function fromWallClockMs(wall: number): Date {
  const guess = wall - offsetMs(wall);
  // Across an offset change (Beijing's summer time before 1992) the offset at the guess is the one that holds.
  return new Date(wall - offsetMs(guess));
}

/** Days since 1970-01-01 of the Beijing calendar day. */
function beijingDayNumber(at: Date | number): number {
  return Math.floor(wallClockMs(at) / DAY_MS);
}

/** "YYYY-MM-DD" of the Beijing calendar day of an instant. */
export function beijingDate(at: Date = new Date()): string {
  return new Date(wallClockMs(at)).toISOString().slice(0, 10);
}

/** Start of the Beijing day / ISO week (Monday) / month that contains the instant. */
export function startOfBeijingDay(at: Date): Date {
  return fromWallClockMs(beijingDayNumber(at) * DAY_MS);
}

/** Days back from a day to its week's Monday (1970-01-01 was a Thursday). */
const daysSinceMonday = (dayNumber: number) => (((dayNumber + 3) % 7) + 7) % 7;

export function startOfBeijingWeek(at: Date): Date {
  const day = beijingDayNumber(at);
  return fromWallClockMs((day - daysSinceMonday(day)) * DAY_MS);
}

export function startOfBeijingMonth(at: Date): Date {
  const wall = new Date(wallClockMs(at));
  return fromWallClockMs(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1));
}

/** "YYYY-MM" of the Beijing month, used as the key of monthly rounds. */
export function beijingMonth(at: Date = new Date()): string {
  return beijingDate(at).slice(0, 7);
}

/** ISO week key like "2027-W09" (Monday-based, Beijing): the week belongs to the year of its Thursday. */
export function beijingWeekKey(at: Date): string {
  const day = beijingDayNumber(at);
  const thursday = day - daysSinceMonday(day) + 3;
  const year = new Date(thursday * DAY_MS).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY_MS) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export { dayjs };

/** A Beijing day (YYYY-MM-DD) as people read it: 12月1日. */
export const monthDayText = (day: string) => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
