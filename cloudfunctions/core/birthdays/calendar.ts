/**
 * The day a birthday is celebrated, solar or lunar (过农历生日), as Beijing calendar days 'YYYY-MM-DD':
 * - a solar birthday on its month and day; 2月29日 in a common year on 2月28日;
 * - a lunar birthday on its lunar month and day of each lunar year, which falls on a different solar day every year
 *   (lunar-typescript): a birthday in a leap month (闰六月) is kept in that leap month in a year that has it, else in
 *   the ordinary month of the same number; the 30th of a month that has only 29 days this year is kept on the 29th.
 * Pure functions of the stored child: no clock and no time zone (days are calendar days).
 */
import { LunarYear, Solar } from 'lunar-typescript';
import { addDays, daysBetween } from '../familyCalls/clock';

export interface LunarBirthday {
  month: number;
  day: number;
  leap?: boolean;
}

/** The fields of a child a birthday needs. */
export interface BirthdaySource {
  birthDate: string;
  lunarBirthday?: LunarBirthday | null;
}

/** Children older than this are not looked for on a day (school children; it bounds the day's query). */
export const MAX_AGE = 25;

const pad = (n: number) => String(n).padStart(2, '0');
const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function ymd(day: string): { y: number; m: number; d: number } | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day ?? '');
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}

/** A stored lunar birthday that names a real lunar month and day; anything else is ignored. */
function usableLunar(l: LunarBirthday | null | undefined): LunarBirthday | null {
  return l && Number.isInteger(l.month) && l.month >= 1 && l.month <= 12 && Number.isInteger(l.day) && l.day >= 1 && l.day <= 30 ? l : null;
}

/** The solar day of a solar birthday in `year`: its month and day, 2月29日 on 2月28日 in a common year. */
export function solarBirthdayIn(birthDate: string, year: number): string | null {
  const b = ymd(birthDate);
  if (!b) return null;
  const d = b.m === 2 && b.d === 29 && !isLeapYear(year) ? 28 : b.d;
  return `${year}-${pad(b.m)}-${pad(d)}`;
}

/** The months of a lunar year: number (negative for the leap month), first day (Julian day) and length. */
interface LunarMonthSpan {
  month: number;
  first: number;
  days: number;
}

/** Lunar years already worked out: the calendar library takes a few milliseconds to build one. */
const LUNAR_YEARS = new Map<number, LunarMonthSpan[]>();

function monthsOf(lunarYear: number): LunarMonthSpan[] {
  let months = LUNAR_YEARS.get(lunarYear);
  if (!months) {
    months = LunarYear.fromYear(lunarYear)
      .getMonthsInYear()
      .map((m) => ({ month: m.getMonth(), first: m.getFirstJulianDay(), days: m.getDayCount() }));
    LUNAR_YEARS.set(lunarYear, months);
  }
  return months;
}

/** The solar day of a lunar birthday in lunar year `lunarYear` (which begins at the Spring Festival of that solar year). */
export function lunarBirthdayIn(lunar: LunarBirthday, lunarYear: number): string {
  const months = monthsOf(lunarYear);
  const span = (lunar.leap && months.find((m) => m.month === -lunar.month)) || months.find((m) => m.month === lunar.month)!;
  return Solar.fromJulianDay(span.first + Math.min(lunar.day, span.days) - 1).toYmd();
}

/** Every day in [from, to] (inclusive) on which the child's birthday is celebrated, earliest first. */
export function celebrationsBetween(child: BirthdaySource, from: string, to: string): string[] {
  const a = ymd(from);
  const b = ymd(to);
  if (!a || !b) return [];
  const lunar = usableLunar(child.lunarBirthday);
  const days: string[] = [];
  // A lunar year's days reach into the next solar year (腊月 falls in January or February).
  for (let year = a.y - 1; year <= b.y; year++) {
    const day = lunar ? lunarBirthdayIn(lunar, year) : solarBirthdayIn(child.birthDate, year);
    if (day && day >= from && day <= to) days.push(day);
  }
  if (!lunar) {
    const last = solarBirthdayIn(child.birthDate, b.y + 1);
    if (last && last >= from && last <= to) days.push(last);
  }
  return [...new Set(days)].sort();
}

/** The first day on or after `from` the birthday is celebrated. */
export function nextBirthday(child: BirthdaySource, from: string): string | null {
  return celebrationsBetween(child, from, addDays(from, 400))[0] ?? null;
}

/** The family home's next birthday: the day (today counts), the days left and whether it is kept by the lunar calendar. */
export function comingBirthday(child: BirthdaySource, today: string): { date: string; daysLeft: number; lunar: boolean } | null {
  const date = nextBirthday(child, today);
  return date ? { date, daysLeft: daysBetween(today, date), lunar: !!usableLunar(child.lunarBirthday) } : null;
}

export function celebratesOn(child: BirthdaySource, day: string): boolean {
  return celebrationsBetween(child, day, day).length > 0;
}

const LUNAR_MONTHS = ['正', '二', '三', '四', '五', '六', '七', '八', '九', '十', '冬', '腊'];
const LUNAR_DAYS = ['初', '十', '廿', '三'];
const DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 初一 … 初十, 十一 … 二十, 廿一 … 三十 */
function lunarDayName(day: number): string {
  if (day === 10) return '初十';
  if (day === 20) return '二十';
  if (day === 30) return '三十';
  return LUNAR_DAYS[Math.floor(day / 10)] + DIGITS[day % 10];
}

/** 农历七月廿二 / 农历闰六月十九, for the teacher's list. */
export function lunarLabel(lunar: LunarBirthday | null | undefined): string | null {
  const l = usableLunar(lunar);
  return l ? `农历${l.leap ? '闰' : ''}${LUNAR_MONTHS[l.month - 1]}月${lunarDayName(l.day)}` : null;
}

/**
 * What to ask the database for the children whose birthday may be celebrated on `day` (the caller keeps only those
 * `celebratesOn` says): solar birth dates with this month and day in the last MAX_AGE years (and 2月29日 on 2月28日
 * of a common year); lunar birthdays of this lunar month and day (and the 30th on the 29th of a short month).
 */
export function dayQuery(day: string): { birthDates: string[]; lunar: { month: number; days: number[] } } | null {
  const p = ymd(day);
  if (!p) return null;
  const birthDates: string[] = [];
  for (let y = p.y - MAX_AGE; y <= p.y; y++) {
    birthDates.push(`${y}-${pad(p.m)}-${pad(p.d)}`);
    if (p.m === 2 && p.d === 28 && !isLeapYear(p.y) && isLeapYear(y)) birthDates.push(`${y}-02-29`);
  }
  // The lunar month holding the day: of this lunar year, or of the last one (before the Spring Festival).
  const jd = Math.round(Solar.fromYmd(p.y, p.m, p.d).getJulianDay());
  const span = [...monthsOf(p.y), ...monthsOf(p.y - 1)].find((m) => jd >= m.first && jd < m.first + m.days)!;
  const lunarDay = jd - span.first + 1;
  const days = lunarDay === span.days && span.days === 29 ? [29, 30] : [lunarDay];
  return { birthDates, lunar: { month: Math.abs(span.month), days } };
}

/** Cards for a birthday may be written from a week before the day until a few days after it. */
export const CARD_DAYS_BEFORE = 7;
export const CARD_DAYS_AFTER = 3;

/** The birthday a card written today is for, or null when none is near enough. */
export function cardOccurrence(child: BirthdaySource, today: string): string | null {
  return celebrationsBetween(child, addDays(today, -CARD_DAYS_AFTER), addDays(today, CARD_DAYS_BEFORE))[0] ?? null;
}
