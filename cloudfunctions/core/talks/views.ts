/** What pages see of the talk area's records (every label in Chinese, instants as ISO strings). */
import type {
  CounsellingView,
  DiaryView,
  HelpPlanView,
  PlanBrief,
  PlanView,
  SymposiumView,
  TalkAction,
  TalkBrief,
  TalkView,
} from '../../../typings/actions/talks';
import type {
  AttendanceRecord,
  CounsellingRecord,
  DiaryRecord,
  EducationPlanRecord,
  HelpPlanRecord,
  StoredAction,
  SymposiumRecord,
  TalkRecord,
} from './records';
import {
  ACTION_STATUS_LABELS,
  CONCERN_LABELS,
  COUNSELLOR_LABELS,
  FOCUS_LABELS,
  MEASURE_LABELS,
  moodLabel,
  PARTICIPANT_LABELS,
  PLAN_REASON_LABELS,
  REVIEW_LABELS,
  TALKER_LABELS,
  TOPIC_LABELS,
  ALERT_CONCERNS,
} from './labels';
import { maySeeAlert, type AlertViewer } from '../alerts/audience';

/**
 * A card as this reader may see it: when its concerns raised a restricted alert (a suspected harm), a reader outside
 * the alert's audience (and not its writer) sees the card without those concerns and the note on them.
 */
export function asSeenBy<T extends Pick<TalkRecord, 'concerns' | 'restrictedTo'>>(t: T, viewer: AlertViewer): T {
  if (!t.restrictedTo || maySeeAlert({ audience: t.restrictedTo }, viewer)) return t;
  const rest = t.concerns.filter((c) => !ALERT_CONCERNS.includes(c));
  return { ...t, concerns: rest, concernNote: rest.length ? '（说明仅管理员和帮扶教师可见）' : null, alertId: null };
}

export function actionView(talk: Pick<TalkRecord, '_id' | 'date'>, a: StoredAction): TalkAction {
  return {
    id: a.id,
    talkId: talk._id,
    talkDate: talk.date,
    text: a.text,
    owner: a.owner,
    dueDate: a.dueDate,
    status: a.status,
    statusLabel: ACTION_STATUS_LABELS[a.status],
    followUpNote: a.followUpNote,
    followedUpOn: a.followedUpOn,
  };
}

export function talkView(t: TalkRecord, childName: string): TalkView {
  return {
    id: t._id,
    childId: t.childId,
    childName,
    classId: t.classId,
    date: t.date,
    place: t.place,
    talker: { name: t.talker.name, role: t.talkerRole, roleLabel: TALKER_LABELS[t.talkerRole] },
    mood: t.mood,
    moodLabel: moodLabel(t.mood),
    topics: t.topics,
    topicLabels: t.topics.map((x) => TOPIC_LABELS[x]),
    childSaid: t.childSaid,
    concerns: t.concerns,
    concernLabels: t.concerns.map((x) => CONCERN_LABELS[x]),
    concernNote: t.concernNote,
    actions: t.actions.map((a) => actionView(t, a)),
    followUps: t.followUps.map((f) => ({ ...f, statusLabel: ACTION_STATUS_LABELS[f.status] })),
    familySummary: t.familySummary,
    planRequirement: t.planRequirement ? { dueDate: t.planRequirement.dueDate, met: !!t.planRequirement.metAt, planId: t.planRequirement.planId } : null,
    alertId: t.alertId,
    createdAt: t.createdAt.toISOString(),
  };
}

/** What a card's brief is made of (a round reads only these fields of a child's last card). */
export type BriefSource = Pick<TalkRecord, '_id' | 'date' | 'mood' | 'talkerRole' | 'topics' | 'concerns' | 'familySummary'> & {
  talker: Pick<TalkRecord['talker'], 'name'>;
  actions: Pick<StoredAction, 'status'>[];
};

export function talkBrief(t: BriefSource): TalkBrief {
  return {
    id: t._id,
    date: t.date,
    mood: t.mood,
    moodLabel: moodLabel(t.mood),
    talkerName: t.talker.name,
    talkerRoleLabel: TALKER_LABELS[t.talkerRole],
    topicLabels: t.topics.map((x) => TOPIC_LABELS[x]),
    concernLabels: t.concerns.map((x) => CONCERN_LABELS[x]),
    hasFamilySummary: !!t.familySummary,
    openActions: t.actions.filter((a) => a.status === 'open').length,
  };
}

