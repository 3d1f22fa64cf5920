/**
 * The teacher's composer: the class, the children the caller may post about (a class teacher or admin: the whole
 * class; a mentor: the child they mentor), each child's photo consent (who may appear in a class post), the tags
 * and limits.
 */
import type { Child, School, SchoolClass } from '../../../typings/domain';
import type { ComposerView } from '../../../typings/actions/growth';
import type { Database } from '../cloud';
import { covers, type Principal } from '../access';
import { invalid } from '../errors';
import { COLLECTION } from '../collections';
import { docOf } from '../archive/store';
import { GROWTH_TAGS, POST_LIMITS, TAG_LABELS } from './labels';
import { photoConsents } from './photoConsent';

export async function composerView(db: Database, principal: Principal, record: Child | SchoolClass | School): Promise<ComposerView> {
  if (!('classId' in record) && !('grade' in record)) throw invalid('请选择班级', 'classId');
  const classId = 'grade' in record ? record._id : (record as Child).classId;
  const schoolId = (record as SchoolClass | Child).schoolId;
  const classTarget = { schoolId, classId, childId: null, communityId: null };
  const wholeClass = principal.bindings.some((b) => (b.role === 'admin' || b.role === 'teacher') && !b.childId && covers(b, classTarget));
  const [clsRes, childRes] = await Promise.all([
    db.collection(COLLECTION.classes).doc(classId).field({ name: true, schoolId: true }).get(),
    wholeClass
      ? db.collection(COLLECTION.children).where({ classId, deletedAt: null }).field({ name: true }).orderBy('name', 'asc').limit(1000).get()
      : Promise.resolve({ data: [{ _id: record._id, name: (record as Child).name }] }),
  ]);
  const children = childRes.data as Pick<Child, '_id' | 'name'>[];
  const consents = await photoConsents(
    db,
    children.map((c) => c._id),
  );
  return {
    schoolClass: { id: classId, name: docOf<Pick<SchoolClass, 'name'>>(clsRes)?.name ?? '' },
    children: children.map((c) => ({ childId: c._id, name: c.name, photoConsent: consents.get(c._id)?.decision ?? 'none' })),
    canPostToClass: wholeClass,
    tags: GROWTH_TAGS.map((value) => ({ value, label: TAG_LABELS[value] })),
    limits: { photos: POST_LIMITS.photos, photoBytes: POST_LIMITS.photoBytes, text: POST_LIMITS.text },
  };
}
