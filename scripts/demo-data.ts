/**
 * The demo school loaded on the first `npm start` (and by tests that ask for it). Every name is invented.
 * Fixed ids and fixed OPENIDs (demo-admin, demo-teacher, ...) so anyone can script against a fresh start.
 */
import type tcb from '@cloudbase/node-sdk';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/consent';
import { seedGrowthDemo } from './demo/growth';
import { seedTalkDemo } from './demo/talks';
import { seedBirthdays } from './demo/birthdays';
import { seedDashboardDemo, seedDemoCounty } from './demo/dashboard';
import { seedWorkPlanDemo } from './demo/workplan';
import { seedCommunityDemo } from './demo/community';
import { seedActivitiesDemo } from './demo/activities';
import { bookAroundHolidays, seedPastCallsDemo } from './demo/calls';

type App = ReturnType<typeof tcb.init>;

export const DEMO_OPENIDS = {
  admin: 'demo-admin',
  teacher: 'demo-teacher',
  parent: 'demo-parent',
  guardian: 'demo-guardian',
  student: 'demo-student',
  community: 'demo-community',
  township: 'demo-township',
  county: 'demo-county',
} as const;

export const DEMO_SCHOOL_ID = 'demo-school';

/**
 * The demo deployment's subscribe-message templates. A real deployment picks its own in the mini-program's
 * 公共模板库 and maps their keys (thing1, time2, ...) to the fields reminders carry (README: 提醒如何到达微信).
 */
export const DEMO_TEMPLATES = {
  schedule: { id: 'DEMO_TPL_SCHEDULE', fields: { thing1: 'title', time2: 'time', name3: 'child', thing4: 'note' } },
  notice: { id: 'DEMO_TPL_NOTICE', fields: { thing1: 'title', thing2: 'note', time3: 'time', number4: 'count' } },
  birthday: { id: 'DEMO_TPL_BIRTHDAY', fields: { name1: 'name', date2: 'date', thing3: 'note' } },
};

/**
 * How many times each demo person tapped 允许 for a template (one-time subscriptions: one message each). A family
 * gets the call's booking (mid-term also the booking of the weeks already held), the parent meeting's invitation
 * and, on Wednesday, the call about to start.
 */
const DEMO_SUBSCRIPTIONS: { openid: string; template: keyof typeof DEMO_TEMPLATES; accepts: number }[] = [
  { openid: DEMO_OPENIDS.parent, template: 'schedule', accepts: 4 },
  { openid: DEMO_OPENIDS.guardian, template: 'schedule', accepts: 4 },
  { openid: DEMO_OPENIDS.teacher, template: 'notice', accepts: 3 },
];

const CLASSES = [
  { _id: 'demo-class-3-1', grade: 3, name: '三年级(1)班', communityId: 'demo-community-qingshan' },
  { _id: 'demo-class-3-2', grade: 3, name: '三年级(2)班', communityId: 'demo-community-qingshan' },
  { _id: 'demo-class-5-1', grade: 5, name: '五年级(1)班', communityId: 'demo-community-hexi' },
];

