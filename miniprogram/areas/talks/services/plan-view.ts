/** An individual education plan as the plan page shows it: days as 3月5日, reviews newest first. */
import type { PlanView } from '../../../../typings/actions/talks';
import { beijingDateTime, dayLabel } from '../../../services/time';

export function planLines(p: PlanView) {
  return {
    reasons: p.reasonLabels.join('、'),
    start: dayLabel(p.startDate, { year: 'auto' }),
    reviewDates: p.reviewDates.map((r) => ({ date: r.date, text: `${dayLabel(r.date)}${r.reviewed ? '（已复查）' : ''}` })),
    next: p.nextReview ? dayLabel(p.nextReview) : '',
    reviews: [...p.reviews].reverse().map((r) => ({ ...r, dateText: dayLabel(r.date, { year: 'auto' }), recorded: beijingDateTime(r.at) })),
    closed: p.closed ? `${dayLabel(p.closed.date, { year: 'auto' })}由${p.closed.byName}结束：${p.closed.reason}` : '',
    created: `${beijingDateTime(p.createdAt)} ${p.createdByName}制定`,
  };
}
