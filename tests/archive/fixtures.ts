/**
 * A 60-child class with a teacher, for the roster test and bench/archive.ts: 45 left-behind children, 40 with a
 * contact card (confirmed now), 50 with consent, 20 with a mentor, 30 with an address, every 10th in focus support.
 */
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import type { TestEmulator } from '../helpers/emulator';

export const CLASS_60 = 'class-60';
export const TEACHER_60 = 'teacher-60';

export async function seedSixtyChildClass(env: TestEmulator, now = new Date()): Promise<void> {
  const db = env.app.database();
  await db
    .collection('classes')
    .add({ _id: CLASS_60, schoolId: 'demo-school', grade: 4, name: '四年级(2)班', communityId: 'demo-community-hexi', archivedAt: null });
  await db.collection('bindings').add({
    openid: TEACHER_60,
    role: 'teacher',
    schoolId: 'demo-school',
    classId: CLASS_60,
    childId: null,
    communityId: null,
    title: 'head',
    label: '四年级(2)班 班主任',
    createdAt: now,
    revokedAt: null,
  });
  const kids = Array.from({ length: 60 }, (_, i) => ({
    _id: `c60-${i}`,
    schoolId: 'demo-school',
    classId: CLASS_60,
    communityId: 'demo-community-hexi',
    name: `学生${String(i).padStart(2, '0')}`,
    gender: i % 2 ? 'male' : 'female',
    birthDate: '2016-05-05',
    leftBehindType: i < 45 ? 'both_away' : 'not_left_behind',
    address: i < 30 ? '河西村' : null,
    health: '良好',
    hobbies: '跳绳',
    familySituation: '父母在外务工，与祖父母同住，家中还有一个妹妹，经济来源主要靠父母打工收入。',
    difficulties: i % 10 === 0 ? ['economic'] : [],
    difficultyNote: i % 10 === 0 ? '经济困难' : null,
    focusSupport: i % 10 === 0 ? { flag: true, reason: '经济困难' } : null,
    archiveVersion: 1,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    studyRecords: Array.from({ length: 6 }, (_, e) => ({
      exam: `第${e + 1}次考试`,
      date: `2026-0${e + 1}-10`,
      scores: ['语文', '数学', '英语'].map((subject) => ({ subject, score: 80 + e, full: 100 })),
      rank: 3,
      note: null,
    })),
  }));
  await db.collection('children').add(kids);
  const card = {
    parents: [
      {
        name: '父亲',
        relation: '父亲',
        phone: '13800000001',
        workCity: '东莞',
        workUnit: '东莞某电子厂',
        workAddress: '长安镇工业园',
        workPhone: '0769-88888888',
      },
      { name: '母亲', relation: '母亲', phone: '13800000002', workCity: '深圳', workUnit: null, workAddress: null, workPhone: null },
    ],
    guardian: {
      name: '奶奶',
      relation: '祖母',
      occupation: '务农',
      address: '河西村',
      phone: '13900000001',
      health: '良好',
      age: 66,
      capable: true,
    },
    emergency: { name: '叔叔', relation: '叔叔', phone: '13700000003' },
  };
  await db.collection('contactCards').add(
    kids.slice(0, 40).map((k) => ({
      _id: k._id,
      childId: k._id,
      schoolId: 'demo-school',
      classId: CLASS_60,
      ...card,
      version: 1,
      createdAt: now,
      updatedAt: now,
      updatedBy: 'x',
      confirmedAt: now,
      confirmedBy: 'x',
    })),
  );
  await db.collection('consents').add(
    kids.slice(0, 50).map((k) => ({
      childId: k._id,
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      by: '家长',
      signerRelation: '父亲',
      recordedBy: 'x',
      at: now,
    })),
  );
  await db.collection('pairings').add(
    kids.slice(0, 20).map((k) => ({
      schoolId: 'demo-school',
      classId: CLASS_60,
      childId: k._id,
      kind: 'mentor',
      mentorOpenid: 'x',
      bindingId: null,
      buddyChildId: null,
      proxyKind: null,
      personName: '李老师',
      phone: null,
      note: null,
      startDate: '2026-09-01',
      endDate: null,
      createdAt: now,
      createdBy: 'x',
      endedAt: null,
      endedBy: null,
    })),
  );
}
