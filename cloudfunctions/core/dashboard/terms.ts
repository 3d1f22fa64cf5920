/**
 * The term a dashboard counts: one of the school calendar's terms (校历), by name; by default the term today falls
 * in, else the last one that has begun. A school without terms in its calendar has the usual two: the spring term
 * (2月1日–7月31日) and the autumn term (8月1日–次年1月31日). All days are Beijing days.
 */
import type { TermView } from '../../../typings/actions/dashboard';
import { AppError } from '../errors';
import { beijingDate, dayjs } from '../time';

/** The usual terms around a Beijing day: the autumn term before, the spring term and the autumn term of its year. */
export function usualTerms(today: string): TermView[] {
  const year = Number(today.slice(0, 4));
  const autumn = (y: number): TermView => ({ name: `${y}年秋季学期`, start: `${y}-08-01`, end: `${y + 1}-01-31` });
  const spring = (y: number): TermView => ({ name: `${y}年春季学期`, start: `${y}-02-01`, end: `${y}-07-31` });
  return [autumn(year - 1), spring(year), autumn(year)];
}

export function resolveTerm(calendarTerms: TermView[], name: string | undefined, now: Date): { term: TermView; terms: TermView[] } {
  const today = beijingDate(now);
  const terms = (calendarTerms.length ? calendarTerms : usualTerms(today)).filter((t) => t.start <= today).sort((a, b) => a.start.localeCompare(b.start));
  if (name !== undefined) {
    const named = terms.find((t) => t.name === name);
    if (!named) throw new AppError('NOT_FOUND', `没有「${name}」这个学期，或它还没有开始`, [{ path: 'term', message: '学期不存在或尚未开始' }]);
    return { term: named, terms };
  }
  const term = terms.find((t) => t.start <= today && today <= t.end) ?? terms[terms.length - 1];
  if (!term) throw new AppError('NOT_FOUND', '校历里还没有已开始的学期', [{ path: 'term', message: '没有已开始的学期' }]);
  return { term, terms };
}

/** The day the rates stand at: today, or the term's last day once it is over. */
export function asOfDay(term: TermView, now: Date): string {
  const today = beijingDate(now);
  return today < term.end ? today : term.end;
}

/** The months of the term up to the day the rates stand at. */
export function termMonths(term: TermView, asOf: string): string[] {
  const out: string[] = [];
  for (let m = dayjs.utc(`${term.start.slice(0, 7)}-01`); m.format('YYYY-MM') <= asOf.slice(0, 7); m = m.add(1, 'month')) out.push(m.format('YYYY-MM'));
  return out;
}

/** The school year (学年, from 9月1日) a day falls in: parent education counts once a year. */
export function schoolYear(day: string): { start: string; end: string } {
  const year = Number(day.slice(0, 4)) - (day.slice(5) < '09-01' ? 1 : 0);
  return { start: `${year}-09-01`, end: `${year + 1}-08-31` };
}
