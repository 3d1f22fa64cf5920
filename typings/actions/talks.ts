/**
 * Care work with each left-behind child (谈心制度, 帮扶计划, 心理辅导): the monthly talk round and its record card
 * (谈心记录卡), individual education plans (个别教育管理方案), the term help plan (帮扶计划) with its end-of-term
 * summary (期末总结), counselling notes (心理辅导), the teacher's growth diary (成长日记) and symposiums (座谈会).
 * Days are Beijing "YYYY-MM-DD", months "YYYY-MM", instants ISO strings.
 * Everything here is internal to the school except a talk's family summary (家长可见的小结), which parents and
 * guardians read on the child page (ChildTalkBrief.family).
 */

/** 学习、生活、家庭、朋友、情绪、安全、健康 */
export type TalkTopic = 'study' | 'life' | 'family' | 'friends' | 'feelings' | 'safety' | 'health';

/**
 * Concerns found in a talk. The first four (学习严重滑坡, 人格发展不健全, 道德失范, 涉嫌违法) call for an individual
 * education plan within 14 days; 疑似受到侵害 and 无人照料 raise an urgent alert with the mandatory-report steps.
 */
export type ConcernTag = 'study_decline' | 'personality' | 'moral' | 'law' | 'psychological' | 'safety' | 'suspected_harm' | 'no_care';

/** Who talked with the child: 帮扶教师, 班主任, 心理辅导老师, 任课教师. */
export type TalkerRole = 'mentor' | 'class_teacher' | 'counsellor' | 'subject_teacher';

/** How last month's agreed action went: 已完成, 部分完成, 未完成. */
export type FollowUpStatus = 'done' | 'partly' | 'not_done';
export type ActionStatus = 'open' | FollowUpStatus;

/** A child's talk of a month: 已谈心; 待谈心 (this month); 逾期 (a past month without a talk). */
export type RoundStatus = 'done' | 'due' | 'overdue';

export interface TalkActionInput {
  /** What was agreed, e.g. 每天读书二十分钟. */
  text: string;
  /** Who does it, in words: 孩子, 奶奶, 王老师. */
  owner: string;
  dueDate: string;
}

/** How an open action of an earlier talk went, recorded on the new card. */
export interface FollowUpInput {
  talkId: string;
  actionId: string;
  status: FollowUpStatus;
  note?: string | null;
}

export interface TalkInput {
  childId: string;
  date: string;
  /** e.g. 关爱室, 教室, 家访 */
  place: string;
  talkerRole: TalkerRole;
  /** The child's mood on a five-point scale: 1 很低落 … 5 很开心. */
  mood: number;
  topics: TalkTopic[];
  /** What the child said (internal: never shown to families). */
  childSaid: string;
  concerns: ConcernTag[];
  concernNote?: string | null;
  actions: TalkActionInput[];
  followUps: FollowUpInput[];
  /** 家长可见的小结: what the mentor chooses to share with the parents and guardians. */
  familySummary?: string | null;
}

export interface TalkAction {
  id: string;
  talkId: string;
  /** The day of the talk that agreed it. */
  talkDate: string;
  text: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  statusLabel: string;
  followUpNote: string | null;
  /** The day of the talk that followed it up. */
  followedUpOn: string | null;
}

export interface TalkView {
  id: string;
  childId: string;
  childName: string;
  classId: string;
  date: string;
  place: string;
  talker: { name: string; role: TalkerRole; roleLabel: string };
  mood: number;
  moodLabel: string;
  topics: TalkTopic[];
  topicLabels: string[];
  childSaid: string;
  concerns: ConcernTag[];
  concernLabels: string[];
  concernNote: string | null;
  actions: TalkAction[];
  followUps: { talkId: string; actionId: string; text: string; status: FollowUpStatus; statusLabel: string; note: string | null }[];
  familySummary: string | null;
  /** The individual plan the concerns call for: due by, and whether one exists. */
  planRequirement: { dueDate: string; met: boolean; planId: string | null } | null;
  /** The urgent alert the concerns raised (shown to admin and mentor only). */
  alertId: string | null;
  createdAt: string;
}

/** One talk in a list. */
export interface TalkBrief {
  id: string;
  date: string;
  mood: number;
  moodLabel: string;
  talkerName: string;
  talkerRoleLabel: string;
  topicLabels: string[];
  concernLabels: string[];
  hasFamilySummary: boolean;
  openActions: number;
}

export interface RoundRow {
  childId: string;
  name: string;
  className: string;
  status: RoundStatus;
  statusLabel: string;
  /** This month's talks. */
  talks: { id: string; date: string }[];
  lastTalk: TalkBrief | null;
  /** Agreed actions not yet followed up. */
  openActions: { id: string; talkId: string; text: string; owner: string; dueDate: string }[];
  /** Whose talk it is: the mentor (帮扶教师), else the class teacher, e.g. 王老师（帮扶教师）. */
  responsible: string[];
  /** The caller is the one responsible. */
  mine: boolean;
  /** An individual plan is required by this day and none exists yet. */
  planDue: string | null;
  openPlan: boolean;
  /** An urgent alert from a talk is open (counted only for those who may see it). */
  urgent: boolean;
}

