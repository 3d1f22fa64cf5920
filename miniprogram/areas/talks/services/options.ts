/**
 * The choices the talk forms offer, from the labels the server owns (miniprogram/generated/talk-labels.ts), and how
 * the talk area shows days and statuses.
 */
import {
  ALERT_CONCERNS,
  CONCERN_LABELS,
  COUNSELLOR_LABELS,
  FOCUS_LABELS,
  MEASURE_LABELS,
  MOOD_SCALE,
  PLAN_CONCERNS,
  PLAN_DAYS,
  PLAN_REASON_LABELS,
  REVIEW_LABELS,
  TALKER_LABELS,
  TOPIC_LABELS,
} from '../../../generated/talk-labels';

const options = <T extends string>(labels: Record<T, string>) => (Object.keys(labels) as T[]).map((value) => ({ value, label: labels[value] }));

export const TOPICS = options(TOPIC_LABELS);
export const CONCERNS = options(CONCERN_LABELS);
export const TALKERS = options(TALKER_LABELS);
export const MOODS = MOOD_SCALE.map((m) => ({ value: m.value, label: `${m.value} ${m.label}` }));
export const PLAN_REASONS = options(PLAN_REASON_LABELS);
export const MEASURES = options(MEASURE_LABELS);
export const REVIEWS = options(REVIEW_LABELS);
export const COUNSELLORS = options(COUNSELLOR_LABELS);
export const FOCUSES = options(FOCUS_LABELS);
export const FOLLOW_UPS = [
  { value: 'done', label: '已完成' },
  { value: 'partly', label: '部分完成' },
  { value: 'not_done', label: '未完成' },
];
/** Places a talk is usually held; anything else is typed. */
export const PLACES = ['关爱室', '教室', '办公室', '家访', '操场'].map((p) => ({ value: p, label: p }));

export { ALERT_CONCERNS, PLAN_CONCERNS, PLAN_DAYS };

/** TDesign tag theme of a round status. */
export const STATUS_THEME: Record<string, 'success' | 'warning' | 'danger'> = { done: 'success', due: 'warning', overdue: 'danger' };

/** A blank text as the api wants it: null. */
export const orNull = (s: string) => (s.trim() ? s.trim() : null);
