/**
 * The demo school loaded on the first `npm start` (and by tests that ask for it). Every name is invented.
 * Fixed ids and fixed OPENIDs (demo-admin, demo-teacher, ...) so anyone can script against a fresh start.
 */
import type tcb from '@cloudbase/node-sdk';

type App = ReturnType<typeof tcb.init>;

export const DEMO_OPENIDS = {
  admin: 'demo-admin',
  teacher: 'demo-teacher',
  parent: 'demo-parent',
  guardian: 'demo-guardian',
  student: 'demo-student',
  community: 'demo-community',
} as const;

export const DEMO_SCHOOL_ID = 'demo-school';

const CLASSES = [
  { _id: 'demo-class-3-1', grade: 3, name: '三年级(1)班', communityId: 'demo-community-qingshan' },
  { _id: 'demo-class-3-2', grade: 3, name: '三年级(2)班', communityId: 'demo-community-qingshan' },
  { _id: 'demo-class-5-1', grade: 5, name: '五年级(1)班', communityId: 'demo-community-hexi' },
];

const CHILDREN: { id: string; classId: string; name: string; gender: 'male' | 'female'; birthDate: string; type: 'both_away' | 'one_away_other_unable' | 'not_left_behind'; lunar?: { month: number; day: number } }[] = [
  { id: 'demo-child-01', classId: 'demo-class-3-1', name: '林小禾', gender: 'female', birthDate: '2017-09-12', type: 'both_away', lunar: { month: 7, day: 22 } },
  { id: 'demo-child-02', classId: 'demo-class-3-1', name: '周子墨', gender: 'male', birthDate: '2017-04-03', type: 'one_away_other_unable' },
  { id: 'demo-child-03', classId: 'demo-class-3-1', name: '陈一诺', gender: 'female', birthDate: '2017-12-20', type: 'both_away' },
  { id: 'demo-child-04', classId: 'demo-class-3-1', name: '吴星辰', gender: 'male', birthDate: '2018-01-08', type: 'not_left_behind' },
  { id: 'demo-child-05', classId: 'demo-class-3-2', name: '郑可欣', gender: 'female', birthDate: '2017-06-30', type: 'both_away' },
  { id: 'demo-child-06', classId: 'demo-class-3-2', name: '孙浩然', gender: 'male', birthDate: '2017-11-11', type: 'both_away' },
  { id: 'demo-child-07', classId: 'demo-class-3-2', name: '马语桐', gender: 'female', birthDate: '2018-02-14', type: 'not_left_behind' },
  { id: 'demo-child-08', classId: 'demo-class-5-1', name: '何家乐', gender: 'male', birthDate: '2015-08-25', type: 'one_away_other_unable' },
  { id: 'demo-child-09', classId: 'demo-class-5-1', name: '罗思琪', gender: 'female', birthDate: '2015-10-02', type: 'both_away' },
  { id: 'demo-child-10', classId: 'demo-class-5-1', name: '高宇航', gender: 'male', birthDate: '2016-03-17', type: 'not_left_behind' },
];

/** Loads the demo school unless the database already has a school. Returns whether it loaded anything. */
export async function seedDemo(app: App): Promise<boolean> {
  const db = app.database();
  const existing = await db.collection('schools').limit(1).get();
  if (existing.data.length > 0) return false;
  const now = new Date();

  await db.collection('schools').add({ _id: DEMO_SCHOOL_ID, name: '青山镇中心小学（演示）', createdAt: now });
  await db.collection('communities').add([
    { _id: 'demo-community-qingshan', schoolId: DEMO_SCHOOL_ID, name: '青山村' },
    { _id: 'demo-community-hexi', schoolId: DEMO_SCHOOL_ID, name: '河西村' },
  ]);
  await db.collection('classes').add(CLASSES.map((c) => ({ ...c, schoolId: DEMO_SCHOOL_ID, archivedAt: null })));
  await db.collection('children').add(
    CHILDREN.map((c) => ({
      _id: c.id,
      schoolId: DEMO_SCHOOL_ID,
      classId: c.classId,
      communityId: CLASSES.find((k) => k._id === c.classId)?.communityId ?? null,
      name: c.name,
      gender: c.gender,
      birthDate: c.birthDate,
      lunarBirthday: c.lunar ?? null,
      leftBehindType: c.type,
      focusSupport: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    })),
  );

  const users = [
    { openid: DEMO_OPENIDS.admin, nickname: '演示·校长' },
    { openid: DEMO_OPENIDS.teacher, nickname: '演示·班主任' },
    { openid: DEMO_OPENIDS.parent, nickname: '演示·家长' },
    { openid: DEMO_OPENIDS.guardian, nickname: '演示·监护人' },
    { openid: DEMO_OPENIDS.student, nickname: '演示·学生' },
    { openid: DEMO_OPENIDS.community, nickname: '演示·社区' },
  ];
  await db.collection('users').add(users.map((u) => ({ _id: u.openid, ...u, createdAt: now })));

  const scope = { schoolId: DEMO_SCHOOL_ID, classId: null, childId: null, communityId: null, createdAt: now, revokedAt: null };
  await db.collection('bindings').add([
    { ...scope, openid: DEMO_OPENIDS.admin, role: 'admin', label: '青山镇中心小学（演示）' },
    { ...scope, openid: DEMO_OPENIDS.teacher, role: 'teacher', classId: 'demo-class-3-1', title: 'head', label: '三年级(1)班 班主任' },
    { ...scope, openid: DEMO_OPENIDS.parent, role: 'parent', childId: 'demo-child-01', classId: 'demo-class-3-1', label: '林小禾的妈妈' },
    { ...scope, openid: DEMO_OPENIDS.guardian, role: 'guardian', childId: 'demo-child-01', classId: 'demo-class-3-1', label: '林小禾的奶奶' },
    { ...scope, openid: DEMO_OPENIDS.guardian, role: 'guardian', childId: 'demo-child-02', classId: 'demo-class-3-1', label: '周子墨的外婆' },
    { ...scope, openid: DEMO_OPENIDS.student, role: 'student', classId: 'demo-class-3-1', childId: 'demo-child-04', label: '三年级(1)班 吴星辰' },
    { ...scope, openid: DEMO_OPENIDS.community, role: 'community', communityId: 'demo-community-qingshan', label: '青山村 社区工作者' },
  ]);
  return true;
}