export interface RoundView {
  month: string;
  /** The month is the current Beijing month (due) rather than a past one (overdue). */
  current: boolean;
  today: string;
  scope: { kind: 'class' | 'school' | 'mine'; classId: string | null; schoolId: string; name: string };
  counts: { total: number; done: number; due: number; overdue: number };
  /** The children (a class, or the caller's own); empty for a whole school. */
  rows: RoundRow[];
  /** A whole school: each class's counts. */
  classes: { classId: string; name: string; total: number; done: number; due: number; overdue: number }[];
  previous: string;
  /** null when the next month has not begun. */
  next: string | null;
}

export type PlanReason = 'study_decline' | 'personality' | 'moral' | 'law';
/** 辅导、矫治、心理辅导、家校联系 */
export type PlanMeasureKind = 'tutoring' | 'correction' | 'counselling' | 'home_school';
/** 有进步, 无明显变化, 有退步 */
export type ReviewOutcome = 'improved' | 'same' | 'worse';

export interface PlanInput {
  childId: string;
  reasons: PlanReason[];
  reasonNote: string;
  goals: string;
  measures: { kind: PlanMeasureKind; text: string }[];
  /** The responsible teacher in words, e.g. 王老师（班主任）. */
  responsible: string;
  startDate: string;
  reviewDates: string[];
}

export interface PlanView {
  id: string;
  childId: string;
  childName: string;
  classId: string;
  status: 'open' | 'closed';
  statusLabel: string;
  reasons: PlanReason[];
  reasonLabels: string[];
  reasonNote: string;
  goals: string;
  measures: { kind: PlanMeasureKind; label: string; text: string }[];
  responsible: string;
  startDate: string;
  reviewDates: { date: string; reviewed: boolean }[];
  nextReview: string | null;
  reviews: { id: string; date: string; outcome: ReviewOutcome; outcomeLabel: string; note: string; byName: string; at: string }[];
  closed: { reason: string; date: string; byName: string } | null;
  createdAt: string;
  createdByName: string;
}

export interface PlanBrief {
  id: string;
  status: 'open' | 'closed';
  statusLabel: string;
  reasonLabels: string[];
  startDate: string;
  nextReview: string | null;
  reviews: number;
  closedOn: string | null;
}

export interface TermRef {
  name: string;
  start: string;
  end: string;
}

export interface HelpPlanInput {
  childId: string;
  /** The term's first day (the school calendar's term). */
  termStart: string;
  goals: string;
  /** 帮扶时间, e.g. 每周二、四午间 */
  schedule: string;
  /** 帮扶内容 */
  content: string;
  /** 预期阶段性效果 */
  expected: string;
  /** 学习帮手: a classmate. */
  buddyChildId: string | null;
  subjects: string[];
  /** 0 for a new plan. */
  expectedVersion: number;
}

export interface HelpPlanView {
  id: string;
  childId: string;
  childName: string;
  classId: string;
  term: TermRef;
  goals: string;
  schedule: string;
  content: string;
  expected: string;
  buddy: { childId: string; name: string } | null;
  subjects: string[];
  records: { id: string; date: string; text: string; byName: string; at: string }[];
  summary: { text: string; updatedAt: string; signedOff: { byName: string; at: string } | null } | null;
  version: number;
  createdByName: string;
}

export interface HelpPlanScreen {
  child: { id: string; name: string; classId: string };
  today: string;
  /** The term shown (the requested one, else the one containing today, else the next). */
  term: TermRef | null;
  terms: TermRef[];
  plan: HelpPlanView | null;
  /** Classmates who may be the study buddy (手拉手好朋友 first). */
  buddies: { childId: string; name: string; buddy: boolean }[];
}

export interface SummarySources {
  talks: number;
  videoCalls: number;
  missedCalls: number;
  phoneCalls: number;
  exams: number;
  reviews: number;
  records: number;
}

export interface SummaryDraft {
  planId: string;
  childName: string;
  term: TermRef;
  /** Drafted from the term's records, for the teacher to edit. */
  draft: string;
  sources: SummarySources;
  /** The summary as saved, if any. */
  saved: HelpPlanView['summary'];
  version: number;
}

export type CounsellorRole = 'class_teacher' | 'subject_teacher' | 'counsellor';
/** 品德行为偏差, 情绪/心理困扰, 两者都有 */
export type CounsellingFocus = 'behaviour' | 'emotion' | 'both';

export interface CounsellingInput {
  childId: string;
  date: string;
  counsellorRole: CounsellorRole;
  focus: CounsellingFocus;
  notes: string;
  nextSteps?: string | null;
}