const CHILDREN: {
  id: string;
  classId: string;
  name: string;
  gender: 'male' | 'female';
  birthDate: string;
  type: 'both_away' | 'one_away_other_unable' | 'not_left_behind';
  lunar?: { month: number; day: number };
}[] = [
  {
    id: 'demo-child-01',
    classId: 'demo-class-3-1',
    name: '林小禾',
    gender: 'female',
    birthDate: '2017-09-12',
    type: 'both_away',
    lunar: { month: 7, day: 22 },
  },
  {
    id: 'demo-child-02',
    classId: 'demo-class-3-1',
    name: '周子墨',
    gender: 'male',
    birthDate: '2017-04-03',
    type: 'one_away_other_unable',
  },
  { id: 'demo-child-03', classId: 'demo-class-3-1', name: '陈一诺', gender: 'female', birthDate: '2017-12-20', type: 'both_away' },
  { id: 'demo-child-04', classId: 'demo-class-3-1', name: '吴星辰', gender: 'male', birthDate: '2018-01-08', type: 'not_left_behind' },
  { id: 'demo-child-05', classId: 'demo-class-3-2', name: '郑可欣', gender: 'female', birthDate: '2017-06-30', type: 'both_away' },
  { id: 'demo-child-06', classId: 'demo-class-3-2', name: '孙浩然', gender: 'male', birthDate: '2017-11-11', type: 'both_away' },
  { id: 'demo-child-07', classId: 'demo-class-3-2', name: '马语桐', gender: 'female', birthDate: '2018-02-14', type: 'not_left_behind' },
  {
    id: 'demo-child-08',
    classId: 'demo-class-5-1',
    name: '何家乐',
    gender: 'male',
    birthDate: '2015-08-25',
    type: 'one_away_other_unable',
  },
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
  // 青山镇 holds both villages: its 儿童督导员 oversees their 儿童主任s.
  await db.collection('townships').add({ _id: 'demo-township-qingshan', schoolId: DEMO_SCHOOL_ID, name: '青山镇', createdAt: now });
  await db.collection('communities').add([
    { _id: 'demo-community-qingshan', schoolId: DEMO_SCHOOL_ID, name: '青山村', townshipId: 'demo-township-qingshan' },
    { _id: 'demo-community-hexi', schoolId: DEMO_SCHOOL_ID, name: '河西村', townshipId: 'demo-township-qingshan' },
  ]);
  await db.collection('classes').add(CLASSES.map((c) => ({ ...c, schoolId: DEMO_SCHOOL_ID, archivedAt: null })));
  // The children have been on the roll for a year, as in a school already at work (weekly contact coverage counts
  // the weeks since a child was entered).
  const enrolled = new Date(now.getTime() - 365 * 86400000);
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
      createdAt: enrolled,
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
    { openid: DEMO_OPENIDS.community, nickname: '演示·儿童主任' },
    { openid: DEMO_OPENIDS.township, nickname: '演示·儿童督导员' },
  ];
  await db.collection('users').add(users.map((u) => ({ _id: u.openid, ...u, createdAt: now })));

  const scope = { schoolId: DEMO_SCHOOL_ID, classId: null, childId: null, communityId: null, createdAt: now, revokedAt: null };
  await db.collection('bindings').add([
    { ...scope, openid: DEMO_OPENIDS.admin, role: 'admin', label: '青山镇中心小学（演示）' },
    { ...scope, openid: DEMO_OPENIDS.teacher, role: 'teacher', classId: 'demo-class-3-1', title: 'head', label: '三年级(1)班 班主任' },
    { ...scope, openid: DEMO_OPENIDS.parent, role: 'parent', childId: 'demo-child-01', classId: 'demo-class-3-1', label: '林小禾的妈妈' },
    {
      ...scope,
      openid: DEMO_OPENIDS.guardian,
      role: 'guardian',
      childId: 'demo-child-01',
      classId: 'demo-class-3-1',
      label: '林小禾的奶奶',
    },
    {
      ...scope,
      openid: DEMO_OPENIDS.guardian,
      role: 'guardian',
      childId: 'demo-child-02',
      classId: 'demo-class-3-1',
      label: '周子墨的外婆',
    },
    {
      ...scope,
      openid: DEMO_OPENIDS.student,
      role: 'student',
      classId: 'demo-class-3-1',
      childId: 'demo-child-04',
      label: '三年级(1)班 吴星辰',
    },
    { ...scope, openid: DEMO_OPENIDS.community, role: 'community', communityId: 'demo-community-qingshan', label: '青山村 儿童主任' },
    { ...scope, openid: DEMO_OPENIDS.township, role: 'township', townshipId: 'demo-township-qingshan', label: '青山镇 儿童督导员' },
  ]);
  await seedDemoCounty(db, DEMO_SCHOOL_ID, now);
  return true;
}

