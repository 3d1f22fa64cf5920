/**
 * 每月谈心 (the monthly talk round): every left-behind child is due one talk a month with their mentor (the class
 * teacher when they have none). The round of a month opens on its 1st in Beijing time; a child is due from the month
 * their archive was made. A month's talk is done once any card of that month exists; while the month runs it is due,
 * once it is over, overdue. Nothing is stored for the round itself: it is read from the children and the cards, so
 * it can never disagree with them.
 */
import type { Child } from '../../../typings/domain';
import type { RoundStatus } from '../../../typings/actions/talks';
import type { Database } from '../cloud';
import { beijing, beijingMonth, dayjs, fromBeijing } from '../time';
import { invalid } from '../errors';

export type RoundChild = Pick<Child, '_id' | 'name' | 'classId' | 'schoolId' | 'leftBehindType' | 'createdAt' | 'deletedAt'>;

export const ROUND_CHILD_FIELDS = { _id: true, name: true, classId: true, schoolId: true, leftBehindType: true, createdAt: true, deletedAt: true };

/** The kinds of left-behind child who are due a monthly talk. */
export const TALK_DUE_TYPES: Child['leftBehindType'][] = ['both_away', 'one_away_other_unable'];

export function isLeftBehind(c: Pick<Child, 'leftBehindType' | 'deletedAt'>): boolean {
  return !c.deletedAt && TALK_DUE_TYPES.includes(c.leftBehindType);
}

/** Is the child due a talk in `month`: left behind, and on the roll by then. */
export function dueIn(c: RoundChild, month: string): boolean {
  return isLeftBehind(c) && beijingMonth(c.createdAt) <= month;
}

/** The same rule as a filter on `children`: the database then returns (or counts) only the children due in `month`. */
export function dueWhere(db: Database, month: string): Record<string, unknown> {
  const _ = db.command;
  return { deletedAt: null, leftBehindType: _.in(TALK_DUE_TYPES), createdAt: _.lt(fromBeijing(`${shiftMonth(month, 1)}-01`)) };
}

export function roundStatus(talks: number, month: string, now: Date): RoundStatus {
  if (talks > 0) return 'done';
  return month < beijingMonth(now) ? 'overdue' : 'due';
}

export function shiftMonth(month: string, by: number): string {
  return dayjs.utc(`${month}-01`).add(by, 'month').format('YYYY-MM');
}

/** The month a list shows: the one asked for (not one still to come), else the current Beijing month. */
export function monthOf(requested: string | undefined, now: Date): string {
  const current = beijingMonth(now);
  if (requested && requested > current) throw invalid('这个月还没到，不能查看', 'month');
  return requested ?? current;
}

/** The first and last Beijing day of a month. */
export function monthDays(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  return { first, last: dayjs.utc(first).endOf('month').format('YYYY-MM-DD') };
}

/** The day of the month the mid-month nudge goes out (Beijing). */
export const NUDGE_DAY = 20;

export const isNudgeDay = (now: Date) => beijing(now).date() === NUDGE_DAY;
