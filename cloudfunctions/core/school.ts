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

/** 3 -> 三年级 */
export function gradeName(grade: number): string {
  const names = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
  return `${names[grade] ?? grade}年级`;
}
