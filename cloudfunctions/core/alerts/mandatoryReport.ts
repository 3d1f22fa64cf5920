/**
 * 强制报告 (mandatory reporting): an alert about a suspected harm to a child, or a child left without care, must be
 * reported to the authorities. The steps are recorded on the alert itself (AlertRecord.mandatoryReport), in order:
 * a report (who reported, to whom — 公安、民政、教育局、妇联 or another body — when, the case number) and the
 * follow-ups after it (what was said or done; only once a report is recorded). Each step carries when it happened
 * and when and by whom it was recorded. Steps are only added, never changed: the record is evidence. The same step
 * sent again (a resend after a lost answer, an offline draft sent twice) is answered as the first time and writes
 * nothing. Any alert may carry them (a concern from a talk, a 儿童主任's home visit); those of the alert's audience
 * record and read them (the checks inAlertAudience and mayReport, core/scopes.ts). Reading and writing are audited,
 * the write with the change.
 */
import crypto from 'node:crypto';
import type { AlertRecord, MandatoryReportStep, ReportAgency } from '../../../typings/domain';
import type { AlertDetail, ReportStepInput, ReportStepView } from '../../../typings/actions/mandatoryReport';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { FORBIDDEN_SCOPE } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { beijing, fromBeijing } from '../time';

export const AGENCY_LABELS: Record<ReportAgency, string> = {
  police: '公安机关',
  civil_affairs: '民政部门',
  education_bureau: '教育行政部门',
  womens_federation: '妇联',
  other: '其他部门',
};

export const STEP_LABELS: Record<MandatoryReportStep['kind'], string> = { report: '报告', follow_up: '跟进' };

/** How long before the alert a report may have been made (a teacher calls the police first, records afterwards). */
const EARLIEST_BEFORE_ALERT_MS = 30 * 86400000;
export const MAX_STEPS = 50;

export function stepView(s: MandatoryReportStep): ReportStepView {
  const agency = s.agency
    ? `${s.agency === 'other' ? '' : AGENCY_LABELS[s.agency]}${s.agencyName ? (s.agency === 'other' ? s.agencyName : `（${s.agencyName}）`) : ''}`
    : null;
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: STEP_LABELS[s.kind],
    actor: s.actor,
    agency: s.agency,
    agencyLabel: agency || null,
    at: s.at.toISOString(),
    caseNumber: s.caseNumber,
    note: s.note,
    recordedAt: s.recordedAt.toISOString(),
    recordedByLabel: s.recordedByLabel,
  };
}

export function alertDetail(alert: AlertRecord, childName: string | null): AlertDetail {
  const report = alert.mandatoryReport ?? null;
  return {
    id: alert._id,
    kind: alert.kind,
    childId: alert.childId,
    childName,
    message: alert.message,
    createdAt: alert.createdAt.toISOString(),
    resolvedAt: alert.resolvedAt?.toISOString() ?? null,
    resolution: alert.resolution,
    restricted: !!alert.audience,
    mandatoryReport: report ? { required: report.required, reported: report.steps.some((s) => s.kind === 'report'), steps: report.steps.map(stepView) } : null,
    agencies: (Object.keys(AGENCY_LABELS) as ReportAgency[]).map((value) => ({ value, label: AGENCY_LABELS[value] })),
  };
}

async function childNameOf(db: Database, childId: string | null): Promise<string | null> {
  if (!childId) return null;
  const res = await db.collection(COLLECTION.children).doc(childId).field({ name: true, deletedAt: true }).get();
  const child = docOf<{ name: string; deletedAt?: Date | null }>(res);
  return child && !child.deletedAt ? child.name : null;
}

/** The alert with its report steps, for those its rule lets in (audited as a read of the child's file). */
export async function readAlert(db: Database, alert: AlertRecord, actor: AuditActor): Promise<AlertDetail> {
  const [name] = await Promise.all([
    childNameOf(db, alert.childId),
    audit(db, actor, [{ kind: 'read', schoolId: alert.schoolId, childId: alert.childId, fields: ['alerts', 'alerts.mandatoryReport'] }]),
  ]);
  return alertDetail(alert, name);
}

/** A step as the input describes it, checked: a report names the agency, a follow-up says what happened. */
export function newStep(input: ReportStepInput, alert: AlertRecord, actor: AuditActor & { label: string | null }): MandatoryReportStep {
  if (input.kind === 'report' && !input.agency) throw invalid('请选择向哪个部门报告', 'step.agency');
  if (input.agency === 'other' && !input.agencyName) throw invalid('请填写报告的部门名称', 'step.agencyName');
  if (input.kind === 'follow_up' && !input.note) throw invalid('请填写跟进的情况', 'step.note');
  const at = fromBeijing(`${input.date} ${input.time}`);
  if (at.getTime() > actor.now.getTime()) throw invalid('时间不能晚于现在', 'step.time');
  if (at.getTime() < alert.createdAt.getTime() - EARLIEST_BEFORE_ALERT_MS)
    throw invalid(`时间不能早于预警产生前 30 天（${beijing(alert.createdAt).format('M月D日')}）`, 'step.date');
  // The same step sent twice has the same id (and is stored once): what happened, when, to whom, by whom.
  const same = [input.kind, input.actor, input.agency ?? '', input.agencyName ?? '', at.toISOString(), input.caseNumber ?? '', input.note ?? ''].join('\n');
  return {
    id: crypto.createHash('sha256').update(same).digest('hex').slice(0, 12),
    kind: input.kind,
    actor: input.actor,
    agency: input.agency ?? null,
    agencyName: input.agencyName ?? null,
    at,
    caseNumber: input.caseNumber ?? null,
    note: input.note ?? null,
    recordedAt: actor.now,
    recordedBy: actor.openid,
    recordedByLabel: actor.label,
  };
}

/** Add a step to the alert's report (a closed alert takes no more), with its audit entry, in one transaction. */
export async function addReportStep(db: Database, alertId: string, input: ReportStepInput, actor: AuditActor & { label: string | null }): Promise<AlertDetail> {
  const alert = await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<AlertRecord>(await tx.collection(COLLECTION.alerts).doc(alertId).get());
    if (!current) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    const report = current.mandatoryReport ?? { required: false, steps: [] };
    const step = newStep(input, current, actor);
    if (report.steps.some((s) => s.id === step.id)) return current;
    if (current.resolvedAt) throw new AppError('CONFLICT', '该预警已处理完毕，不能再添加报告记录');
    if (report.steps.length >= MAX_STEPS) throw new AppError('CONFLICT', `每条预警最多记录 ${MAX_STEPS} 个步骤`);
    if (step.kind === 'follow_up' && !report.steps.some((s) => s.kind === 'report')) throw invalid('请先登记向哪个部门报告，再登记跟进情况', 'step.kind');
    const next = { required: report.required, steps: [...report.steps, step] };
    await tx
      .collection(COLLECTION.alerts)
      .doc(alertId)
      .update({ mandatoryReport: db.command.set(next) });
    const what = step.kind === 'report' ? `强制报告：向${stepView(step).agencyLabel}报告` : '强制报告：跟进';
    await audit(tx, actor, [{ kind: 'change', schoolId: current.schoolId, childId: current.childId, fields: ['alerts.mandatoryReport'], note: what }]);
    return { ...current, mandatoryReport: next };
  });
  return alertDetail(alert, await childNameOf(db, alert.childId));
}
