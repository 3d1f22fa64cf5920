/**
 * The visit rules of policy.ts (who is a 重点对象, how often a child is visited, when a visit is overdue) as
 * aggregation expressions, so the database can judge every child of a township or a county and return only sums.
 * A child's document is `$$ROOT`; its community is an expression (e.g. the first of a $lookup).
 */
import { DEFAULT_POLICY, addMonths } from './policy';
import { dayjs } from '../time';

/** Longest visit interval a community may set, in months. */
export const MAX_INTERVAL = 24;

const nextDay = (day: string) => dayjs.utc(day).add(1, 'day').format('YYYY-MM-DD');

/**
 * The first visit day that is still within an interval of `months` on `asOf` (addMonths(day, months) >= asOf),
 * for every interval: addMonths clips to a month's end, so this is found by stepping, not by subtracting.
 */
export function visitThresholds(asOf: string): string[] {
  return Array.from({ length: MAX_INTERVAL + 1 }, (_, months) => {
    let day = dayjs.utc(asOf).subtract(months, 'month').subtract(3, 'day').format('YYYY-MM-DD');
    while (addMonths(day, months) < asOf) day = nextDay(day);
    return day;
  });
}

/** isFocus: marked for focus support, or in a 困境儿童 category. */
export const focusExpr = {
  $or: [{ $eq: [{ $ifNull: ['$focusSupport.flag', false] }, true] }, { $gt: [{ $size: { $ifNull: ['$vulnerableCategories', []] } }, 0] }],
};

/** needsVisits: a left-behind child or a focus child. */
export const needsVisitsExpr = { $or: [{ $ne: ['$leftBehindType', 'not_left_behind'] }, focusExpr] };

/** The child's visit interval in months under its community's policy (policyOf). */
export function intervalExpr(community: unknown) {
  return {
    $let: {
      vars: { c: community },
      in: {
        $cond: [
          focusExpr,
          { $ifNull: ['$$c.focusEveryMonths', DEFAULT_POLICY.focusEveryMonths] },
          { $ifNull: ['$$c.visitEveryMonths', DEFAULT_POLICY.everyMonths] },
        ],
      },
    },
  };
}

/**
 * A last visit (a day, or null) still within the interval on `asOf`: not overdue (visitDue). The thresholds are a
 * $literal, so the database takes the array as it is rather than evaluating its 25 days for every child.
 */
export function visitedInTime(lastVisit: unknown, interval: unknown, asOf: string) {
  return { $gte: [{ $ifNull: [lastVisit, ''] }, { $arrayElemAt: [{ $literal: visitThresholds(asOf) }, { $min: [interval, MAX_INTERVAL] }] }] };
}
