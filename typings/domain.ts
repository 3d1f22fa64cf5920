/**
 * Domain records as stored (one collection each). Names are English; the Chinese term is the real name.
 * Dates are Date objects in the database; "YYYY-MM-DD" strings are Beijing calendar days.
 */
import type { Role } from './roles';

export interface School {
  _id: string;
  name: string;
  /** The county (县教育局) the school reports to; none for a school on its own. */
  countyId?: string | null;
  createdAt: Date;
}

/** 县: a deployment serves one county, whose education bureau sees its schools' rates (never a child). */
export interface County {
  _id: string;
  name: string;
  createdAt: Date;
}

/** 班级 */
export interface SchoolClass {
  _id: string;
  schoolId: string;
  /** 年级, e.g. 3 for 三年级 */
  grade: number;
  /** e.g. "三年级(2)班" */
  name: string;
  /** 所属社区/村, for community workers' scope */
  communityId: string | null;
  archivedAt?: Date | null;
  /** When a pupil was last added by hand: writing it makes two additions to the class take turns. */
  rosterChangedAt?: Date;
  /** An import writing into the class until then: no pupil is added by hand meanwhile. */
  importing?: { batchId: string; until: Date } | null;
}

/** 社区/村 */
export interface Community {
  _id: string;
  schoolId: string;
  name: string;
  /** The township (乡镇/街道) it belongs to: its 儿童督导员 oversees it. */
  townshipId?: string | null;
  /** Months between home visits of a child (default 3, one quarter) and of a focus child (default 1). */
  visitEveryMonths?: number | null;
  focusEveryMonths?: number | null;
}

export type Gender = 'male' | 'female';

/** 留守类型: both parents away / one away and the other unable to care */
export type LeftBehindType = 'both_away' | 'one_away_other_unable' | 'not_left_behind';

/** 学籍状态: 在籍, 转入, 转出, 休学, 辍学. */
export type EnrolmentStatus = 'enrolled' | 'transferred_in' | 'transferred_out' | 'suspended' | 'dropped_out';

export interface Enrolment {
  status: EnrolmentStatus;
  /** YYYY-MM-DD (Beijing) the status took effect. */
  date: string;
  note: string | null;
}

/** 计划免疫接种: 已全程接种, 未全程接种, 不详. */
export type VaccinationStatus = 'complete' | 'incomplete' | 'unknown';

/** A child of the school; the archive (档案) lives on this record, the contact card in `contactCards`. */
export interface Child {
  _id: string;
  schoolId: string;
  classId: string;
  communityId: string | null;
  name: string;
  gender: Gender;
  /** YYYY-MM-DD (solar) */
  birthDate: string;
  /** The family keeps the lunar birthday: month/day in the lunar calendar. */
  lunarBirthday?: { month: number; day: number; leap?: boolean } | null;
  leftBehindType: LeftBehindType;
  focusSupport?: { flag: boolean; reason: string } | null;
  // ── the archive (档案); see ChildArchive below for the fields added by the archive module ──
  /** 身份证号 (18 digits, GB 11643 checksum) */
  idNumber?: string | null;
  /** 家庭住址 */
  address?: string | null;
  /** 健康状况 */
  health?: string | null;
  /** 兴趣爱好 */
  hobbies?: string | null;
  /** 学习情况 (free text) */
  studySituation?: string | null;
  /** 进步档案: scores per exam */
  studyRecords?: ExamRecord[];
  /** 家庭情况 */
  familySituation?: string | null;
  /** For one_away_other_unable: why the parent at home cannot care (重病、残疾、服刑…). */
  otherParentUnableReason?: string | null;
  /** 困难 / 问题 categories */
  difficulties?: DifficultyCategory[];
  /** What the difficulties are, in words (required when any category is set). */
  difficultyNote?: string | null;
  /** 困境儿童 categories */
  vulnerableCategories?: VulnerableCategory[];
  /** 残疾类别与等级 (required for the disabled category). */
  disability?: string | null;
  /** 学籍状态: enrolment with the day it took effect (入学率/巩固率); none recorded = on the roll (在籍). */
  enrolment?: Enrolment | null;
  /** 计划免疫接种 as the health record shows it. */
  vaccination?: VaccinationStatus | null;
  /** Version of the archive, +1 on every change (archiveHistory keeps the diffs). */
  archiveVersion?: number;
  updatedBy?: string | null;
  createdAt: Date;
  updatedAt: Date;
  /** Set when the child left school and their data was removed (tombstone keeps only ids). */
  deletedAt?: Date | null;
  [field: string]: unknown;
}

