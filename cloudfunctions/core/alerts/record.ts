/** A new alert record with its delivery fields empty: every place that raises an alert builds it here. */
import type { AlertRecord } from '../../../typings/domain';

export type NewAlert = Pick<AlertRecord, 'schoolId' | 'classId' | 'childId' | 'kind' | 'message' | 'createdAt' | 'createdBy'> &
  Partial<Pick<AlertRecord, 'communityId' | 'change' | 'urgent'>>;

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
    recipients: [],
    deliveredAt: null,
    seen: [],
    reportSteps: [],
    resolvedAt: null,
    resolvedBy: null,
    resolvedLabel: null,
    resolution: null,
  };
}
