/**
 * A second school next to the demo school, so every test can ask "own scope" and "someone else's scope".
 */
import type { TestEmulator } from './emulator';

export const OTHER = {
  schoolId: 'school-b',
  classId: 'class-b',
  childId: 'child-b',
  communityId: 'community-b',
  teacher: 'teacher-b',
  admin: 'admin-b',
};

export async function addOtherSchool(env: TestEmulator): Promise<void> {
  const db = env.app.database();
  const now = new Date();
  await db.collection('schools').add({ _id: OTHER.schoolId, name: '河东小学', createdAt: now });
  await db.collection('communities').add({ _id: OTHER.communityId, schoolId: OTHER.schoolId, name: '河东村' });
  await db
    .collection('classes')
    .add({ _id: OTHER.classId, schoolId: OTHER.schoolId, grade: 4, name: '四年级(1)班', communityId: OTHER.communityId, archivedAt: null });
  await db.collection('children').add({
    _id: OTHER.childId,
    schoolId: OTHER.schoolId,
    classId: OTHER.classId,
    communityId: OTHER.communityId,
    name: '赵小川',
    gender: 'male',
    birthDate: '2016-05-05',
    leftBehindType: 'both_away',
    idNumber: '11010520160505123X',
    address: '河东村三组十二号',
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  });
  const scope = { classId: null, childId: null, communityId: null, createdAt: now, revokedAt: null, schoolId: OTHER.schoolId };
  await db.collection('bindings').add([
    { ...scope, openid: OTHER.admin, role: 'admin', label: '河东小学' },
    { ...scope, openid: OTHER.teacher, role: 'teacher', classId: OTHER.classId, label: '四年级(1)班 班主任' },
  ]);
}