/** A person's role in one scope (身份绑定). */
export interface BindingRecord {
  _id: string;
  openid: string;
  role: Role;
  schoolId: string | null;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  /** For a 儿童督导员 (township role): the township whose communities they oversee. */
  townshipId?: string | null;
  /** For a county admin (县教育局): the county. */
  countyId?: string | null;
  label: string;
  /** For a teacher: 班主任 (head) or 任课/帮扶 */
  title?: string;
  createdAt: Date;
  revokedAt?: Date | null;
}

/** An invitation (邀请码): only the code's hash is stored. */
export interface InviteRecord {
  _id: string;
  codeHash: string;
  role: Role;
  schoolId: string;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  townshipId?: string | null;
  label: string;
  title?: string | null;
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
  revokedAt: Date | null;
}

export interface UserRecord {
  _id: string;
  openid: string;
  nickname: string | null;
  createdAt: Date;
}

// ───────────────────────── archive, contact card, care network (建档, 联系卡, 结对帮扶) ─────────────────────────

/** 困难 / 问题: 家庭经济困难, 身体健康问题 (困难); 学习困难, 心理问题, 行为偏差 (问题). */
export type DifficultyCategory = 'economic' | 'health' | 'study' | 'psychological' | 'behavior';

/** 困境儿童: 孤儿, 事实无人抚养, 服刑在押人员子女, 残疾儿童, 重病儿童. */
export type VulnerableCategory = 'orphan' | 'unsupported' | 'prisoner_child' | 'disabled' | 'serious_illness';

/** One exam in the progress archive (进步档案). */
export interface ExamRecord {
  /** e.g. "期中考试" */
  exam: string;
  /** YYYY-MM-DD */
  date: string;
  scores: { subject: string; score: number; full: number }[];
  /** 班级名次 */
  rank: number | null;
  note: string | null;
}

/** 父母 on the contact card (联系卡). */
export interface ParentContact {
  name: string;
  /** 父亲 / 母亲 / 继父 … */
  relation: string;
  phone: string | null;
  /** 务工城市 */
  workCity: string | null;
  /** 务工单位, its address and phone */
  workUnit: string | null;
  workAddress: string | null;
  workPhone: string | null;
}

/** 监护人 / 委托监护人 */
export interface GuardianContact {
  name: string;
  relation: string;
  occupation: string | null;
  address: string | null;
  phone: string;
  /** 身体状况 */
  health: string | null;
  age: number | null;
  /** 是否具有照护能力 (the teacher's judgement after the home visit). */
  capable: boolean;
}

export interface EmergencyContact {
  name: string;
  relation: string;
  phone: string;
}

/** 联系卡: one per child, _id = childId. */
export interface ContactCard {
  _id: string;
  childId: string;
  schoolId: string;
  classId: string;
  parents: ParentContact[];
  guardian: GuardianContact | null;
  emergency: EmergencyContact | null;
  /**
   * 无法联系到任何监护人: recorded when nobody can be reached or can care (a parent jailed, the other gone): the card
   * is then valid without a phone, and the state raises the no-capable-guardian alert.
   */
  unreachable?: { reason: string } | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
  /** 信息更新: the last time someone confirmed the card is current (saving it also confirms it). */
  confirmedAt: Date | null;
  confirmedBy: string | null;
}

/** 帮扶教师 / 手拉手好朋友 / 代理家长（爱心妈妈、临时爸爸） */
export type PairingKind = 'mentor' | 'buddy' | 'proxy';
export type ProxyKind = 'proxy_parent' | 'caring_mother' | 'temp_father';

/** A pairing of the care network (结对帮扶), with start and end dates. */
export interface Pairing {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  kind: PairingKind;
  /** mentor: the teacher's OPENID and the binding that gives them reach over the child. */
  mentorOpenid: string | null;
  bindingId: string | null;
  /** buddy: the classmate's child record. */
  buddyChildId: string | null;
  proxyKind: ProxyKind | null;
  /** mentor or proxy: the adult's name; phone for a proxy. */
  personName: string | null;
  phone: string | null;
  note: string | null;
  /** YYYY-MM-DD (Beijing) */
  startDate: string;
  endDate: string | null;
  createdAt: Date;
  createdBy: string;
  endedAt: Date | null;
  endedBy: string | null;
}

/** Why a person was told of an alert: their part in the child's care. */
/** `named`: someone a restricted alert names who is not among the people around the child. */
export type AlertReason = 'admin' | 'classTeacher' | 'mentor' | 'director' | 'supervisor' | 'named';

