/**
 * Activities with attendance per person, parent meetings scheduled on the symposium record (invited once, signed in,
 * counted once toward 家长家教知识普及率), materials as assistance, honours on the child's record and in the class
 * feed only with the family's photo consent. Bad input is refused in Chinese with nothing written.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { PHOTO_NOTICE } from '../../cloudfunctions/core/growth/photoConsent';
import { docs, fails, ok, T } from '../talks/helpers';

jest.setTimeout(90000);

const NOW = fromBeijing('2027-06-01 16:00');
const CLASS = 'demo-class-3-1';
let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
}, 60000);
afterAll(() => env.stop());

const gala = { classId: CLASS, kind: 'holiday', title: '六一游园', date: '2027-06-01', place: '操场', organiser: '少先队大队部' } as const;

test('an activity: the children invited, attendance taken per child in one save, counted per child', async () => {
  const made = await ok(env, T.teacher, 'activities.create', { ...gala, childIds: ['demo-child-01', 'demo-child-02', 'demo-child-03'] }, NOW);
  expect(made).toMatchObject({ kindLabel: '节日活动', placeName: '三年级(1)班', invited: 3, present: 0, taken: false, canTake: true });
  expect(made.people.map((p) => [p.name, p.status])).toEqual(
    expect.arrayContaining([
      ['林小禾', null],
      ['周子墨', null],
      ['陈一诺', null],
    ]),
  );
  const marks = [
    { personId: 'demo-child-01', status: 'present' },
    { personId: 'demo-child-02', status: 'leave' },
    { personId: 'demo-child-03', status: 'present' },
  ] as const;
  const taken = await ok(env, T.teacher, 'activities.attend', { activityId: made.id, marks: [...marks] }, NOW);
  expect(taken).toMatchObject({ invited: 3, present: 2, taken: true });
  // the same save again, and a change of mind: each child counts once, as last marked
  await ok(env, T.teacher, 'activities.attend', { activityId: made.id, marks: [...marks] }, NOW);
  const after = await ok(env, T.teacher, 'activities.attend', { activityId: made.id, marks: [{ personId: 'demo-child-03', status: 'absent' }] }, NOW);
  expect(after.present).toBe(1);
  expect(Object.fromEntries(after.people.map((p) => [p.personId, p.status]))).toEqual({
    'demo-child-01': 'present',
    'demo-child-02': 'leave',
    'demo-child-03': 'absent',
  });
  expect(await docs(env, 'activityAttendance', { activityId: made.id })).toHaveLength(3);
  // on the child's record: invited once, attended once
  const record = await ok(env, T.parent, 'children.get', { childId: 'demo-child-01' }, NOW);
  expect(record.activities).toMatchObject({ invited: 1, attended: 1 });
  const list = await ok(env, T.teacher, 'activities.list', { month: '2027-06' }, NOW);
  expect(list.activities.map((a) => [a.title, a.invited, a.present])).toEqual([['六一游园', 3, 1]]);
  expect(await docs(env, 'auditLog', { action: 'activities.attend', kind: 'change' })).toHaveLength(3);
});

test('materials handed out at the activity are material aid in the child ledger, once', async () => {
  const [activity] = (await ok(env, T.teacher, 'activities.list', { month: '2027-06' }, NOW)).activities;
  const input = { activityId: activity.id, item: '书包', quantity: 1, source: 'donor' as const, childIds: ['demo-child-01'] };
  expect(await ok(env, T.teacher, 'activities.handOut', input, NOW)).toEqual({ recorded: 1, existing: 0 });
  expect(await ok(env, T.teacher, 'activities.handOut', input, NOW)).toEqual({ recorded: 0, existing: 1 });
  const aid = await docs(env, 'assistance', { childId: 'demo-child-01', kind: 'material' });
  expect(aid.map((a) => [a.item, a.quantity, a.date, a.note])).toEqual([['书包', 1, '2027-06-01', '节日活动：六一游园']]);
  // 周子墨 was on leave: no materials recorded for a child who was not there
  expect((await fails(env, T.teacher, 'activities.handOut', { ...input, childIds: ['demo-child-02'] }, NOW)).message).toBe(
    '只能给点名时出席的孩子登记发放的物资',
  );
  expect((await ok(env, T.teacher, 'activities.get', { activityId: activity.id }, NOW)).people.find((p) => p.personId === 'demo-child-01')!.materials).toBe(
    '书包 1 件',
  );
});

test('bad input: another school, a child not invited, a day that does not exist, huge or nested values, wrong role: Chinese errors, nothing written', async () => {
  const before = [(await docs(env, 'activities')).length, (await docs(env, 'activityAttendance')).length];
  const base = { ...gala, title: '主题班会', kind: 'class_meeting' as const, childIds: ['demo-child-01'] };
  expect((await fails(env, T.teacher, 'activities.create', { ...base, classId: OTHER.classId }, NOW)).code).toBe('FORBIDDEN');
  expect((await fails(env, T.teacher, 'activities.create', { ...base, classId: undefined, schoolId: OTHER.schoolId }, NOW)).code).toBe('FORBIDDEN');
  expect((await fails(env, T.teacher, 'activities.create', { ...base, childIds: [OTHER.childId] }, NOW)).message).toBe(
    '所选的孩子不在三年级(1)班，请刷新后重新选择',
  );
  expect((await fails(env, T.teacher, 'activities.create', { ...base, childIds: ['demo-child-05'] }, NOW)).message).toBe(
    '所选的孩子不在三年级(1)班，请刷新后重新选择',
  );
  const bad = await fails(env, T.teacher, 'activities.create', { ...base, date: '2027-02-30' }, NOW);
  expect([bad.code, bad.message]).toEqual(['INVALID_INPUT', '输入有误：活动日期不是有效的日期']);
  expect((await fails(env, T.teacher, 'activities.create', { ...base, title: '班'.repeat(5000) }, NOW)).message).toContain('活动名称不能超过 40 个字');
  expect((await fails(env, T.teacher, 'activities.create', { ...base, place: { nested: { deeper: ['x'] } } }, NOW)).message).toContain('活动地点必须是文字');
  expect((await fails(env, T.teacher, 'activities.create', { ...base, childIds: Array(400).fill('demo-child-01') }, NOW)).message).toContain(
    '一次活动最多邀请 300 人',
  );
  for (const who of [T.parent, T.student, T.community, T.guardian]) expect((await fails(env, who, 'activities.create', base, NOW)).code).toBe('FORBIDDEN');
  // a child not invited cannot be marked; the whole save is refused
  const [activity] = (await ok(env, T.teacher, 'activities.list', { month: '2027-06' }, NOW)).activities;
  const refused = await fails(
    env,
    T.teacher,
    'activities.attend',
    {
      activityId: activity.id,
      marks: [
        { personId: 'demo-child-01', status: 'absent' },
        { personId: 'demo-child-04', status: 'present' },
      ],
    },
    NOW,
  );
  expect(refused.message).toBe('有人不在这次活动的邀请名单中，请刷新后重新点名');
  expect((await ok(env, T.teacher, 'activities.get', { activityId: activity.id }, NOW)).people.find((p) => p.personId === 'demo-child-01')!.status).toBe(
    'present',
  );
  expect(
    (await fails(env, T.teacher, 'activities.attend', { activityId: activity.id, marks: [{ personId: 'demo-child-01', status: 'late' }] }, NOW)).message,
  ).toContain('请选择出席、缺席或请假');
  expect(
    (await fails(env, OTHER.teacher, 'activities.attend', { activityId: activity.id, marks: [{ personId: 'demo-child-01', status: 'absent' }] }, NOW)).code,
  ).toBe('FORBIDDEN');
  // attendance before the day
  const later = await ok(env, T.teacher, 'activities.create', { ...base, date: '2027-06-20' }, NOW);
  expect(
    (await fails(env, T.teacher, 'activities.attend', { activityId: later.id, marks: [{ personId: 'demo-child-01', status: 'present' }] }, NOW)).message,
  ).toBe('活动还没有开始，到活动当天再点名');
  expect([(await docs(env, 'activities')).length, (await docs(env, 'activityAttendance')).length]).toEqual([before[0] + 1, before[1] + 1]);
});

const meeting = {
  classId: CLASS,
  kind: 'parent_meeting' as const,
  date: '2027-06-05',
  time: '15:00',
  topic: '期末家长会',
  place: '三年级(1)班教室',
  childIds: ['demo-child-01', 'demo-child-02'],
};

test('a parent meeting: invitations to the parents and guardians once (even sent twice at once), sign-in counts toward 家教知识普及率 once', async () => {
  const rate = async (at: Date) =>
    (await ok(env, T.admin, 'dashboard.children', { classId: CLASS, rate: 'parentEducation' }, at)).children.filter((c) => c.counted).map((c) => c.name);
  expect(await rate(NOW)).toEqual([]);
  const [a, b] = await Promise.all([env.api(T.teacher, 'meetings.schedule', meeting, NOW), env.api(T.teacher, 'meetings.schedule', meeting, NOW)]);
  expect([a.ok, b.ok]).toEqual([true, true]);
  await ok(env, T.teacher, 'meetings.schedule', meeting, NOW);
  const invites = await docs(env, 'inbox', { kind: 'meeting.invite' });
  // demo-parent (林小禾), demo-guardian (林小禾 and 周子墨: one invitation naming both)
  expect(invites.map((i) => i.to).sort()).toEqual(['demo-guardian', 'demo-parent']);
  expect(invites.find((i) => i.to === 'demo-guardian')).toMatchObject({
    title: '家长会邀请',
    body: '{when}在三年级(1)班教室召开「期末家长会」，请林小禾、周子墨的家长参加',
  });
  expect(await docs(env, 'symposiums', { kind: 'parent_meeting' })).toHaveLength(1);
  expect((await ok(env, T.teacher, 'activities.list', { month: '2027-06' }, NOW)).meetings).toEqual([
    { id: expect.any(String), kindLabel: '家长会', topic: '期末家长会', date: '2027-06-05', time: '15:00', held: false },
  ]);
  const id = a.ok ? a.data.id : '';
  expect((await ok(env, T.teacher, 'meetings.get', { meetingId: id }, NOW)).notified).toBe(2);
  // not before the day
  const early = await fails(env, T.teacher, 'meetings.signIn', { meetingId: id, marks: [{ childId: 'demo-child-01', status: 'present' }] }, NOW);
  expect(early.message).toBe('会议还没有开始，到会议当天再签到');

  const DAY = fromBeijing('2027-06-05 16:30');
  const notInvited = await fails(
    env,
    T.teacher,
    'meetings.signIn',
    {
      meetingId: id,
      marks: [
        { childId: 'demo-child-01', status: 'present' },
        { childId: 'demo-child-03', status: 'present' },
      ],
    },
    DAY,
  );
  expect(notInvited.message).toBe('这个家庭没有被邀请参加这次会议，请刷新后重新签到');
  expect(await rate(DAY)).toEqual([]);
  const marks = [
    { childId: 'demo-child-01', status: 'present' },
    { childId: 'demo-child-02', status: 'leave' },
  ] as const;
  await Promise.all(
    [
      ok(env, T.teacher, 'meetings.signIn', { meetingId: id, marks: [...marks] }, DAY),
      ok(env, T.teacher, 'meetings.signIn', { meetingId: id, marks: [...marks] }, DAY),
    ].map((p) => p.catch((e: Error) => e)),
  );
  const signed = await ok(env, T.teacher, 'meetings.signIn', { meetingId: id, marks: [...marks] }, DAY);
  expect(signed.families.map((f) => [f.childName, f.statusLabel])).toEqual([
    ['林小禾', '出席'],
    ['周子墨', '请假'],
  ]);
  expect(await docs(env, 'symposiumAttendance', { symposiumId: id })).toHaveLength(1);
  expect(await rate(DAY)).toEqual(['林小禾']);
  // not yet on the symposium list: nothing has been minuted
  expect((await ok(env, T.teacher, 'symposiums.list', {}, DAY)).symposiums).toEqual([]);
  const school = await ok(env, T.admin, 'dashboard.school', { schoolId: 'demo-school' }, DAY);
  const pe = JSON.stringify(school).match(/"key":"parentEducation"[^}]*"numerator":(\d+)/);
  expect(pe?.[1]).toBe('1');
  // minutes and decisions: held, on the symposium list like any other
  const held = await ok(
    env,
    T.teacher,
    'meetings.minutes',
    { meetingId: id, minutes: '通报期末安排，家长交流暑期安全。', decisions: ['暑期每周一次亲情视频'] },
    DAY,
  );
  expect(held).toMatchObject({ status: 'held', decisions: ['暑期每周一次亲情视频'] });
  const list = await ok(env, T.teacher, 'symposiums.list', {}, DAY);
  expect(list.symposiums.map((s) => [s.topic, s.attendance])).toEqual([['期末家长会', '监护人 1 人']]);
  // the same meeting recorded after the fact is the same record
  expect(
    (
      await fails(
        env,
        T.teacher,
        'symposiums.record',
        { classId: CLASS, date: '2027-06-05', topic: '期末家长会', place: '教室', participants: [], others: '家长', minutes: '纪要', decisions: [] },
        DAY,
      )
    ).message,
  ).toBe('这次座谈会已经记录过了');
  // changing a family to absent removes their attendance
  await ok(env, T.teacher, 'meetings.signIn', { meetingId: id, marks: [{ childId: 'demo-child-01', status: 'absent' }] }, DAY);
  expect(await rate(DAY)).toEqual([]);
});

test('meeting bad input: a past day, a child of another class, wrong role, another school: nothing written', async () => {
  const before = [(await docs(env, 'symposiums')).length, (await docs(env, 'meetingInvitations')).length, (await docs(env, 'inbox')).length];
  const base = { ...meeting, topic: '安全座谈' };
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, date: '2027-05-01' }, NOW)).message).toBe('会议日期不能早于今天');
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, date: '2027-06-31' }, NOW)).message).toContain('会议日期不是有效的日期');
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, time: '25:00' }, NOW)).message).toContain('开始时间格式应为 HH:mm');
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, agenda: Array(11).fill('议题') }, NOW)).message).toContain('议程最多 10 项');
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, agenda: [{ deep: ['x'] }] }, NOW)).code).toBe('INVALID_INPUT');
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, childIds: ['demo-child-05'] }, NOW)).message).toBe(
    '邀请的孩子不在本班（本校），请刷新后重新选择',
  );
  expect((await fails(env, T.teacher, 'meetings.schedule', { ...base, classId: OTHER.classId }, NOW)).code).toBe('FORBIDDEN');
  expect((await fails(env, T.parent, 'meetings.schedule', base, NOW)).code).toBe('FORBIDDEN');
  expect([(await docs(env, 'symposiums')).length, (await docs(env, 'meetingInvitations')).length, (await docs(env, 'inbox')).length]).toEqual(before);
});

const openDay = { ...meeting, date: '2027-06-10', time: '09:00', topic: '家长开放日', place: '学校会议室', agenda: ['期末复习安排', '暑期安全'] };

test("a parent signs in themselves on the meeting's day from the invitation: the school's sign-in, once (50 at once), counted once", async () => {
  const made = await ok(env, T.teacher, 'meetings.schedule', openDay, NOW);
  const invites = await docs(env, 'inbox', { kind: 'meeting.invite', to: T.parent });
  expect(invites.map((i) => i.page)).toContain(`areas/activities/pages/meeting/index?id=${made.id}&childId=demo-child-01`);
  const input = { meetingId: made.id, childId: 'demo-child-01' };
  const before = await ok(env, T.parent, 'meetings.family', input, NOW);
  expect(before).toMatchObject({
    kindLabel: '家长会',
    topic: '家长开放日',
    date: '2027-06-10',
    time: '09:00',
    place: '学校会议室',
    agenda: ['期末复习安排', '暑期安全'],
    childName: '林小禾',
    signInLabel: '未签到',
    canSignIn: false,
    closedNote: '会议当天（6月10日）才能签到',
  });
  // the family sees only their own child: not the other family invited, not the count of families
  expect(JSON.stringify(before)).not.toMatch(/周子墨|demo-child-02|invited"?:\d/);
  const early = await fails(env, T.parent, 'meetings.checkIn', input, NOW);
  expect([early.code, early.message]).toEqual(['INVALID_INPUT', '会议当天（6月10日）才能签到']);
  expect(await docs(env, 'symposiumAttendance', { symposiumId: made.id })).toHaveLength(0);

  const DAY = fromBeijing('2027-06-10 08:40');
  const answers = await Promise.all(Array.from({ length: 50 }, () => env.api(T.parent, 'meetings.checkIn', input, DAY)));
  expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.error.message))).toEqual([]);
  expect(answers.every((a) => a.ok && a.data.signIn === 'present' && !a.data.canSignIn)).toBe(true);
  await ok(env, T.parent, 'meetings.checkIn', input, DAY);
  const rows = await docs(env, 'symposiumAttendance', { symposiumId: made.id });
  expect(rows.map((r) => [r.kind, r.childId, r.name])).toEqual([['guardian', 'demo-child-01', '林小禾的家长']]);
  expect(await docs(env, 'auditLog', { action: 'meetings.checkIn', kind: 'change' })).toHaveLength(1);
  // the school's view: the family present, signed in by the parent themselves
  const school = await ok(env, T.teacher, 'meetings.get', { meetingId: made.id }, DAY);
  expect(school.families.map((f) => [f.childName, f.statusLabel, f.signedNote])).toEqual([
    ['林小禾', '出席', '家长自己签到 08:40'],
    ['周子墨', '未签到', ''],
  ]);
  expect((await docs(env, 'meetingInvitations', { _id: `${made.id}_demo-child-01` }))[0]).toMatchObject({ status: 'present', signedBy: T.parent });
  const counted = await ok(env, T.admin, 'dashboard.children', { classId: CLASS, rate: 'parentEducation' }, DAY);
  expect(counted.children.filter((c) => c.counted).map((c) => c.name)).toEqual(['林小禾']);
  // the guardian of both children signs in for 周子墨 too; the school then marking 林小禾 present again changes nothing
  expect((await ok(env, T.guardian, 'meetings.checkIn', { meetingId: made.id, childId: 'demo-child-02' }, DAY)).signInLabel).toBe('出席');
  const resaved = await ok(env, T.teacher, 'meetings.signIn', { meetingId: made.id, marks: [{ childId: 'demo-child-01', status: 'present' }] }, DAY);
  expect(await docs(env, 'symposiumAttendance', { symposiumId: made.id })).toHaveLength(2);
  // the school's save keeps the families' own sign-ins as theirs
  expect(resaved.families.map((f) => f.signedNote)).toEqual(['家长自己签到 08:40', '家长自己签到 08:40']);
  // a family the school marks present is the school's sign-in, with no note
  const byTeacher = await ok(env, T.teacher, 'meetings.signIn', { meetingId: made.id, marks: [{ childId: 'demo-child-02', status: 'leave' }] }, DAY);
  expect(byTeacher.families.map((f) => [f.childName, f.statusLabel, f.signedNote])).toEqual([
    ['林小禾', '出席', '家长自己签到 08:40'],
    ['周子墨', '请假', ''],
  ]);
  // the day after: closed
  const late = await fails(env, T.parent, 'meetings.checkIn', input, fromBeijing('2027-06-11 08:00'));
  expect(late.message).toBe('会议已经结束，不能再签到；如果您参加了，请联系老师补签');
});

test("a parent's sign-in refused: someone else's child, a child not invited, another school, a cancelled meeting, bad input; nothing written", async () => {
  const DAY = fromBeijing('2027-06-12 10:00');
  const onlyZhou = await ok(env, T.teacher, 'meetings.schedule', { ...openDay, date: '2027-06-12', topic: '监护人座谈', childIds: ['demo-child-02'] }, NOW);
  const before = [(await docs(env, 'symposiumAttendance')).length, (await docs(env, 'meetingInvitations', { status: 'present' })).length];
  // 周子墨 is not demo-parent's child: the router refuses it like any other child
  const foreign = await fails(env, T.parent, 'meetings.checkIn', { meetingId: onlyZhou.id, childId: 'demo-child-02' }, DAY);
  expect([foreign.code, foreign.message]).toEqual(['FORBIDDEN', '无权访问该范围的数据']);
  expect((await fails(env, T.parent, 'meetings.family', { meetingId: onlyZhou.id, childId: 'demo-child-02' }, DAY)).code).toBe('FORBIDDEN');
  // 林小禾 is not invited to this one; a meeting id that does not exist answers alike
  const notInvited = await fails(env, T.parent, 'meetings.checkIn', { meetingId: onlyZhou.id, childId: 'demo-child-01' }, DAY);
  expect([notInvited.code, notInvited.message]).toEqual(['FORBIDDEN', '这次会议没有邀请林小禾的家长，请从消息中心的邀请打开']);
  expect((await fails(env, T.parent, 'meetings.family', { meetingId: 'sym_forged', childId: 'demo-child-01' }, DAY)).message).toBe(
    '这次会议没有邀请林小禾的家长，请从消息中心的邀请打开',
  );
  // the teacher, a student, a parent of another school: not their sign-in to make
  for (const who of [T.teacher, T.admin, T.student, OTHER.teacher])
    expect((await fails(env, who, 'meetings.checkIn', { meetingId: onlyZhou.id, childId: 'demo-child-02' }, DAY)).code).toBe('FORBIDDEN');
  expect((await fails(env, T.parent, 'meetings.checkIn', { meetingId: { $ne: null }, childId: 'demo-child-01' }, DAY)).code).toBe('INVALID_INPUT');
  expect((await fails(env, T.parent, 'meetings.checkIn', { meetingId: onlyZhou.id, childId: 'demo-child-01', status: 'absent' }, DAY)).code).toBe(
    'INVALID_INPUT',
  );

  // cancelled: the families are told, and no one signs in any more
  const cancelled = await ok(env, T.teacher, 'meetings.cancel', { meetingId: onlyZhou.id, reason: '暴雨停课' }, NOW);
  expect(cancelled).toMatchObject({ status: 'cancelled', cancelReason: '暴雨停课', canSignIn: false });
  const invitations = await docs(env, 'inbox', { kind: 'meeting.invite' });
  expect(invitations.filter((i) => String(i.page).includes(onlyZhou.id))).toEqual([]);
  const told = await docs(env, 'inbox', { kind: 'meeting.cancelled' });
  expect(told.map((t) => [t.to, t.title, t.page])).toEqual([
    [T.guardian, '家长会取消', `areas/activities/pages/meeting/index?id=${onlyZhou.id}&childId=demo-child-02`],
  ]);
  const refused = await fails(env, T.guardian, 'meetings.checkIn', { meetingId: onlyZhou.id, childId: 'demo-child-02' }, DAY);
  expect([refused.code, refused.message]).toEqual(['CONFLICT', '这次会议已取消：暴雨停课']);
  expect((await ok(env, T.guardian, 'meetings.family', { meetingId: onlyZhou.id, childId: 'demo-child-02' }, DAY)).closedNote).toBe('这次会议已取消：暴雨停课');
  expect(
    (await fails(env, T.teacher, 'meetings.signIn', { meetingId: onlyZhou.id, marks: [{ childId: 'demo-child-02', status: 'present' }] }, DAY)).message,
  ).toBe('这次会议已取消，不能签到');
  expect((await ok(env, T.teacher, 'activities.list', { month: '2027-06' }, NOW)).meetings.map((m) => m.topic)).not.toContain('监护人座谈');
  expect([(await docs(env, 'symposiumAttendance')).length, (await docs(env, 'meetingInvitations', { status: 'present' })).length]).toEqual(before);
  // a meeting a family has signed in to is not cancelled
  const signed = (await ok(env, T.teacher, 'activities.list', { month: '2027-06' }, NOW)).meetings.find((m) => m.topic === '家长开放日')!;
  expect((await fails(env, T.teacher, 'meetings.cancel', { meetingId: signed.id, reason: '改期' }, NOW)).message).toBe('已有家庭签到出席，会议不能取消');
});

test('an honour: on the child record for the family; in the class feed only with the family photo consent', async () => {
  const honour = { childId: 'demo-child-03', title: '自强少年', level: 'county', date: '2027-05-30', body: '青山县教育局', share: true } as const;
  await ok(
    env,
    T.teacher,
    'photoConsent.record',
    { childId: 'demo-child-03', decision: 'refused', noticeVersion: PHOTO_NOTICE.version, method: 'paper', signerName: '陈海', signerRelation: '父亲' },
    NOW,
  );
  const without = await ok(env, T.teacher, 'honours.add', honour, NOW);
  expect(without).toMatchObject({ shared: false, honour: { title: '自强少年', levelLabel: '县级' } });
  expect(without.notice).toBe('陈一诺的家长还没有同意在班级动态中出现孩子的名字，荣誉只记在孩子的档案里');
  expect(JSON.stringify(await docs(env, 'growthPosts'))).not.toContain('自强少年');

  await ok(
    env,
    T.teacher,
    'photoConsent.record',
    { childId: 'demo-child-01', decision: 'granted', noticeVersion: PHOTO_NOTICE.version, method: 'paper', signerName: '林建国', signerRelation: '父亲' },
    NOW,
  );
  const shared = await ok(env, T.teacher, 'honours.add', { ...honour, childId: 'demo-child-01' }, NOW);
  expect(shared.shared).toBe(true);
  const feed = await ok(env, T.guardian, 'posts.feed', { childId: 'demo-child-02', before: new Date(NOW.getTime() + 60000).toISOString() }, NOW);
  expect(JSON.stringify(feed)).toContain('祝贺林小禾荣获县级“自强少年”称号（青山县教育局）！');
  expect(JSON.stringify(feed)).not.toContain('陈一诺');
  const record = await ok(env, T.parent, 'children.get', { childId: 'demo-child-01' }, NOW);
  expect(record.activities.honours.map((h) => `${h.levelLabel}${h.title}`)).toEqual(['县级自强少年']);
  // bad input
  expect((await fails(env, T.teacher, 'honours.add', { ...honour, date: '2027-07-01' }, NOW)).message).toBe('获奖日期不能晚于今天');
  expect((await fails(env, T.teacher, 'honours.add', { ...honour, level: 'galaxy' }, NOW)).message).toContain('请选择荣誉级别');
  expect((await fails(env, T.parent, 'honours.add', honour, NOW)).code).toBe('FORBIDDEN');
  expect((await fails(env, T.teacher, 'honours.add', { ...honour, childId: OTHER.childId }, NOW)).code).toBe('FORBIDDEN');
  expect(await docs(env, 'honours')).toHaveLength(2);
});

test("the family's home lists this week's meetings it is invited to, asks to sign in on the day, and drops it once signed in", async () => {
  const meetingTodos = async (openid: string, childId: string, at: Date) =>
    (await ok(env, openid, 'parent.home', { childId }, at)).todo.filter((t) => t.kind === 'meeting').map((t) => t.title);
  const at = (day: string) => ({ ...meeting, date: day, topic: `${day}家长会`, childIds: ['demo-child-01'] });
  const soon = await ok(env, T.teacher, 'meetings.schedule', at('2027-06-08'), NOW);
  await ok(env, T.teacher, 'meetings.schedule', at('2027-06-20'), NOW); // more than a week ahead
  const dropped = await ok(env, T.teacher, 'meetings.schedule', at('2027-06-07'), NOW);
  await ok(env, T.teacher, 'meetings.cancel', { meetingId: dropped.id, reason: '下雨' }, NOW);

  expect(await meetingTodos(T.parent, 'demo-child-01', NOW)).toEqual(['6月8日 15:00家长会「2027-06-08家长会」（三年级(1)班教室）']);
  expect((await ok(env, T.parent, 'parent.home', { childId: 'demo-child-01' }, NOW)).todo.find((t) => t.kind === 'meeting')?.page).toBe(
    `areas/activities/pages/meeting/index?id=${soon.id}&childId=demo-child-01`,
  );
  // 周子墨 is not invited: their guardian's home for them names no meeting
  expect(await meetingTodos(T.guardian, 'demo-child-02', NOW)).toEqual([]);
  // on the day (Beijing: 00:30 on June 8 is still June 7 in New York)
  const DAY = fromBeijing('2027-06-08 00:30');
  expect(await meetingTodos(T.parent, 'demo-child-01', DAY)).toEqual(['今天15:00家长会「2027-06-08家长会」，到场后请在这里签到']);
  await ok(env, T.parent, 'meetings.checkIn', { meetingId: soon.id, childId: 'demo-child-01' }, DAY);
  expect(await meetingTodos(T.parent, 'demo-child-01', DAY)).toEqual([]);
  // the day after, the meeting is past
  expect(await meetingTodos(T.guardian, 'demo-child-01', fromBeijing('2027-06-09 08:00'))).toEqual([]);
});