/** One action as `openid`; `at`: the simulated time of the call (the demo's weeks of history), default now. */
export type DemoCall = (
  openid: string,
  action: string,
  input: Record<string, unknown>,
  at?: Date,
) => Promise<{ ok: boolean; data?: unknown; error?: { code: string; message: string } }>;

/** Beijing calendar day of `now` plus `days`. */
function beijingDay(now: Date, days = 0): string {
  return new Date(now.getTime() + 8 * 3600000 + days * 86400000).toISOString().slice(0, 10);
}

/** The school year around `now`: autumn term from September, spring term from late February. */
function schoolYear(now: Date) {
  const today = beijingDay(now);
  const y = Number(today.slice(0, 4));
  const start = today.slice(5) >= '08-15' ? y : y - 1;
  return {
    terms: [
      { name: `${start}-${start + 1}学年第一学期`, start: `${start}-09-01`, end: `${start + 1}-01-20` },
      { name: `${start}-${start + 1}学年第二学期`, start: `${start + 1}-02-20`, end: `${start + 1}-07-05` },
      { name: `${start + 1}-${start + 2}学年第一学期`, start: `${start + 1}-09-01`, end: `${start + 2}-01-20` },
    ],
    holidays: [
      { name: '国庆节', start: `${start}-10-01`, end: `${start}-10-07` },
      { name: '劳动节', start: `${start + 1}-05-01`, end: `${start + 1}-05-05` },
    ],
  };
}

/**
 * The care work of a few weeks, entered through the real actions as the demo people would (so every rule and
 * record — consent, versions, slot locks, reminders, audit — is what the app itself writes): the reminder templates
 * and the demo people's subscriptions (so reminders reach WeChat: /_emulator/wx/messages), the care room and its
 * devices, the school calendar, paper consents, a contact card, a mentor and a buddy, a weekly family call (and the
 * term's weeks of it already held).
 */