/** Someone an alert was delivered to (inbox and subscribe message). */
export interface AlertRecipient {
  openid: string;
  role: Role;
  /** Their binding's label, e.g. "三年级(1)班 班主任", "青山村 儿童主任". */
  label: string;
  reason: AlertReason;
}

/** The first time someone opened an alert. */
export interface AlertSeen {
  openid: string;
  role: Role;
  label: string;
  at: Date;
}

/**
 * Something people must act on: a child under 16 without a capable guardian (the contact card), a change in a
 * child's situation found on a home visit. Delivered to the people around the child (core/alerts/deliver.ts), who
 * see who was told, who saw it and who acted; closed only with a resolution. Fields marked optional are absent on
 * alerts stored before delivery existed.
 */
export interface AlertRecord {
  _id: string;
  schoolId: string;
  classId: string | null;
  childId: string | null;
  /** The child's home community (村/社区) when raised: its 儿童主任 and 儿童督导员 are told. */
  communityId?: string | null;
  kind: 'no_capable_guardian' | 'situation_change' | (string & {});
  message: string;
  /** The situation change a home visit recorded (kind situation_change). */
  change?: { kind: SituationChangeKind; note: string; visitId: string } | null;
  /** The child may be without care or harmed: the steps include the mandatory report. */
  urgent?: boolean;
  createdAt: Date;
  createdBy: string;
  /** Who was told (core/alerts/recipients.ts), set when it was delivered. */
  recipients?: AlertRecipient[];
  deliveredAt?: Date | null;
  seen?: AlertSeen[];
  resolvedAt: Date | null;
  resolvedBy: string | null;
  resolvedLabel?: string | null;
  resolution: string | null;
  /** When set, only admins and these OPENIDs may see the alert (e.g. a suspected harm: admin and the child's mentor). */
  audience?: string[] | null;
  /** 强制报告: the steps of reporting the case to the authorities, when the alert calls for it (core/alerts/mandatoryReport.ts). */
  mandatoryReport?: MandatoryReport | null;
  /** The record the alert was raised from, e.g. `{ kind: 'talk', id }`. */
  source?: { kind: string; id: string } | null;
}

/** To whom a case is reported (强制报告): 公安, 民政, 教育局, 妇联, or another body named in words. */
export type ReportAgency = 'police' | 'civil_affairs' | 'education_bureau' | 'womens_federation' | 'other';

/** One step of a mandatory report: a report made to an agency, or a follow-up of it. Time-stamped when recorded. */
export interface MandatoryReportStep {
  id: string;
  kind: 'report' | 'follow_up';
  /** Who reported or followed up (a person's name as written). */
  actor: string;
  /** To whom (reports); the body contacted (follow-ups, optional). */
  agency: ReportAgency | null;
  /** The office in words, e.g. 青山派出所; required for 'other'. */
  agencyName: string | null;
  /** When it happened (may be before it was recorded). */
  at: Date;
  /** The case or receipt number the agency gave (接报回执/案件编号). */
  caseNumber: string | null;
  /** What was said or done; required for follow-ups. */
  note: string | null;
  recordedAt: Date;
  recordedBy: string;
  recordedByLabel: string | null;
}

/** The mandatory-report record of an alert: required or not, and its steps in order. */
export interface MandatoryReport {
  required: boolean;
  steps: MandatoryReportStep[];
}

/** One versioned change of a child's archive, contact card or care network (field-level diff). */
export interface ArchiveChange {
  _id: string;
  schoolId: string;
  childId: string;
  target: 'archive' | 'contactCard' | 'care';
  /** The version after the change (archive or card); 0 for care. */
  version: number;
  at: Date;
  by: string;
  byRole: Role | null;
  /** The actor's binding label, e.g. "三年级(1)班 班主任". */
  byLabel: string | null;
  action: string;
  changes: { field: string; from: unknown; to: unknown }[];
  note: string | null;
}

// ───────────────────────── family calls (亲情视频, 亲情电话) ─────────────────────────

/** ISO weekday: 1 = Monday … 7 = Sunday (Beijing calendar). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** A Beijing wall-clock range "HH:mm"–"HH:mm" on a quarter-hour grid. */
export interface ClockRange {
  start: string;
  end: string;
}

/** 视频通话点: the care room's tablet, PC or phone. */
export type CallDeviceKind = 'tablet' | 'pc' | 'phone';

