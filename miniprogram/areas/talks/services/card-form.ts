/**
 * The talk card form (谈心记录卡): its fields, the checks made as the teacher types (the server checks again and has
 * the last word), and the input it sends.
 */
import type { ConcernTag, FollowUpInput, TalkActionInput, TalkerRole, TalkInput, TalkTopic } from '../../../../typings/actions/talks';
import { ALERT_CONCERNS, orNull, PLAN_CONCERNS, PLAN_DAYS } from './options';
import { addDays, dayLabel } from '../../../services/time';

export interface CardForm {
  date: string;
  place: string;
  talkerRole: TalkerRole;
  mood: number | null;
  topics: TalkTopic[];
  childSaid: string;
  concerns: ConcernTag[];
  concernNote: string;
  actions: TalkActionInput[];
  followUps: FollowUpInput[];
  familySummary: string;
}

export const emptyCard = (today: string, talkerRole: TalkerRole): CardForm => ({
  date: today,
  place: '关爱室',
  talkerRole,
  mood: null,
  topics: [],
  childSaid: '',
  concerns: [],
  concernNote: '',
  actions: [],
  followUps: [],
  familySummary: '',
});

const chars = (s: string) => Array.from(s.trim()).length;

/** Every problem of the form, by field ('' fields are fine). `today` and `first` bound the day (Beijing). */
export function cardErrors(f: CardForm, today: string, first: string): Record<string, string> {
  return {
    date: !f.date
      ? '请选择谈心日期'
      : f.date > today
        ? '谈心日期不能晚于今天'
        : f.date < first
          ? `谈心日期不能早于孩子建档的日期（${dayLabel(first, { year: 'always' })}）`
          : '',
    place: !f.place.trim() ? '请填写谈心地点' : chars(f.place) > 20 ? '谈心地点不能超过 20 个字' : '',
    mood: f.mood ? '' : '请选择孩子的情绪',
    topics: f.topics.length ? '' : '请至少选择一项谈话内容',
    childSaid: !f.childSaid.trim() ? '请记下孩子说的话' : chars(f.childSaid) > 2000 ? '孩子说的话不能超过 2000 个字' : '',
    concernNote: f.concerns.length && !f.concernNote.trim() ? '选了发现的问题，请简要说明情况' : chars(f.concernNote) > 500 ? '问题说明不能超过 500 个字' : '',
    familySummary: chars(f.familySummary) > 500 ? '家长可见的小结不能超过 500 个字' : '',
  };
}

/** The form's field a server error path belongs to. */
export const fieldOfPath = (path: string) =>
  path.startsWith('actions') ? 'actions' : path.startsWith('followUps') ? 'followUps' : path.split('.')[0] || 'form';

export function cardInput(childId: string, f: CardForm): TalkInput {
  return {
    childId,
    date: f.date,
    place: f.place.trim(),
    talkerRole: f.talkerRole,
    mood: f.mood ?? 0,
    topics: f.topics,
    childSaid: f.childSaid.trim(),
    concerns: f.concerns,
    concernNote: orNull(f.concernNote),
    actions: f.actions,
    followUps: f.followUps,
    familySummary: orNull(f.familySummary),
  };
}

/** What the chosen concerns will set going, said before saving. */
export function concernHint(concerns: ConcernTag[], date: string): string {
  const parts: string[] = [];
  if (concerns.some((c) => PLAN_CONCERNS.includes(c))) parts.push(`需在 ${dayLabel(addDays(date, PLAN_DAYS))} 前制定个别教育管理方案`);
  if (concerns.some((c) => ALERT_CONCERNS.includes(c))) parts.push('保存后将立即通知管理员和帮扶教师，并按强制报告制度处理');
  return parts.join('；');
}
