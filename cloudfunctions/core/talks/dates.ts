/** The days a care record may carry: not in the future, not before the child's archive was made. */
import type { Child } from '../../../typings/domain';
import { invalid } from '../errors';
import { beijingDate } from '../time';
import { addDays, dayLabel } from '../familyCalls/clock';

/** The Beijing day the child's archive was made. */
export const archiveDay = (child: Pick<Child, 'createdAt'>) => beijingDate(child.createdAt);

/** 2026年3月5日 */
export const fullDay = (date: string) => `${date.slice(0, 4)}年${dayLabel(date)}`;

/** INVALID_INPUT unless `date` lies between the child's archive day and today (Beijing). */
export function checkRecordDay(date: string, child: Pick<Child, 'createdAt'>, now: Date, path: string, what: string): void {
  if (date > beijingDate(now)) throw invalid(`${what}不能晚于今天`, path);
  const first = archiveDay(child);
  if (date < first) throw invalid(`${what}不能早于孩子建档的日期（${fullDay(first)}）`, path);
}

export { addDays, dayLabel };
