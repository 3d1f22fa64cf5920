/**
 * Community work: the village 儿童主任's register (登记册) and home visits (入户走访, 随访记录), the township
 * 儿童督导员's overview, the assistance ledger (帮扶台账), and alerts that reach people with the mandatory report
 * (强制报告). Amounts travel as integer 分 (fen) with their 元 text beside them; days as YYYY-MM-DD (Beijing).
 */
import type { Role } from '../roles';
import type { AidSource, AssistanceKind, LeftBehindType, ReliefStatus, SituationChangeKind, VisitMethod } from '../domain';
import type { AlertView, ContactCardView, ExportOutput } from './archive';
import type { ReportStepView } from './mandatoryReport';

// ───────── set-up: townships, communities, visit intervals, a child's home community ─────────

/** How often a child is visited: every `everyMonths` months, a focus child every `focusEveryMonths`. */
export interface VisitPolicy {
  everyMonths: number;
  focusEveryMonths: number;
}

export interface TownshipView {
  id: string;
  name: string;
}

export interface CommunitySetupRow {
  id: string;
  name: string;
  townshipId: string | null;
  policy: VisitPolicy;
}

export interface CommunitySetup {
  townships: TownshipView[];
  communities: CommunitySetupRow[];
}

// ───────── the register (登记册) ─────────

/** overdue: past the due day; soon: due within 7 days; ok; never: never visited; none: no regular visits needed. */
export type VisitDue = 'overdue' | 'soon' | 'ok' | 'never' | 'none';

/** Totals of the ledger over some children; amounts in 分. */
export interface LedgerTotals {
  /** 临时救助: applied for, approved, paid out */
  reliefAppliedFen: number;
  reliefApprovedFen: number;
  reliefPaidFen: number;
  /** 低保: the monthly amounts in force today, summed */
  allowanceMonthlyFen: number;
  /** paid for the children (寄宿费 each month, a debt settled …) */
  paymentsFen: number;
  /** material aid: pieces given and their value where known */
  materialItems: number;
  materialValueFen: number;
  referrals: number;
  /** children with any entry */
  children: number;
}

/** What a register row shows, nothing more (a community has a hundred children; the child's page has the rest). */
export interface RegisterRow {
  childId: string;
  name: string;
  age: number;
  className: string;
  leftBehindType: LeftBehindType;
  /** 重点对象 (focus support or a 困境儿童 category): visited monthly */
  focus: boolean;
  lastVisit: string | null;
  /** The day the next visit is due; null when no regular visits are needed (or never visited). */
  nextDue: string | null;
  due: VisitDue;
  openAlerts: number;
  urgentAlerts: number;
  /** 低保 per month in force, and relief paid, in 分 */
  allowanceMonthlyFen: number;
  reliefPaidFen: number;
}

export interface RegisterOutput {
  community: { id: string; name: string; townshipName: string | null };
  policy: VisitPolicy;
  /** Beijing today, YYYY-MM-DD */
  today: string;
  stats: { children: number; needVisits: number; overdue: number; never: number; visitedThisMonth: number; openAlerts: number };
  rows: RegisterRow[];
}

// ───────── home visits ─────────

export interface VisitSituation {
  living: string | null;
  schooling: string | null;
  health: string | null;
  safety: string | null;
  mood: string | null;
}

export interface VisitInput {
  /** Made on the phone when the form is opened; sending the same visit again stores it once. */
  visitId: string;
  childId: string;
  date: string;
  method: VisitMethod;
  met: string;
  situation?: Partial<VisitSituation>;
  guardianCondition?: string | null;
  findings?: string | null;
  nextSteps?: { text: string; due?: string | null }[];
  change?: { kind: SituationChangeKind; note: string } | null;
  /** When the phone saved the form (ISO instant). */
  savedOnPhoneAt?: string | null;
}

export interface VisitView {
  id: string;
  date: string;
  method: VisitMethod;
  methodLabel: string;
  met: string;
  situation: VisitSituation;
  guardianCondition: string | null;
  findings: string | null;
  nextSteps: { text: string; due: string | null }[];
  change: { kind: SituationChangeKind; label: string; note: string } | null;
  alertId: string | null;
  /** Who recorded it, e.g. 青山村 儿童主任 */
  by: string;
  recordedAt: string;
  savedOnPhoneAt: string | null;
}

// ───────── the assistance ledger (帮扶台账) ─────────

interface EntryBase {
  /** Made on the phone when the form is opened: sending the same entry again records it once. */
  entryId: string;
  childId: string;
  date: string;
  note?: string | null;
}

export type AssistanceInput =
  | (EntryBase & { kind: 'relief'; amountFen: number; party: string })
  | (EntryBase & { kind: 'allowance'; amountFen: number; party?: string | null })
  | (EntryBase & { kind: 'recurring'; amountFen: number; item: string; party: string; dayOfMonth: number; untilMonth?: string | null })
  | (EntryBase & { kind: 'payment'; amountFen: number; item: string; party: string; recurringId?: string | null; month?: string | null })
  | (EntryBase & { kind: 'material'; item: string; quantity: number; source: AidSource; party?: string | null; amountFen?: number | null })
  | (EntryBase & { kind: 'referral'; party: string });

/** A relief application moves on (approved, paid or refused); a recurring payment ends with a month. */
export type AssistanceUpdate =
  | { entryId: string; stage: 'approved' | 'paid'; amountFen: number; on: string }
  | { entryId: string; stage: 'refused'; on: string; note?: string | null }
  | { entryId: string; stage: 'ended'; untilMonth: string };

