/**
 * Archive (建档), contact card (联系卡), care network (结对帮扶), alerts, import and export of the class roster.
 */
import type { ChildActivities } from './activities';
import type { Role } from '../roles';
import type { ConsentView } from './accounts';
import type { ChildTalkBrief } from './talks';
import type {
  DifficultyCategory,
  EmergencyContact,
  EnrolmentStatus,
  ExamRecord,
  Gender,
  GuardianContact,
  LeftBehindType,
  ParentContact,
  PairingKind,
  ProxyKind,
  VaccinationStatus,
  VulnerableCategory,
} from '../domain';

export interface RosterRow {
  id: string;
  name: string;
  gender: Gender;
  age: number;
  leftBehindType: LeftBehindType;
  difficulties: DifficultyCategory[];
  vulnerable: VulnerableCategory[];
  focus: boolean;
  consent: ConsentView['status'];
  /** 0–100: share of the archive items filled */
  completeness: number;
  /** 已建档: consent and the core items are there */
  archived: boolean;
  /** Short Chinese names of what is missing (缺失项), for the badges. */
  missing: string[];
  mentor: string | null;
  buddies: number;
  proxies: number;
  /** The contact card was confirmed or saved this Beijing month (信息更新). */
  cardConfirmed: boolean;
  /** An open alert (e.g. no capable guardian). */
  alert: boolean;
  updatedAt: string | null;
}

export interface RosterStats {
  total: number;
  leftBehind: number;
  /** left-behind children with an established archive */
  archived: number;
  /** 建档率, 0–100 (null when the class has no left-behind child) */
  archiveRate: number | null;
  withoutMentor: number;
  withoutBuddy: number;
  unconfirmed: number;
  alerts: number;
  focus: number;
}

export interface RosterOutput {
  schoolClass: { id: string; schoolId: string; name: string; grade: number };
  /** The classes the caller may switch to. */
  classes: { id: string; name: string }[];
  /** The Beijing month of the information-update round, "YYYY-MM". */
  month: string;
  stats: RosterStats;
  rows: RosterRow[];
}

export interface Completeness {
  score: number;
  archived: boolean;
  missing: string[];
}

export interface PairingView {
  id: string;
  kind: PairingKind;
  /** 帮扶教师 / 手拉手好朋友 / 代理家长 / 爱心妈妈 / 临时爸爸 */
  kindLabel: string;
  name: string;
  phone: string | null;
  proxyKind: ProxyKind | null;
  /** buddy: the classmate's child id */
  buddyChildId: string | null;
  startDate: string;
  endDate: string | null;
  note: string | null;
}

export interface CareView {
  mentor: PairingView | null;
  buddies: PairingView[];
  proxies: PairingView[];
  /** Pairings that have ended, newest first. */
  ended: PairingView[];
}

export interface HistoryEntryView {
  id: string;
  at: string;
  target: 'archive' | 'contactCard' | 'care';
  version: number;
  /** Who, in words (their role's label), e.g. "三年级(1)班 班主任". */
  by: string | null;
  byRole: Role | null;
  note: string | null;
  /** Values as the reader's role may see them: masked or 「（无权查看）」. */
  changes: { field: string; label: string; from: string; to: string }[];
}

export interface ContactCardView {
  parents: ParentContact[];
  guardian: GuardianContact | null;
  emergency: EmergencyContact | null;
  unreachable?: { reason: string } | null;
  version: number;
  updatedAt: string;
  confirmedAt: string | null;
}

export interface ChildDetail {
  /** The archive as the caller's role may see it. */
  child: Record<string, unknown>;
  viewAs: Role;
  /** null: no card yet (or the role may not see it) */
  contactCard: ContactCardView | null;
  care: CareView;
  consent: ConsentView;
  /** The school's staff only (admin, teacher); null for families and community work. */
  history: HistoryEntryView[] | null;
  completeness: Completeness | null;
  /** Open alerts about the child, staff only. */
  alerts: AlertView[];
  /** May the caller edit the archive, card and care network (admin, teacher)? */
  canEdit: boolean;
  /** The latest talk and open plans (staff), or the talk summaries shared with the family (./talks.ts). */
  talks: ChildTalkBrief;
  /** The child's honours (荣誉) and this school year's activities attended (./activities.ts). */
  activities: ChildActivities;
}

export interface ArchiveChangesInput {
  name?: string;
  gender?: Gender;
  birthDate?: string;
  leftBehindType?: LeftBehindType;
  keepsLunarBirthday?: boolean;
  idNumber?: string | null;
  address?: string | null;
  health?: string | null;
  hobbies?: string | null;
  studySituation?: string | null;
  studyRecords?: (Omit<ExamRecord, 'rank' | 'note' | 'scores'> & {
    scores: { subject: string; score: number; full?: number }[];
    rank?: number | null;
    note?: string | null;
  })[];
  familySituation?: string | null;
  otherParentUnableReason?: string | null;
  difficulties?: DifficultyCategory[];
  difficultyNote?: string | null;
  vulnerableCategories?: VulnerableCategory[];
  disability?: string | null;
  focusSupport?: { flag: boolean; reason?: string | null } | null;
  enrolment?: { status: EnrolmentStatus; date: string; note?: string | null } | null;
  vaccination?: VaccinationStatus | null;
}

export interface CardInput {
  parents: ParentContact[];
  guardian: GuardianContact | null;
  emergency: EmergencyContact | null;
  /** 无法联系到任何监护人, and why: a recorded state (it raises the alert), not a refusal. */
  unreachable?: { reason: string } | null;
}

