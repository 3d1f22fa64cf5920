/**
 * 强制报告 (mandatory reporting of suspected harm to a minor): the steps recorded on an alert that calls for it —
 * who reported, to whom (公安、民政、教育局、妇联), when, the case number, and the follow-up — each time-stamped.
 * Any alert may carry them (a talk's concern, a community worker's home visit).
 */
import type { ReportAgency } from '../domain';

export interface ReportStepInput {
  kind: 'report' | 'follow_up';
  /** Who reported or followed up, e.g. 王校长. */
  actor: string;
  /** To whom (required for a report). */
  agency?: ReportAgency | null;
  /** The office in words, e.g. 青山派出所 (required for 'other'). */
  agencyName?: string | null;
  /** When it happened, Beijing day and clock. */
  date: string;
  time: string;
  caseNumber?: string | null;
  /** What was said or done (required for a follow-up). */
  note?: string | null;
}

export interface ReportStepView {
  id: string;
  kind: 'report' | 'follow_up';
  kindLabel: string;
  actor: string;
  agency: ReportAgency | null;
  /** 公安机关（青山派出所） */
  agencyLabel: string | null;
  at: string;
  caseNumber: string | null;
  note: string | null;
  recordedAt: string;
  recordedByLabel: string | null;
}

export interface AlertDetail {
  id: string;
  kind: string;
  childId: string | null;
  childName: string | null;
  message: string;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  /** Shown only to the admins and the people named (a restricted alert). */
  restricted: boolean;
  mandatoryReport: { required: boolean; reported: boolean; steps: ReportStepView[] } | null;
  /** To whom a case may be reported, for the form. */
  agencies: { value: ReportAgency; label: string }[];
}

export interface MandatoryReportActions {
  'mandatoryReport.get': { input: { alertId: string }; output: AlertDetail };
  'mandatoryReport.addStep': { input: { alertId: string; step: ReportStepInput }; output: AlertDetail };
}
