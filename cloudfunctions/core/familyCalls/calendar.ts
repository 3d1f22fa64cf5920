/**
 * 校历: which Beijing days the care room is open for calls. A holiday closes it; a make-up workday (调休上班日,
 * a weekend day the school works) opens it with the opening hours of the weekday it stands for; outside every
 * term (寒暑假) it is closed. A school without a calendar is open every day (opening hours still apply).
 */
import type { SchoolCalendar, Weekday } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { dayLabel, weekdayOf } from './clock';

export type CalendarData = Pick<SchoolCalendar, 'terms' | 'holidays' | 'makeUpDays'>;

export const EMPTY_CALENDAR: CalendarData = { terms: [], holidays: [], makeUpDays: [] };

export async function loadCalendar(db: Database, schoolId: string): Promise<SchoolCalendar | null> {
  const res = await db.collection(COLLECTION.schoolCalendars).doc(schoolId).get();
  return (res.data[0] as SchoolCalendar | undefined) ?? null;
}

export type DayInfo = { open: true; hoursWeekday: Weekday; note: string | null } | { open: false; reason: string };

export function dayInfo(cal: CalendarData, date: string): DayInfo {
  const makeUp = cal.makeUpDays.find((m) => m.date === date);
  if (makeUp) return { open: true, hoursWeekday: makeUp.weekday, note: `${makeUp.name || '调休'}上班日` };
  const holiday = cal.holidays.find((h) => h.start <= date && date <= h.end);
  if (holiday) return { open: false, reason: `${holiday.name}放假` };
  if (cal.terms.length && !cal.terms.some((t) => t.start <= date && date <= t.end)) return { open: false, reason: '不在学期内（假期）' };
  return { open: true, hoursWeekday: weekdayOf(date), note: null };
}

/** The term a day falls in, if any. */
export function termOf(cal: CalendarData, date: string): { name: string; start: string; end: string } | null {
  return cal.terms.find((t) => t.start <= date && date <= t.end) ?? null;
}

/** Validation shared by calendar.save: terms and holidays in order, no overlapping terms, make-up days on weekends. */
export function calendarProblems(cal: CalendarData): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  cal.terms.forEach((t, i) => {
    if (t.end < t.start) problems.push({ path: `terms.${i}`, message: `学期「${t.name}」的结束日期早于开始日期` });
    cal.terms.slice(i + 1).forEach((u) => {
      if (t.start <= u.end && u.start <= t.end) problems.push({ path: `terms.${i}`, message: `学期「${t.name}」与「${u.name}」的日期重叠` });
    });
  });
  cal.holidays.forEach((h, i) => {
    if (h.end < h.start) problems.push({ path: `holidays.${i}`, message: `假日「${h.name}」的结束日期早于开始日期` });
  });
  const seen = new Set<string>();
  cal.makeUpDays.forEach((m, i) => {
    if (seen.has(m.date)) problems.push({ path: `makeUpDays.${i}`, message: `调休上班日 ${dayLabel(m.date)} 重复` });
    seen.add(m.date);
    if (weekdayOf(m.date) < 6) problems.push({ path: `makeUpDays.${i}`, message: `${dayLabel(m.date)} 本来就是工作日，调休上班日应在周六或周日` });
    if (m.weekday > 5) problems.push({ path: `makeUpDays.${i}`, message: '调休上班日应按周一到周五中的某一天上课' });
  });
  return problems;
}
