import type { AlertRecord } from '../../../typings/domain';
import type { AlertView } from '../../../typings/actions/archive';

export function alertView(a: AlertRecord, childName: string | null): AlertView {
  return {
    id: a._id,
    childName,
    kind: a.kind,
    childId: a.childId,
    classId: a.classId,
    message: a.message,
    createdAt: a.createdAt.toISOString(),
    resolvedAt: a.resolvedAt?.toISOString() ?? null,
    resolution: a.resolution,
  };
}
