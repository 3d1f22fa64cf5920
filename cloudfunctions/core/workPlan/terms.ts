/**
 * The term a plan is for: one of the school calendar's terms (校历) by name, or the usual two when the calendar has
 * none (as the dashboard counts them). Unlike the dashboard a plan may be made ahead, for a term not begun yet; by
 * default today's term, else the next one, else the last.
 */
import type { TermView } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import { AppError } from '../errors';
import { loadCalendar } from '../familyCalls/calendar';
import { usualTerms } from '../dashboard/terms';
import { beijingDate } from '../time';

export function pickTerm(calendarTerms: TermView[], name: string | undefined, now: Date): { term: TermView; terms: TermView[] } {
  const today = beijingDate(now);
  const terms = [...(calendarTerms.length ? calendarTerms : usualTerms(today))].sort((a, b) => a.start.localeCompare(b.start));
  if (name !== undefined) {
    const named = terms.find((t) => t.name === name);
    if (!named) throw new AppError('NOT_FOUND', `校历里没有「${name}」这个学期`, [{ path: 'term', message: '学期不存在' }]);
    return { term: named, terms };
  }
  const term = terms.find((t) => t.start <= today && today <= t.end) ?? terms.find((t) => t.start > today) ?? terms[terms.length - 1];
  if (!term) throw new AppError('NOT_FOUND', '校历里还没有学期', [{ path: 'term', message: '没有学期' }]);
  return { term, terms };
}

export async function termOf(db: Database, schoolId: string, name: string | undefined, now: Date) {
  const calendar = await loadCalendar(db, schoolId);
  return pickTerm(calendar?.terms ?? [], name, now);
}