export async function seedDemoActivity(call: DemoCall, now: Date): Promise<void> {
  const must = async (openid: string, action: string, input: Record<string, unknown>) => {
    const res = await call(openid, action, input);
    if (!res.ok) throw new Error(`演示数据：${action} 失败：${res.error?.message}`);
    return res.data as Record<string, unknown>;
  };
  await must(DEMO_OPENIDS.admin, 'reminders.configure', { templates: DEMO_TEMPLATES });
  for (const s of DEMO_SUBSCRIPTIONS) {
    for (let i = 0; i < s.accepts; i++) await must(s.openid, 'reminders.subscribe', { results: { [DEMO_TEMPLATES[s.template].id]: 'accept' } });
  }

  const hours = { start: '16:00', end: '20:00' };
  const room = await must(DEMO_OPENIDS.admin, 'rooms.save', {
    schoolId: DEMO_SCHOOL_ID,
    name: '关爱室',
    location: '教学楼二楼东侧',
    devices: [
      {
        name: '关爱室平板',
        kind: 'tablet',
        hours: { 1: [hours], 2: [hours], 3: [hours], 4: [hours], 5: [hours], 6: [{ start: '09:00', end: '17:00' }] },
      },
      { name: '关爱室电脑', kind: 'pc', hours: { 1: [hours], 3: [hours], 5: [hours] } },
    ],
  });
  const year = schoolYear(now);
  await must(DEMO_OPENIDS.admin, 'calendar.save', { schoolId: DEMO_SCHOOL_ID, expectedVersion: 0, ...year, makeUpDays: [] });

  const signers: Record<string, [string, string]> = {
    'demo-child-01': ['林建国', '父亲'],
    'demo-child-02': ['周桂兰', '外婆'],
    'demo-child-03': ['陈海', '父亲'],
    'demo-child-05': ['郑丽', '母亲'],
  };
  for (const [childId, [signerName, signerRelation]] of Object.entries(signers)) {
    // 郑可欣 is in another class than the demo teacher's: the admin enters her family's form.
    await must(childId === 'demo-child-05' ? DEMO_OPENIDS.admin : DEMO_OPENIDS.teacher, 'consent.record', {
      childId,
      decision: 'granted',
      noticeVersion: PRIVACY_NOTICE.version,
      method: 'paper',
      signerName,
      signerRelation,
    });
  }
  await must(DEMO_OPENIDS.teacher, 'contactCards.save', {
    childId: 'demo-child-01',
    expectedVersion: 0,
    parents: [
      {
        name: '林建国',
        relation: '父亲',
        phone: '13800135678',
        workCity: '广东东莞',
        workUnit: '东莞某电子厂',
        workAddress: '东莞市长安镇工业园',
        workPhone: null,
      },
      {
        name: '黄秀英',
        relation: '母亲',
        phone: '13900246810',
        workCity: '广东东莞',
        workUnit: '东莞某电子厂',
        workAddress: '东莞市长安镇工业园',
        workPhone: null,
      },
    ],
    guardian: {
      name: '林桂芳',
      relation: '奶奶',
      occupation: '务农',
      address: '青山村五组',
      phone: '13700112233',
      health: '良好',
      age: 66,
      capable: true,
    },
    emergency: { name: '林建军', relation: '叔叔', phone: '13600998877' },
  });
  await must(DEMO_OPENIDS.teacher, 'archive.update', {
    childId: 'demo-child-01',
    expectedVersion: 0,
    changes: {
      hobbies: '画画、跳绳',
      health: '良好',
      studySituation: '语文进步明显，数学需要多鼓励',
      familySituation: '父母在东莞务工，与奶奶同住',
      focusSupport: { flag: true, reason: '父母均在外，性格内向，需多关注' },
    },
  });

  const people = (await must(DEMO_OPENIDS.admin, 'people.list', { schoolId: DEMO_SCHOOL_ID })) as {
    people: { bindingId: string; openid: string; role: string; childId: string | null }[];
  };
  const teacherBinding = people.people.find((p) => p.openid === DEMO_OPENIDS.teacher && p.role === 'teacher' && !p.childId)!;
  const parentBinding = people.people.find((p) => p.openid === DEMO_OPENIDS.parent && p.childId === 'demo-child-01')!;
  await must(DEMO_OPENIDS.admin, 'care.pair', {
    childId: 'demo-child-05',
    kind: 'mentor',
    teacherBindingId: teacherBinding.bindingId,
    name: '演示·班主任',
  });
  await must(DEMO_OPENIDS.teacher, 'care.pair', { childId: 'demo-child-01', kind: 'buddy', buddyChildId: 'demo-child-04' });

  // Weekly family call for 林小禾, Wednesdays 19:00 on the tablet, for eight weeks from tomorrow; weeks that fall in
  // a holiday or outside term are left out, as a teacher would after the booking screen lists them.
  const tablet = (room.devices as { id: string; kind: string }[]).find((d) => d.kind === 'tablet')!;
  const tomorrow = beijingDay(now, 1);
  const inTerm = year.terms.some((t) => t.start <= tomorrow && tomorrow <= t.end);
  // In the summer or winter break the care room is closed: book from the next term's first day.
  const nextTerm = year.terms.find((t) => t.start > tomorrow)!.start;
  const startDate = inTerm ? tomorrow : nextTerm;
  const booking = {
    childId: 'demo-child-01',
    deviceId: tablet.id,
    weekday: 3,
    time: '19:00',
    minutes: 30,
    startDate,
    weeks: 8,
    parentBindingIds: [parentBinding.bindingId],
  };
  await bookAroundHolidays(call, booking, booking.weeks);
  await seedPastCallsDemo(
    call,
    beijingDay(now),
    year.terms.find((t) => t.start <= beijingDay(now) && beijingDay(now) <= t.end),
    booking,
  );
  await seedGrowthDemo(call, now);
  await seedTalkDemo(call, now);
  await seedBirthdays(call, now);
  await seedDashboardDemo(call, now);
  await seedCommunityDemo(call, now);
  await seedActivitiesDemo(call, now);
  await seedWorkPlanDemo(call, now);
}
