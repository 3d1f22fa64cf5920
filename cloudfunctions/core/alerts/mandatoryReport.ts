/**
 * 强制报告 (mandatory report): for a child suspected of being harmed or left without care, the steps taken on the
 * alert — who reported, to which authority (公安, 民政, 教育, 妇联), when, the case number if one was given, and the
 * follow-up — each time-stamped and recorded on the alert record (`reportSteps`) in one transaction with its audit
 * entry. Seen and recorded by the admin, the child's mentor, the 儿童主任 and the 儿童督导员 (CHECKS.mayReport).
 *
 * Stored shape (MandatoryReportStep in typings/domain.ts), appended to AlertRecord.reportSteps:
 *   { id, kind: 'report' | 'followUp', authority: 'police' | 'civil_affairs' | 'education' | 'womens_federation' | null,
 *     by: string, at: Date, caseNumber: string | null, note: string | null,
 *     recordedAt: Date, recordedBy: openid, recordedRole: Role, recordedLabel: string }
 * A report names its authority; a follow-up needs a report before it and says what happened (note). The same step
 * sent twice (a double tap, a retry) is stored once.
 */
import crypto from 'node:crypto';
import { z } from 'zod';
import type { AlertRecord, MandatoryReportStep } from '../../../typings/domain';
import type { MandatoryReportInput, MandatoryReportView } from '../../../typings/actions/community';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { FORBIDDEN_SCOPE } from '../access';
import { audit } from '../audit';
import { COLLECTION } from '../collections';
import { id, text } from '../validate';
import { optText } from '../archive/rules';
import { docOf, type Actor } from '../archive/store';
import { AUTHORITY_LABELS, REPORT_KIND_LABELS } from './kinds';

const authority = z.enum(['police', 'civil_affairs', 'education', 'womens_federation'], { error: '请选择报告的部门（公安、民政、教育或妇联）' });
/** An instant as the page sends it (ISO 8601 with zone), e.g. 2027-03-05T10:30:00+08:00. */
const instant = z.iso.datetime({ offset: true, error: '时间格式不正确' });

const common = {
  alertId: id('预警ID'),
  by: text('报告人', 20),
  at: instant,
  caseNumber: optText('受案回执号', 40).optional(),
};

/** The input of a step (the handler adds the alert id's own rule). */
export const reportStepSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ ...common, kind: z.literal('report'), authority, note: optText('说明', 300).optional() }).strict(),
    z.object({ ...common, kind: z.literal('followUp'), authority: authority.nullable().optional(), note: text('跟进情况', 300) }).strict(),
  ],
  { error: '请选择登记“报告”还是“跟进”' },
);

/** How far back a step may be dated: it is entered when it happened, or soon after. */
const MAX_AGE_MS = 366 * 86400000;
/** A phone's clock may run a little ahead. */
const CLOCK_SLACK_MS = 5 * 60000;

function stepAt(at: string, now: Date): Date {
  const when = new Date(at);
  if (when.getTime() > now.getTime() + CLOCK_SLACK_MS) throw invalid('报告时间不能晚于现在', 'at');
  if (when.getTime() < now.getTime() - MAX_AGE_MS) throw invalid('报告时间不能早于一年前', 'at');
  return when;
}

const sameStep = (a: MandatoryReportStep, b: Omit<MandatoryReportStep, 'id' | 'recordedAt'>) =>
  a.kind === b.kind && a.authority === b.authority && a.by === b.by && a.at.getTime() === b.at.getTime() && a.caseNumber === b.caseNumber && a.note === b.note;

/** Record one step on an open alert; answers the step's id (the existing one when the same step was sent before). */
export async function addReportStep(db: Database, alertId: string, input: MandatoryReportInput, actor: Actor & { label: string }): Promise<{ stepId: string }> {
  const at = stepAt(input.at, actor.now);
  const fields: Omit<MandatoryReportStep, 'id' | 'recordedAt'> = {
    kind: input.kind,
    authority: input.authority ?? null,
    by: input.by,
    at,
    caseNumber: input.caseNumber ?? null,
    note: input.note ?? null,
    recordedBy: actor.openid,
    recordedRole: actor.role!,
    recordedLabel: actor.label,
  };
  return db.runTransaction(async (tx: Transaction) => {
    const alert = docOf<AlertRecord>(await tx.collection(COLLECTION.alerts).doc(alertId).get());
    if (!alert) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    const steps = alert.reportSteps ?? [];
    const same = steps.find((s) => sameStep(s, fields));
    if (same) return { stepId: same.id };
    if (alert.resolvedAt) throw new AppError('CONFLICT', '该预警已关闭，不能再登记强制报告');
    if (input.kind === 'followUp' && !steps.some((s) => s.kind === 'report')) throw invalid('请先登记向哪个部门报告，再登记跟进情况', 'kind');
    const step: MandatoryReportStep = { id: crypto.randomBytes(8).toString('hex'), ...fields, recordedAt: actor.now };
    await tx
      .collection(COLLECTION.alerts)
      .doc(alertId)
      .update({ reportSteps: db.command.push([step]) });
    const what = step.kind === 'report' ? `向${AUTHORITY_LABELS[step.authority!]}报告` : '报告后的跟进';
    await audit(tx, actor, [{ kind: 'change', schoolId: alert.schoolId, childId: alert.childId, fields: ['alerts.reportSteps'], note: `强制报告：${what}` }]);
    return { stepId: step.id };
  });
}

export function reportView(s: MandatoryReportStep): MandatoryReportView {
  return {
    id: s.id,
    kind: s.kind,
    kindLabel: REPORT_KIND_LABELS[s.kind],
    authority: s.authority,
    authorityLabel: s.authority ? AUTHORITY_LABELS[s.authority] : null,
    by: s.by,
    at: s.at.toISOString(),
    caseNumber: s.caseNumber,
    note: s.note,
    recordedAt: s.recordedAt.toISOString(),
    recordedBy: s.recordedLabel,
  };
}