export function planView(p: EducationPlanRecord, childName: string): PlanView {
  const reviewed = new Set(p.reviews.map((r) => r.date));
  return {
    id: p._id,
    childId: p.childId,
    childName,
    classId: p.classId,
    status: p.status,
    statusLabel: p.status === 'open' ? '进行中' : '已结束',
    reasons: p.reasons,
    reasonLabels: p.reasons.map((r) => PLAN_REASON_LABELS[r]),
    reasonNote: p.reasonNote,
    goals: p.goals,
    measures: p.measures.map((m) => ({ ...m, label: MEASURE_LABELS[m.kind] })),
    responsible: p.responsible,
    startDate: p.startDate,
    reviewDates: p.reviewDates.map((date) => ({ date, reviewed: reviewed.has(date) || p.reviews.some((r) => r.date >= date) })),
    nextReview: p.status === 'open' ? p.nextReview : null,
    reviews: p.reviews.map((r) => ({
      id: r.id,
      date: r.date,
      outcome: r.outcome,
      outcomeLabel: REVIEW_LABELS[r.outcome],
      note: r.note,
      byName: r.by.name,
      at: r.at.toISOString(),
    })),
    closed: p.closed ? { reason: p.closed.reason, date: p.closed.date, byName: p.closed.by.name } : null,
    createdAt: p.createdAt.toISOString(),
    createdByName: p.createdBy.name,
  };
}

export function planBrief(p: EducationPlanRecord): PlanBrief {
  return {
    id: p._id,
    status: p.status,
    statusLabel: p.status === 'open' ? '进行中' : '已结束',
    reasonLabels: p.reasons.map((r) => PLAN_REASON_LABELS[r]),
    startDate: p.startDate,
    nextReview: p.status === 'open' ? p.nextReview : null,
    reviews: p.reviews.length,
    closedOn: p.closed?.date ?? null,
  };
}

export function helpPlanView(p: HelpPlanRecord, childName: string, buddyName: string | null): HelpPlanView {
  return {
    id: p._id,
    childId: p.childId,
    childName,
    classId: p.classId,
    term: p.term,
    goals: p.goals,
    schedule: p.schedule,
    content: p.content,
    expected: p.expected,
    buddy: p.buddyChildId && buddyName ? { childId: p.buddyChildId, name: buddyName } : null,
    subjects: p.subjects,
    records: p.records.map((r) => ({ id: r.id, date: r.date, text: r.text, byName: r.by.name, at: r.at.toISOString() })),
    summary: p.summary
      ? {
          text: p.summary.text,
          updatedAt: p.summary.updatedAt.toISOString(),
          signedOff: p.summary.signedOff ? { byName: p.summary.signedOff.by.name, at: p.summary.signedOff.at.toISOString() } : null,
        }
      : null,
    version: p.version,
    createdByName: p.createdBy.name,
  };
}

export const counsellingView = (c: CounsellingRecord): CounsellingView => ({
  id: c._id,
  date: c.date,
  counsellorName: c.counsellor.name,
  counsellorRoleLabel: COUNSELLOR_LABELS[c.counsellorRole],
  focusLabel: FOCUS_LABELS[c.focus],
  notes: c.notes,
  nextSteps: c.nextSteps,
});

export const diaryView = (d: DiaryRecord): DiaryView => ({ id: d._id, date: d.date, text: d.text, byName: d.by.name });

/** A symposium with who came. */
export function symposiumView(s: SymposiumRecord, attendance: AttendanceRecord[]): SymposiumView {
  const participants = attendance.map((p) => ({ kind: p.kind, kindLabel: PARTICIPANT_LABELS[p.kind], name: p.name }));
  const counts = (Object.keys(PARTICIPANT_LABELS) as (keyof typeof PARTICIPANT_LABELS)[])
    .map((kind) => [kind, participants.filter((p) => p.kind === kind).length] as const)
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${PARTICIPANT_LABELS[kind]} ${n} 人`);
  return {
    id: s._id,
    date: s.date,
    topic: s.topic,
    place: s.place,
    participants,
    attendance: counts.join('、') || '未登记参加人员',
    others: s.others,
    minutes: s.minutes,
    decisions: s.decisions,
    byName: s.by.name,
  };
}