export interface AssistanceView {
  id: string;
  childId: string;
  childName: string;
  kind: AssistanceKind;
  kindLabel: string;
  date: string;
  amountFen: number | null;
  /** The amount as people read it: 650.00 (元) */
  amountYuan: string | null;
  party: string | null;
  item: string | null;
  quantity: number | null;
  source: AidSource | null;
  sourceLabel: string | null;
  note: string | null;
  status: ReliefStatus | null;
  statusLabel: string | null;
  approvedFen: number | null;
  approvedOn: string | null;
  paidFen: number | null;
  paidOn: string | null;
  dayOfMonth: number | null;
  untilMonth: string | null;
  recurringId: string | null;
  month: string | null;
  by: string;
  recordedAt: string;
}

export interface LedgerOutput {
  scope: { kind: 'child' | 'community' | 'school'; id: string; name: string };
  today: string;
  totals: LedgerTotals;
  /** The same totals as 元 text, for the screen: 4000.00 */
  totalsYuan: Record<'reliefApplied' | 'reliefApproved' | 'reliefPaid' | 'allowanceMonthly' | 'payments' | 'materialValue', string>;
  /** Per child (a community's or school's ledger); one row for a child's own. */
  children: { childId: string; name: string; className: string; totals: LedgerTotals }[];
  /** 低保 changes, oldest first (a child's ledger). */
  allowanceHistory: { date: string; amountFen: number; amountYuan: string }[];
  /** Recurring payments running this month, with whether this month is paid. */
  recurring: { id: string; childId: string; childName: string; item: string; party: string; amountYuan: string; dayOfMonth: number; paidThisMonth: boolean }[];
  /** Newest first, at most 200. */
  entries: AssistanceView[];
  /** May the caller record entries (儿童主任, 儿童督导员, admin) and export this ledger (a community's or the school's)? */
  canRecord: boolean;
  canExport: boolean;
}

// ───────── the township overview ─────────

export interface TownshipCommunityRow {
  id: string;
  name: string;
  /** The 儿童主任s bound to it (their labels). */
  directors: string[];
  children: number;
  needVisits: number;
  overdue: number;
  never: number;
  /** Share (0–100) of the children needing visits who are not overdue or never visited; null without any. */
  coverage: number | null;
  visitsThisMonth: number;
  openAlerts: number;
  urgentAlerts: number;
}

export interface TownshipOverview {
  township: { id: string; name: string };
  today: string;
  communities: TownshipCommunityRow[];
  /** The first of the township's open alerts, urgent first, then newest (at most 20: a township has dozens). */
  alerts: AlertView[];
  /** How many more open alerts there are than `alerts` shows (each community's register lists its own). */
  moreAlerts: number;
  totals: LedgerTotals;
  totalsYuan: LedgerOutput['totalsYuan'];
}

// ───────── a child as community work sees them ─────────

export interface CommunityChildView {
  /** The archive fields the role may see (name, class, address, left-behind type, difficulty categories). */
  child: Record<string, unknown>;
  viewAs: Role;
  age: number;
  className: string;
  communityName: string | null;
  focus: boolean;
  policy: VisitPolicy;
  due: { lastVisit: string | null; nextDue: string | null; due: VisitDue };
  contactCard: ContactCardView | null;
  alerts: AlertView[];
  visits: VisitView[];
  ledger: { totals: LedgerTotals; totalsYuan: LedgerOutput['totalsYuan']; allowanceHistory: LedgerOutput['allowanceHistory']; entries: AssistanceView[] };
  /** 儿童主任 and 儿童督导员 record visits; they and the admin record assistance. */
  canVisit: boolean;
  canRecordAssistance: boolean;
}

// ───────── alerts: one alert as it is opened (its mandatory report is ./mandatoryReport.ts) ─────────

/** An alert opened from a reminder or a list: the view, the child, the steps to take, and the mandatory report's steps. */
export interface AlertCase {
  alert: AlertView;
  child: { id: string; name: string; age: number; className: string; communityName: string | null } | null;
  change: { kind: SituationChangeKind; label: string; note: string; visitId: string } | null;
  /** The steps to take, in order. */
  steps: string[];
  /** The mandatory report's steps (recorded with mandatoryReport.addStep); null when the viewer may not see them. */
  reports: ReportStepView[] | null;
  canReport: boolean;
  canResolve: boolean;
}

export interface CommunityActions {
  'community.setup': { input: { schoolId: string }; output: CommunitySetup };
  'community.addTownship': { input: { schoolId: string; name: string }; output: TownshipView };
  'community.placeInTownship': { input: { communityId: string; townshipId: string | null }; output: { communityId: string; townshipId: string | null } };
  'community.configure': { input: { communityId: string; everyMonths: number; focusEveryMonths: number }; output: VisitPolicy };
  'community.linkChild': { input: { childId: string; communityId: string | null }; output: { childId: string; communityId: string | null } };
  'community.children': { input: { communityId: string }; output: RegisterOutput };
  'community.child': { input: { childId: string }; output: CommunityChildView };
  'community.township': { input: { townshipId: string }; output: TownshipOverview };
  'visits.record': { input: VisitInput; output: { visitId: string; created: boolean; alertId: string | null } };
  'assistance.add': { input: AssistanceInput; output: { entryId: string; created: boolean } };
  'assistance.update': { input: AssistanceUpdate; output: { entryId: string } };
  'assistance.ledger': { input: { childId: string } | { communityId: string } | { schoolId: string }; output: LedgerOutput };
  'assistance.export': { input: { communityId: string } | { schoolId: string }; output: ExportOutput };
  'alerts.get': { input: { alertId: string }; output: AlertCase };
}
