/** School set-up: classes, communities, and whether the deployment has an admin yet. */
import type { Database } from './cloud';
import type { SchoolClass } from '../../typings/domain';
import type { ClassView } from '../../typings/actions/accounts';

export async function isInitialized(db: Database): Promise<boolean> {
  const res = await db.collection('bindings').where({ role: 'admin', revokedAt: null }).count();
  return (res.total ?? 0) > 0;
}

export function classView(c: SchoolClass): ClassView {
  return { id: c._id, schoolId: c.schoolId, grade: c.grade, name: c.name, communityId: c.communityId ?? null, archived: !!c.archivedAt };
}
