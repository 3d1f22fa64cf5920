/**
 * Alerts the admin must act on (e.g. a child under 16 without a capable guardian): how an alert reads, the school's
 * list, and closing one with what was done. Closing is a change of the child's file: audited with it. How alerts
 * reach people is in core/alerts/.
 */
import type { Database, Transaction } from '../cloud';
import type { AlertRecord } from '../../../typings/domain';
import type { AlertView } from '../../../typings/actions/archive';
import { alertGuide } from '../alerts/kinds';
import { REASON_LABELS } from '../alerts/recipients';
import { stepView } from '../alerts/mandatoryReport';
import { alertChildNames } from '../alerts/deliver';
import { AppError } from '../errors';
import { cursorText } from '../validate';
import { pageAfter } from '../paging';
import { FORBIDDEN_SCOPE } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { docOf } from './store';

export type AlertStatus = 'open' | 'resolved' | 'all';

/**
 * An alert as people read it: what it is, who was told and when each of them first opened it, who acted (the
 * mandatory report's steps, for those who may see them, and the resolution).
 */
export function alertView(a: AlertRecord, childName: string | null, opts: { showReports?: boolean } = {}): AlertView {
  const guide = alertGuide(a);
  const seen = new Map((a.seen ?? []).map((s) => [s.openid, s.at]));
  const reports = opts.showReports ? (a.mandatoryReport?.steps ?? []) : [];
  const acted = [
    ...reports.map((s) => ({
      label: s.recordedByLabel ?? s.actor,
      what: s.kind === 'report' ? `向${stepView(s).agencyLabel}报告` : `跟进：${s.note ?? ''}`,
      at: s.at.toISOString(),
    })),
    ...(a.resolvedAt ? [{ label: a.resolvedLabel ?? '系统', what: `关闭：${a.resolution ?? ''}`, at: a.resolvedAt.toISOString() }] : []),
  ];
  return {
    id: a._id,
    childName,
    kind: a.kind,
    kindLabel: guide.label,
    urgent: guide.urgent,
    childId: a.childId,
    classId: a.classId,
    communityId: a.communityId ?? null,
    message: a.message,
    createdAt: a.createdAt.toISOString(),
    deliveredAt: a.deliveredAt?.toISOString() ?? null,
    told: (a.recipients ?? []).map((r) => ({
      label: r.label,
      role: r.role,
      reason: REASON_LABELS[r.reason],
      seenAt: seen.get(r.openid)?.toISOString() ?? null,
    })),
    acted,
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolvedBy: a.resolvedAt ? (a.resolvedLabel ?? null) : null,
    resolution: a.resolution,
  };
}

/** The most alerts one page of alerts.list holds: each is about 1 KB with the people told and what was done. */
export const ALERTS_PAGE = 20;
const CURSOR_SEPARATOR = '|';

/**
 * The school's alerts, newest first, a page at a time (a county school has hundreds open), with the children's
 * names; `before` is the previous page's `next`.
 */
export async function listAlerts(
  db: Database,
  schoolId: string,
  query: { status?: AlertStatus; before?: string; limit?: number },
): Promise<{ alerts: AlertView[]; next: string | null }> {
  const _ = db.command;
  const { status = 'open', limit = ALERTS_PAGE } = query;
  const where: Record<string, unknown> = { schoolId };
  if (status === 'open') where.resolvedAt = null;
  if (status === 'resolved') where.resolvedAt = _.neq(null);
  // Alerts raised by one import share an instant: pageAfter pages by (time, id).
  const filter = pageAfter(db, where, query.before, { field: 'createdAt', order: 'desc', separator: CURSOR_SEPARATOR, path: 'before' });
  const res = await db
    .collection(COLLECTION.alerts)
    .where(filter)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
    .get();
  const rows = res.data as AlertRecord[];
  const alerts = rows.slice(0, limit);
  const nameOf = await alertChildNames(db, alerts);
  const last = alerts[alerts.length - 1];
  return {
    alerts: alerts.map((a) => alertView(a, nameOf.get(a.childId ?? '') ?? null, { showReports: true })),
    next: rows.length > limit ? cursorText(last.createdAt, last._id, CURSOR_SEPARATOR) : null,
  };
}

const RESOLVED = '该预警已处理';

/** Close an open alert, saying what was done; an alert closed meanwhile (by someone else) is a CONFLICT. */
export async function resolveAlert(db: Database, alertId: string, resolution: string, actor: AuditActor & { label: string }): Promise<void> {
  await db.runTransaction(async (tx: Transaction) => {
    const alert = docOf<AlertRecord>(await tx.collection(COLLECTION.alerts).doc(alertId).get());
    if (!alert) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    if (alert.resolvedAt) throw new AppError('CONFLICT', RESOLVED);
    await tx.collection(COLLECTION.alerts).doc(alertId).update({ resolvedAt: actor.now, resolvedBy: actor.openid, resolvedLabel: actor.label, resolution });
    await audit(tx, actor, [{ kind: 'change', schoolId: alert.schoolId, childId: alert.childId, fields: ['alerts'], note: `处理预警：${resolution}` }]);
  });
}
