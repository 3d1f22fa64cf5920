/**
 * An alert as people read it: what it is, who was told and when each of them first opened it, who acted (the
 * mandatory report's steps, for those who may see them, and the resolution).
 */
import type { AlertRecord } from '../../../typings/domain';
import type { AlertView } from '../../../typings/actions/archive';
import { alertGuide, AUTHORITY_LABELS } from './kinds';
import { REASON_LABELS } from './recipients';

export function alertView(a: AlertRecord, childName: string | null, opts: { showReports?: boolean } = {}): AlertView {
  const guide = alertGuide(a);
  const seen = new Map((a.seen ?? []).map((s) => [s.openid, s.at]));
  const reports = opts.showReports ? (a.reportSteps ?? []) : [];
  const acted = [
    ...reports.map((s) => ({
      label: s.recordedLabel,
      what: s.kind === 'report' ? `向${AUTHORITY_LABELS[s.authority!]}报告` : `跟进：${s.note ?? ''}`,
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
