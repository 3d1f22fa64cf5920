/** A new alert record with its delivery fields empty: every place that raises an alert builds it here. */
import type { AlertRecord } from '../../../typings/domain';
import { alertGuide } from './kinds';

export type NewAlert = Pick<AlertRecord, 'schoolId' | 'classId' | 'childId' | 'kind' | 'message' | 'createdAt' | 'createdBy'> &
  Partial<Pick<AlertRecord, 'communityId' | 'change' | 'urgent' | 'audience' | 'source'>>;

export function alertRecord(a: NewAlert): Omit<AlertRecord, '_id'> {
  return {
    schoolId: a.schoolId,
    classId: a.classId,
    childId: a.childId,
    communityId: a.communityId ?? null,
    kind: a.kind,
    message: a.message,
    change: a.change ?? null,
    urgent: a.urgent ?? false,
    createdAt: a.createdAt,
    createdBy: a.createdBy,
    audience: a.audience ?? null,
    source: a.source ?? null,
    recipients: [],
    deliveredAt: null,
    seen: [],
    // An urgent alert (the child may be without care or harmed) calls for the mandatory report (core/alerts/mandatoryReport.ts).
    mandatoryReport: { required: alertGuide(a).urgent, steps: [] },
    resolvedAt: null,
    resolvedBy: null,
    resolvedLabel: null,
    resolution: null,
  };
}