export interface CounsellingView {
  id: string;
  date: string;
  counsellorName: string;
  counsellorRoleLabel: string;
  focusLabel: string;
  notes: string;
  nextSteps: string | null;
}

export interface DiaryView {
  id: string;
  date: string;
  text: string;
  byName: string;
}

/** The child's care file (a child's page in the talks area), in one call. */
export interface ChildFile {
  child: { id: string; name: string; classId: string; className: string; leftBehind: boolean; archivedOn: string };
  today: string;
  month: string;
  monthStatus: RoundStatus;
  talks: TalkBrief[];
  moreTalks: boolean;
  openActions: TalkAction[];
  /** The individual plan a talk's concerns call for, not yet made. */
  planRequirement: { dueDate: string; talkId: string; concernLabels: string[] } | null;
  plans: PlanBrief[];
  term: TermRef | null;
  helpPlan: { id: string; termName: string; records: number; summarySigned: boolean } | null;
  diary: DiaryView[];
  counselling: CounsellingView[];
  /** Open urgent alerts from talks, for those who may see them (admin, mentor). */
  alerts: { id: string; message: string; createdAt: string; steps: number }[];
  responsible: string[];
  /** The talker role the card suggests for the caller. */
  talkerRole: TalkerRole;
}

/** What the child detail page (children.get) shows of the care work. */
export interface ChildTalkBrief {
  /** Staff: the latest talk, this month's status, open plans; null for families. */
  staff: {
    latest: TalkBrief | null;
    monthStatus: RoundStatus | null;
    openPlans: PlanBrief[];
    helpPlan: { id: string; termName: string } | null;
    planDue: string | null;
  } | null;
  /** Families: the summaries the mentor shared (家长可见的小结), newest first; nothing else of a talk. */
  family: { date: string; summary: string }[];
}

export type ParticipantKind = 'mentor' | 'teacher' | 'child' | 'guardian' | 'proxy';

export interface ParticipantOption {
  kind: ParticipantKind;
  refId: string;
  name: string;
  /** e.g. 林小禾的奶奶, 三年级(1)班 */
  note: string;
}

export interface SymposiumInput {
  classId?: string;
  schoolId?: string;
  date: string;
  topic: string;
  place: string;
  participants: { kind: ParticipantKind; refId: string }[];
  /** Others present, in words. */
  others?: string | null;
  minutes: string;
  decisions: string[];
}

export interface SymposiumView {
  id: string;
  date: string;
  topic: string;
  place: string;
  participants: { kind: ParticipantKind; kindLabel: string; name: string }[];
  /** e.g. 帮扶教师 2 人、留守儿童 5 人、监护人 3 人 */
  attendance: string;
  others: string | null;
  minutes: string;
  decisions: string[];
  byName: string;
}

export interface SymposiumScreen {
  scope: { classId: string | null; schoolId: string; name: string };
  today: string;
  symposiums: SymposiumView[];
  /** Who may attend, from the care network. */
  candidates: ParticipantOption[];
}

export interface TalkActions {
  /** The monthly talk round of a class (or, for an admin, the school's classes). */
  'talks.month': { input: { classId?: string; schoolId?: string; month?: string }; output: RoundView };
  /** The caller's own round: the children they mentor and the children of the classes they teach. */
  'talks.mine': { input: { month?: string }; output: RoundView };
  'talks.child': { input: { childId: string }; output: ChildFile };
  'talks.history': { input: { childId: string; before: string }; output: { talks: TalkBrief[]; more: boolean } };
  'talks.get': { input: { talkId: string }; output: TalkView };
  'talks.record': {
    input: TalkInput;
    output: { talk: TalkView; planDue: string | null; alertId: string | null; sharedWith: number };
  };
  'plans.create': { input: PlanInput; output: PlanView };
  'plans.get': { input: { planId: string }; output: PlanView };
  'plans.review': {
    input: { planId: string; date: string; outcome: ReviewOutcome; note: string; nextReviewDate?: string | null };
    output: PlanView;
  };
  'plans.close': { input: { planId: string; reason: string }; output: PlanView };
  'helpPlans.get': { input: { childId: string; termStart?: string }; output: HelpPlanScreen };
  'helpPlans.save': { input: HelpPlanInput; output: HelpPlanView };
  'helpPlans.record': { input: { planId: string; date: string; text: string }; output: HelpPlanView };
  'helpPlans.draftSummary': { input: { planId: string }; output: SummaryDraft };
  'helpPlans.signSummary': { input: { planId: string; text: string; expectedVersion: number }; output: HelpPlanView };
  'counselling.record': { input: CounsellingInput; output: CounsellingView };
  'diary.add': { input: { childId: string; date: string; text: string }; output: DiaryView };
  'symposiums.list': { input: { classId?: string; schoolId?: string }; output: SymposiumScreen };
  'symposiums.record': { input: SymposiumInput; output: SymposiumView };
}