export interface AlertView {
  id: string;
  /** The child's name, for the admin's list. */
  childName: string | null;
  kind: string;
  /** What it is, in Chinese: 没有有照护能力的监护人, 父母服刑或被羁押 … */
  kindLabel: string;
  /** The child may be without care or harmed (the steps include the mandatory report). */
  urgent: boolean;
  childId: string | null;
  classId: string | null;
  communityId: string | null;
  message: string;
  createdAt: string;
  /** When it went out to the people around the child (null: not yet). */
  deliveredAt: string | null;
  /** Who was told (by their role's label), and when each first opened it. */
  told: { label: string; role: Role; reason: string; seenAt: string | null }[];
  /** Who acted on it: report steps and follow-ups (for those who may see them), and the resolution. */
  acted: { label: string; what: string; at: string }[];
  resolvedAt: string | null;
  resolvedBy: string | null;
  resolution: string | null;
}

export type PairInput =
  | { childId: string; kind: 'mentor'; teacherBindingId: string; name: string; startDate?: string; note?: string | null }
  | { childId: string; kind: 'buddy'; buddyChildId: string; startDate?: string; note?: string | null }
  | { childId: string; kind: 'proxy'; proxyKind: ProxyKind; name: string; phone: string; startDate?: string; note?: string | null };

export interface ImportRowProblem {
  /** The spreadsheet's row number (as Excel shows it). */
  row: number;
  name: string | null;
  errors: string[];
}

export interface ImportPreview {
  uploadId: string;
  fileName: string;
  /** Rows that would be imported. */
  valid: number;
  invalid: number;
  /** Every invalid row and why. Nothing is written while any row is invalid. */
  problems: ImportRowProblem[];
  /** Valid rows with something dropped or worth a look (e.g. no signed consent: only the roster fields are kept). */
  warnings: ImportRowProblem[];
  /** The first valid rows, as they will be stored. */
  sample: { row: number; name: string; gender: Gender; birthDate: string; className: string; consent: boolean }[];
  /** Columns recognized, and columns ignored. */
  columns: { recognized: string[]; ignored: string[] };
  committed: boolean;
}

export interface ExportOutput {
  /** null when the whole file came in `data`; otherwise fetch chunks 1..chunks-1 with exports.chunk. */
  exportId: string | null;
  fileName: string;
  chunks: number;
  /** base64 of chunk 0 */
  data: string;
  rows: number;
}

export interface ArchiveActions {
  'archive.roster': { input: { classId?: string }; output: RosterOutput };
  /** The new record starts at archive version 1: the first archive.update names it; `child` is the archive as saved, as the caller's role sees it. */
  'archive.create': {
    input: { classId: string; name: string; gender: Gender; birthDate: string; leftBehindType: LeftBehindType };
    output: { childId: string; version: number; child: Record<string, unknown> };
  };
  'archive.update': {
    input: { childId: string; expectedVersion: number; changes: ArchiveChangesInput };
    output: { version: number; changed: string[]; alert: 'raised' | 'resolved' | null };
  };
  'archive.history': {
    input: { childId: string; before?: string; limit?: number };
    output: { entries: HistoryEntryView[]; next: string | null };
  };
  'archive.export': { input: ({ classId: string } | { schoolId: string }) & { kind: 'archive' | 'registration' }; output: ExportOutput };
  'exports.chunk': { input: { exportId: string; seq: number }; output: { seq: number; data: string } };
  'contactCards.save': {
    input: CardInput & { childId: string; expectedVersion: number };
    output: { version: number; changed: string[]; alert: 'raised' | 'resolved' | null };
  };
  'contactCards.confirm': { input: { childId: string; expectedVersion: number }; output: { confirmedAt: string } };
  'contactCards.round': {
    input: { classId: string };
    output: {
      month: string;
      total: number;
      confirmed: number;
      pending: { childId: string; name: string; confirmedAt: string | null; hasCard: boolean }[];
    };
  };
  'care.pair': { input: PairInput; output: { pairingId: string } };
  'care.end': { input: { pairingId: string; endDate?: string }; output: { ended: true } };
  'care.coverage': {
    input: { classId: string } | { schoolId: string };
    output: {
      total: number;
      covered: number;
      /** The first UNCOVERED_SHOWN of them, class by class; `more` says how many are not listed (a school has hundreds). */
      uncovered: { childId: string; name: string; classId: string; className: string; noMentor: boolean; noBuddy: boolean }[];
      more: number;
    };
  };
  'care.candidates': {
    input: { childId: string };
    output: {
      teachers: { bindingId: string; label: string; nickname: string | null }[];
      pupils: { childId: string; name: string; leftBehind: boolean }[];
    };
  };
  /** One page of the school's alerts, newest first; `before` is the previous page's `next` (null on the last page). */
  'alerts.list': {
    input: { schoolId?: string; status?: 'open' | 'resolved' | 'all'; before?: string; limit?: number };
    output: { schoolId: string; alerts: AlertView[]; next: string | null };
  };
  /** Closed only with what was done; by the admin, the 儿童主任 or the 儿童督导员. */
  'alerts.resolve': { input: { alertId: string; resolution: string }; output: { resolved: true } };
  'imports.upload': {
    input: { schoolId: string; classId?: string; uploadId?: string; fileName: string; seq: number; total: number; data: string };
    output: { uploadId: string; received: number; total: number };
  };
  'imports.preview': { input: { uploadId: string }; output: ImportPreview };
  /** A large sheet is written over several calls: call again while `remaining` (rows not yet written) is above 0. */
  'imports.commit': { input: { uploadId: string }; output: { created: number; remaining: number; consents: number; cards: number; alerts: number } };
}
