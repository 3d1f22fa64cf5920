/**
 * A row's rates (a class of the school, a school of the county) from its counts: the dashboard sends each rate's
 * label, basis and target once (the view's `rates` / `totals`) and only the numbers on every row, so a county of
 * fifty schools or a school of forty classes fits a phone's answer. The percent is rounded as the server rounds it
 * (core/dashboard/rates.ts percent(): one decimal); a page test holds the two equal.
 */
import type { RateCounts, RateView } from '../../../../typings/actions/dashboard';

export function rowRates(defs: RateView[], counts: RateCounts): RateView[] {
  return defs.map((def) => {
    const { numerator, denominator } = counts[def.key];
    const rate = denominator ? Math.round((numerator / denominator) * 1000) / 10 : null;
    return { ...def, numerator, denominator, rate, met: rate === null ? null : rate >= def.target };
  });
}
