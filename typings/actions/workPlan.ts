/**
 * The school's work plan for a term (工作安排): items by month with an owner (a teacher or the leading group), a
 * status and evidence (links to the records that show it done); the leading group (领导小组) and the responsibility
 * for each class and duty (目标责任制); and the term's appraisal (工作考评) of each teacher, done vs due, from the records.
 */
import type { RateKey, TermView } from './dashboard';

export type WorkItemStatus = 'todo' | 'doing' | 'done';
export type WorkOwner = { kind: 'group' } | { kind: 'teacher'; bindingId: string };
/** A live rate of the dashboard, a parent meeting (座谈会/家长会) of the school, or the term's signed help-plan summaries. */
export type EvidenceRef = { kind: 'rate'; rate: RateKey } | { kind: 'symposium'; symposiumId: string } | { kind: 'helpPlanSummaries' };
export type GroupRole = 'leader' | 'deputy' | 'member';
/** The duties a class's responsibility is split into: 建档, 结对, 亲情视频, 谈心, 家长会. */
export type DutyKey = 'archive' | 'pairing' | 'familyCall' | 'talks' | 'parentMeeting';

export interface WorkItemInput {
  /** YYYY-MM, a month of the term. */
  month: string;
  title: string;
  owner: WorkOwner;
  status: WorkItemStatus;
  evidence: EvidenceRef[];
}

export interface EvidenceView {
  kind: EvidenceRef['kind'];
  /** 建档率 12/14（85.7%） · 12月5日 家长会 · 帮扶计划期末总结 3/5 已签字 */
  label: string;
  /** The mini-program page that shows the records (path with query), null when there is none. */
  page: string | null;
  /** The ref as stored, for the editor. */
  ref: EvidenceRef;
}

export interface WorkItemView {
  id: string;
  month: string;
  title: string;
  owner: { kind: 'group' | 'teacher'; bindingId: string | null; name: string };
  status: WorkItemStatus;
  statusLabel: string;
  evidence: EvidenceView[];
}

export interface GroupMemberView {
  bindingId: string;
  name: string;
  role: GroupRole;
  roleLabel: string;
  duties: string;
}

export interface ResponsibilityView {
  classId: string;
  className: string;
  duty: DutyKey;
  dutyLabel: string;
  bindingId: string | null;
  name: string;
  /** Not assigned: the class's head teacher (班主任) answers for it. */
  byDefault: boolean;
}

export interface StaffOption {
  bindingId: string;
  /** 李老师 · 三年级(1)班 班主任 */
  name: string;
}

export interface WorkPlanView {
  schoolId: string;
  term: TermView;
  /** The school calendar's terms (to switch). */
  terms: TermView[];
  plan: {
    planId: string;
    version: number;
    months: { month: string; label: string; items: WorkItemView[] }[];
    done: number;
    total: number;
    group: GroupMemberView[];
    responsibilities: ResponsibilityView[];
  } | null;
  /** The admin edits; teachers read. */
  canEdit: boolean;
  /** The caller's own responsibilities and the items they own. */
  mine: { responsibilities: ResponsibilityView[]; items: WorkItemView[] };
  /** For the editor (admin only, else empty): who may own an item, the classes, the term's parent meetings. */
  staff: StaffOption[];
  classes: { classId: string; name: string }[];
  symposiums: { symposiumId: string; label: string }[];
  /** Every evidence an item may name (the rates, the term's parent meetings, the summaries), with its label. */
  evidenceOptions: { key: string; label: string; ref: EvidenceRef }[];
}

export interface AppraisalCell {
  done: number;
  due: number;
  rate: number | null;
}

export interface AppraisalRow {
  openid: string;
  name: string;
  /** 三年级(1)班 班主任 · 领导小组组长 */
  role: string;
  /** Per duty: what the teacher answered for (null: not theirs). */
  cells: Record<DutyKey, AppraisalCell | null>;
  total: AppraisalCell;
}

export interface AppraisalView {
  schoolId: string;
  term: TermView;
  asOf: string;
  /** When the class duties' counts were made (ISO), if they are the school's kept counts; null = counted just now. */
  countedAt: string | null;
  /** The columns, in order, with what each counts. */
  duties: { key: DutyKey; label: string; basis: string }[];
  rows: AppraisalRow[];
}

type School = { schoolId?: string };

export interface WorkPlanActions {
  'workPlan.get': { input: School & { term?: string }; output: WorkPlanView };
  'workPlan.create': { input: School & { term: string }; output: { planId: string; created: boolean } };
  'workPlan.saveItem': { input: WorkItemInput & { planId: string; itemId?: string }; output: { itemId: string; version: number } };
  'workPlan.removeItem': { input: { planId: string; itemId: string }; output: { version: number } };
  'workPlan.saveGroup': {
    input: {
      planId: string;
      members: { bindingId: string; role: GroupRole; duties: string }[];
      responsibilities: { classId: string; duty: DutyKey; bindingId: string }[];
    };
    output: { version: number };
  };
  'workPlan.appraisal': { input: School & { term?: string }; output: AppraisalView };
}
