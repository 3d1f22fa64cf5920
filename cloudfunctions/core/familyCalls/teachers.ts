/** The teachers of a class: who gets a class's prompts when no one else is named. */
import type { BindingRecord } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { fetchAllRows } from './load';

/** The head teachers of a class if it has any, else all its teachers. */
export function headsFirst(classTeachers: BindingRecord[]): BindingRecord[] {
  const heads = classTeachers.filter((t) => t.title === 'head');
  return heads.length ? heads : classTeachers;
}

/** The live class teacher bindings (not mentor bindings) of these classes. */
export function classTeacherBindings(db: Database, classIds: string[]): Promise<BindingRecord[]> {
  const _ = db.command;
  if (!classIds.length) return Promise.resolve([]);
  return fetchAllRows<BindingRecord>((skip) => db.collection(COLLECTION.bindings).where({ classId: _.in(classIds), role: 'teacher', childId: null, revokedAt: null }).orderBy('_id', 'asc').skip(skip).limit(1000).get());
}