export interface CallDevice {
  id: string;
  name: string;
  kind: CallDeviceKind;
  /** The WeChat account on the device that places calls (for the manual provider's instructions). */
  wechatName: string | null;
  /** Opening hours per ISO weekday ("1".."7"), Beijing time; a missing day is closed. */
  hours: Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', ClockRange[]>>;
  active: boolean;
}

/** 关爱室 with its devices (collection `rooms`). */
export interface Room {
  _id: string;
  schoolId: string;
  name: string;
  location: string | null;
  devices: CallDevice[];
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: string;
}

/** 校历 (collection `schoolCalendars`, _id = schoolId): terms, holidays, make-up workdays (调休上班日). */
export interface SchoolCalendar {
  _id: string;
  schoolId: string;
  terms: { name: string; start: string; end: string }[];
  holidays: { name: string; start: string; end: string }[];
  /** A weekend day the school works: it keeps the opening hours of `weekday`. */
  makeUpDays: { date: string; weekday: Weekday; name: string }[];
  version: number;
  updatedAt: Date;
  updatedBy: string;
}

/**
 * scheduled → (moved) → confirmed → done | missed; or cancelled. `moved`: given a new time and waiting for the
 * parent to confirm it again.
 */
export type FamilyCallStatus = 'scheduled' | 'moved' | 'confirmed' | 'done' | 'missed' | 'cancelled';
export type CallMood = 'happy' | 'calm' | 'low' | 'upset';
export type MissedBy = 'parent' | 'child' | 'school' | 'network';

/** A weekly booking (collection `familyCallSeries`); each week's call is its own occurrence. */
export interface FamilyCallSeries {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  roomId: string;
  deviceId: string;
  weekday: Weekday;
  time: string;
  minutes: number;
  startDate: string;
  endDate: string;
  /** The parents/guardians (binding ids) the call is with. */
  parentBindingIds: string[];
  /** The teacher who runs the calls (联络员): gets the agenda and the prompts. */
  teacherOpenid: string;
  /** Rule changes made with "this and following". */
  changes: { fromDate: string; weekday: Weekday; time: string; minutes: number; deviceId: string; at: Date; by: string }[];
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
}

export interface MoveRequest {
  proposals: { date: string; time: string }[];
  note: string | null;
  by: string;
  byLabel: string;
  at: Date;
  status: 'pending' | 'accepted' | 'declined';
  answeredAt: Date | null;
  answeredBy: string | null;
  answerNote: string | null;
}

