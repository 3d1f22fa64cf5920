/**
 * The talk area's records as stored, one collection each (cloudbase/collections.json). Days are Beijing
 * "YYYY-MM-DD"; people are kept by OPENID with the name they had when they wrote (cards are signed records).
 */
import type { MeetingKind, MeetingStatus } from '../../../typings/actions/activities';
import type {
  ActionStatus,
  ConcernTag,
  CounsellingFocus,
  CounsellorRole,
  FollowUpStatus,
  ParticipantKind,
  PlanMeasureKind,
  PlanReason,
  ReviewOutcome,
  TalkerRole,
  TalkTopic,
} from '../../../typings/actions/talks';

export interface Signed {
  openid: string;
  name: string;
}

export interface StoredAction {
  id: string;
  text: string;
  owner: string;
  dueDate: string;
  status: ActionStatus;
  followUpNote: string | null;
  /** The day and card of the talk that followed it up. */
  followedUpOn: string | null;
  followedUpIn: string | null;
}

/** 谈心记录卡 (collection `talks`): _id is the child, the day and the writer, so a second card of theirs that day is refused. */
export interface TalkRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  date: string;
  month: string;
  place: string;
  talkerRole: TalkerRole;
  talker: Signed;
  mood: number;
  topics: TalkTopic[];
  childSaid: string;
  concerns: ConcernTag[];
  concernNote: string | null;
  actions: StoredAction[];
  followUps: { talkId: string; actionId: string; text: string; status: FollowUpStatus; note: string | null }[];
  familySummary: string | null;
  /** The individual plan the concerns call for: due by (talk day + 14), met when a plan exists. */
  planRequirement: { dueDate: string; metAt: Date | null; planId: string | null } | null;
  /** True while the requirement waits for a plan (what the daily reminder looks for). */
  planPending: boolean;
  alertId: string | null;
  /** A card whose concerns raised a restricted alert: only these people (and the admins) read those concerns. */
  restrictedTo: string[] | null;
  createdAt: Date;
}

/** 个别教育管理方案 (collection `educationPlans`): _id `iep_<child>_<n>`, so two plans cannot open at once. */
export interface EducationPlanRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  seq: number;
  status: 'open' | 'closed';
  reasons: PlanReason[];
  reasonNote: string;
  goals: string;
  measures: { kind: PlanMeasureKind; text: string }[];
  responsible: string;
  startDate: string;
  reviewDates: string[];
  reviews: { id: string; date: string; outcome: ReviewOutcome; note: string; by: Signed; at: Date }[];
  /** The first planned review day not yet reviewed (drives the reminders). */
  nextReview: string | null;
  closed: { reason: string; date: string; by: Signed; at: Date } | null;
  createdAt: Date;
  createdBy: Signed;
  updatedAt: Date;
}

/** 帮扶计划 (collection `helpPlans`): one per child and term, _id `hp_<child>_<term start>`. */
export interface HelpPlanRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  term: { name: string; start: string; end: string };
  goals: string;
  schedule: string;
  content: string;
  expected: string;
  /** The study buddy (学习帮手), by id only: a classmate who leaves school is not named any more. */
  buddyChildId: string | null;
  subjects: string[];
  records: { id: string; date: string; text: string; by: Signed; at: Date }[];
  summary: { text: string; updatedAt: Date; signedOff: { by: Signed; at: Date } | null } | null;
  version: number;
  createdAt: Date;
  createdBy: Signed;
  updatedAt: Date;
}

/** 心理辅导 (collection `counselling`): internal notes of a session. */
export interface CounsellingRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  date: string;
  counsellorRole: CounsellorRole;
  counsellor: Signed;
  focus: CounsellingFocus;
  notes: string;
  nextSteps: string | null;
  createdAt: Date;
}

/** 教师关爱留守儿童成长日记 (collection `growthDiary`): internal by default. */
export interface DiaryRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  date: string;
  text: string;
  by: Signed;
  createdAt: Date;
}

/** 座谈会 (collection `symposiums`) of a class or the school; who came is in `symposiumAttendance`. */
export interface SymposiumRecord {
  _id: string;
  schoolId: string;
  classId: string | null;
  date: string;
  topic: string;
  place: string;
  others: string | null;
  minutes: string;
  decisions: string[];
  by: Signed;
  createdAt: Date;
  /**
   * A parent meeting or symposium scheduled ahead (core/activities/meetings.ts): its kind, the time it starts, and
   * whether it has been held (minutes written) or cancelled. A symposium recorded after the fact has none of these: it was held.
   */
  kind?: MeetingKind;
  time?: string | null;
  status?: MeetingStatus;
  /** Why it was cancelled. */
  cancelReason?: string;
  /** 议程 of a meeting scheduled ahead. */
  agenda?: string[];
}

/**
 * One person at a symposium (collection `symposiumAttendance`), with the child it concerns (the child, their guardian,
 * mentor or proxy): when a child leaves school their rows go with the rest of their data.
 */
export interface AttendanceRecord {
  _id: string;
  symposiumId: string;
  schoolId: string;
  childId: string | null;
  kind: ParticipantKind;
  refId: string;
  name: string;
}
