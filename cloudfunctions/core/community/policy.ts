/**
 * How often a child is visited (入户走访), on the Beijing calendar: every quarter (three months) by default, a focus
 * child (重点帮扶, or a 困境儿童 category) every month; a community may set its own intervals. Only children who
 * need looking after are on the round: left-behind children and focus children.
 */
import type { Child, Community } from '../../../typings/domain';
import type { VisitDue, VisitPolicy } from '../../../typings/actions/community';

export const DEFAULT_POLICY: VisitPolicy = { everyMonths: 3, focusEveryMonths: 1 };

/** A visit due within this many days is shown as due soon. */
export const SOON_DAYS = 7;

export function policyOf(community: Pick<Community, 'visitEveryMonths' | 'focusEveryMonths'> | null | undefined): VisitPolicy {
  return {
    everyMonths: community?.visitEveryMonths ?? DEFAULT_POLICY.everyMonths,
    focusEveryMonths: community?.focusEveryMonths ?? DEFAULT_POLICY.focusEveryMonths,
  };
}

type DueChild = Pick<Child, 'leftBehindType' | 'focusSupport' | 'vulnerableCategories'>;

/** 重点对象: marked for focus support, or in a 困境儿童 category. */
export function isFocus(child: DueChild): boolean {
  return !!child.focusSupport?.flag || (child.vulnerableCategories?.length ?? 0) > 0;
}

export function needsVisits(child: DueChild): boolean {
  return child.leftBehindType !== 'not_left_behind' || isFocus(child);
}

/** A calendar day plus whole months (31 Jan + 1 month = 28/29 Feb), read as a plain date: no time zone involved. */
// Plain UTC arithmetic rather than a date library: a register or a rate works this out for every child.
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const lastDay = new Date(Date.UTC(y, m + months, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + months, Math.min(d, lastDay))).toISOString().slice(0, 10);
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS);
}

/** When the next visit is due and where the child stands today (a Beijing day). */
export function visitDue(child: DueChild, lastVisit: string | null, policy: VisitPolicy, today: string): { nextDue: string | null; due: VisitDue } {
  if (!needsVisits(child)) return { nextDue: null, due: 'none' };
  if (!lastVisit) return { nextDue: null, due: 'never' };
  return dueAfter(lastVisit, isFocus(child), policy, today);
}

/** When the next visit after `lastVisit` is due, and how it stands on `today`, for a child who needs visits. */
export function dueAfter(lastVisit: string, focus: boolean, policy: VisitPolicy, today: string): { nextDue: string; due: Exclude<VisitDue, 'none' | 'never'> } {
  const nextDue = addMonths(lastVisit, focus ? policy.focusEveryMonths : policy.everyMonths);
  const left = daysBetween(today, nextDue);
  return { nextDue, due: left < 0 ? 'overdue' : left <= SOON_DAYS ? 'soon' : 'ok' };
}