/** One week's call of a series (collection `familyCalls`, _id = `${seriesId}-${weekKey}`). */
export interface FamilyCallOccurrence {
  _id: string;
  seriesId: string;
  schoolId: string;
  classId: string;
  childId: string;
  roomId: string;
  deviceId: string;
  /** Beijing day and clock of the start, and the ISO week it counts for. */
  date: string;
  time: string;
  minutes: number;
  weekKey: string;
  startsAt: Date;
  endsAt: Date;
  status: FamilyCallStatus;
  parentBindingIds: string[];
  teacherOpenid: string;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  /** The time it had before the latest move. */
  movedFrom: { date: string; time: string; deviceId: string; at: Date; by: string } | null;
  moveRequest: MoveRequest | null;
  checkedInAt: Date | null;
  outcome: {
    minutes: number;
    joined: { bindingId: string; label: string }[];
    others: string | null;
    note: string | null;
    mood: CallMood | null;
  } | null;
  missed: { by: MissedBy; reason: string } | null;
  cancelled: { reason: string | null; at: Date; by: string } | null;
  recordedAt: Date | null;
  recordedBy: string | null;
  /** A call booked to make up a missed one. */
  rebookOf: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** A quarter hour held by a call (collection `slotLocks`): `d_<device>_<YYYYMMDDHHmm>` or `c_<child>_<…>`. */
export interface SlotLock {
  _id: string;
  kind: 'device' | 'child';
  deviceId: string | null;
  childId: string;
  occurrenceId: string;
  schoolId: string;
  at: Date;
}

/** When a parent can take calls (work shifts), per child and parent (collection `callAvailability`). */
export interface CallAvailability {
  _id: string;
  childId: string;
  schoolId: string;
  openid: string;
  bindingId: string;
  slots: { weekday: Weekday; start: string; end: string }[];
  note: string | null;
  updatedAt: Date;
}

/** 亲情电话: a call on the class family phone (collection `phoneCalls`). */
export interface PhoneCallRecord {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  at: Date;
  weekKey: string;
  minutes: number;
  /** Who was on the other end, e.g. 妈妈. */
  who: string;
  note: string | null;
  recordedBy: string;
  createdAt: Date;
}

/** A roster spreadsheet being uploaded in chunks, then committed once. */
export interface ImportBatch {
  _id: string;
  schoolId: string;
  classId: string | null;
  fileName: string;
  total: number;
  /** committing: rows are being written, in transactions (a commit cut short is resumed by the next). */
  status: 'uploading' | 'committing' | 'committed';
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  committedAt: Date | null;
  created: number | null;
  /** Rows written so far. */
  imported?: number;
  /** The commit that holds the batch, until when. */
  lease?: { token: string; until: Date } | null;
}

// ───────────────────────── community work (儿童主任, 儿童督导员: 入户走访, 帮扶台账) ─────────────────────────

/** 乡镇/街道: the communities it holds are overseen by its 儿童督导员. */
export interface Township {
  _id: string;
  schoolId: string;
  name: string;
  createdAt: Date;
}

/** 入户 (at home), 电话 (by phone), 在校 (at school). */
export type VisitMethod = 'home' | 'phone' | 'school';

/**
 * A change in the child's situation a visit found: the guardian gone or unable, a parent jailed, gravely ill or
 * dead, the child out of school or moved away, the household in hardship, or harm suspected. Each raises an alert.
 */
export type SituationChangeKind =
  'guardian_lost' | 'parent_jailed' | 'parent_ill' | 'parent_dead' | 'out_of_school' | 'moved_away' | 'hardship' | 'harm_suspected';

/** 随访记录: one home visit (collection `visits`); _id is made on the phone, so a retry stores it once. */
export interface Visit {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  communityId: string | null;
  /** YYYY-MM-DD (Beijing), not in the future */
  date: string;
  method: VisitMethod;
  /** Who was met, e.g. 奶奶和孩子本人 */
  met: string;
  /** The child's situation: living, schooling, health, safety, mood */
  situation: { living: string | null; schooling: string | null; health: string | null; safety: string | null; mood: string | null };
  guardianCondition: string | null;
  findings: string | null;
  nextSteps: { text: string; due: string | null }[];
  change: { kind: SituationChangeKind; note: string } | null;
  alertId: string | null;
  recordedAt: Date;
  recordedBy: string;
  recordedRole: Role;
  recordedLabel: string;
  /** When the phone saved the form (it may have waited for signal before it was sent). */
  savedOnPhoneAt: Date | null;
}

/**
 * 帮扶台账 entries (collection `assistance`): 临时救助 relief, 低保 allowance changes, recurring payments made for the
 * child (寄宿费 every month), single payments, material aid, referrals to social organisations. Amounts are integer
 * 分 (fen), never floats. _id is made on the phone, so a retry records money once.
 */
export type AssistanceKind = 'relief' | 'allowance' | 'recurring' | 'payment' | 'material' | 'referral';
/** Where material aid came from: 学校领导小组, 社区, 爱心人士, 公益组织, 政府部门. */
export type AidSource = 'school' | 'community' | 'donor' | 'charity' | 'government';
export type ReliefStatus = 'applied' | 'approved' | 'paid' | 'refused';

export interface AssistanceEntry {
  _id: string;
  schoolId: string;
  classId: string;
  childId: string;
  communityId: string | null;
  kind: AssistanceKind;
  /**
   * relief: applied on; allowance: the new amount applies from; recurring: first month; payment: paid on;
   * material: given on; referral: referred on. YYYY-MM-DD (Beijing).
   */
  date: string;
  /** relief: applied for; allowance and recurring: per month; payment: paid; material: value (optional). */
  amountFen: number | null;
  /** relief: the authority (街道民政); recurring and payment: paid to (启迪辅导班); material: the giver; referral: the organisation. */
  party: string | null;
  /** recurring and payment: what for (寄宿费); material: the item (书包). */
  item: string | null;
  quantity: number | null;
  source: AidSource | null;
  note: string | null;
  /** relief only */
  status: ReliefStatus | null;
  approvedFen: number | null;
  approvedOn: string | null;
  paidFen: number | null;
  paidOn: string | null;
  /** recurring: the day of the month it is due (1–28), and the last month it runs (YYYY-MM, null: until stopped). */
  dayOfMonth: number | null;
  untilMonth: string | null;
  /** payment: the recurring payment and the month (YYYY-MM) it settles, if any. */
  recurringId: string | null;
  month: string | null;
  recordedAt: Date;
  recordedBy: string;
  recordedRole: Role;
  recordedLabel: string;
  updatedAt: Date;
}
