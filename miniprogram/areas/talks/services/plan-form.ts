/** The individual education plan's forms: the new plan, a review, closing. Checks as people type; the server has the last word. */
import type { PlanInput, PlanMeasureKind, PlanReason, ReviewOutcome } from '../../../../typings/actions/talks';
import { addDays, dayLabel } from '../../../services/time';
import { MEASURES } from './options';

export interface PlanForm {
  reasons: PlanReason[];
  reasonNote: string;
  goals: string;
  /** the measure kinds chosen, and what each is */
  kinds: PlanMeasureKind[];
  measureText: Record<string, string>;
  responsible: string;
  startDate: string;
  reviewDates: string[];
}

export const emptyPlan = (today: string, reasons: PlanReason[], responsible: string): PlanForm => ({
  reasons,
  reasonNote: '',
  goals: '',
  kinds: [],
  measureText: {},
  responsible,
  startDate: today,
  reviewDates: today ? [addDays(today, 28)] : [],
});

export function planErrors(f: PlanForm, today: string): Record<string, string> {
  return {
    reasons: f.reasons.length ? '' : '请至少选择一项原因',
    reasonNote: f.reasonNote.trim() ? '' : '请写下具体情况',
    goals: f.goals.trim() ? '' : '请写下教育目标',
    measures: !f.kinds.length ? '请至少选择一项措施' : f.kinds.some((k) => !f.measureText[k]?.trim()) ? '请写下每项措施的做法' : '',
    responsible: f.responsible.trim() ? '' : '请填写负责教师',
    startDate: f.startDate > today ? '开始日期不能晚于今天' : '',
    reviewDates: !f.reviewDates.length ? '请至少安排一次复查' : f.reviewDates.some((d) => d <= f.startDate) ? `复查日期应晚于${dayLabel(f.startDate)}` : '',
  };
}

export const planFieldOf = (path: string) => (path.startsWith('measures') ? 'measures' : path.startsWith('reviewDates') ? 'reviewDates' : path.split('.')[0]);

export function planInput(childId: string, f: PlanForm): PlanInput {
  return {
    childId,
    reasons: f.reasons,
    reasonNote: f.reasonNote.trim(),
    goals: f.goals.trim(),
    measures: f.kinds.map((kind) => ({ kind, text: f.measureText[kind].trim() })),
    responsible: f.responsible.trim(),
    startDate: f.startDate,
    reviewDates: [...new Set(f.reviewDates)].sort(),
  };
}

export const measureRows = (f: PlanForm) =>
  MEASURES.filter((m) => f.kinds.includes(m.value)).map((m) => ({ kind: m.value, label: m.label, text: f.measureText[m.value] ?? '' }));

export interface ReviewForm {
  date: string;
  outcome: ReviewOutcome[];
  note: string;
  next: string;
}

export const emptyReview = (today: string): ReviewForm => ({ date: today, outcome: [], note: '', next: '' });

export function reviewProblem(r: ReviewForm): string {
  if (!r.outcome.length) return '请选择复查结果';
  if (!r.note.trim()) return '请写下复查看到的情况';
  if (r.next && r.next <= r.date) return '下次复查日期应晚于这次';
  return '';
}
