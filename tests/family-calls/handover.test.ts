/**
 * A call series belongs to the class, not only to the teacher who booked it: while 刘老师 (a subject teacher of
 * 三年级(1)班) teaches the class, she gets its morning agenda, the prompt to rebook a missed call and the parents'
 * requests to move; once she leaves the class they go to the head teacher (班主任), and the booking screen says so.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { at, fire, inboxFor, ok, parentsOf, setUpRoom, T, type Setup } from './helpers';

jest.setTimeout(120000);

const LIU = 'teacher-liu';
let env: TestEmulator;
let s: Setup;
let liuIn31 = '';
let callIds: string[] = [];

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  s = await setUpRoom(env);
  const bindings = env.app.database().collection('bindings');
  const teacher = {
    openid: LIU,
    role: 'teacher',
    schoolId: 'demo-school',
    childId: null,
    communityId: null,
    title: 'subject',
    createdAt: new Date(),
    revokedAt: null,
  };
  liuIn31 = (await bindings.add({ ...teacher, classId: 'demo-class-3-1', label: '三年级(1)班 刘老师' })).id as string;
  // She teaches another class too: losing 三年级(1)班 is not leaving the school.
  await bindings.add({ ...teacher, classId: 'demo-class-3-2', label: '三年级(2)班 刘老师' });
  const booked = await ok(env, LIU, 'familyCalls.book', {
    childId: 'demo-child-01',
    deviceId: s.tablet,
    weekday: 3,
    time: '19:00',
    minutes: 30,
    startDate: '2027-03-01',
    weeks: 4,
    parentBindingIds: await parentsOf(env, 'demo-child-01'),
  });
  callIds = (await env.app.database().collection('familyCalls').where({ seriesId: booked.seriesId }).orderBy('startsAt', 'asc').get()).data.map(
    (c) => c._id as string,
  );
}, 60000);
afterAll(() => env.stop());

const kinds = async (openid: string, kind: string) => (await inboxFor(env, openid)).filter((e) => e.kind === kind);

test('while she teaches the class, the series is hers: agenda and requests reach her, and the booking screen says so', async () => {
  const plan = await ok(env, T.teacher, 'familyCalls.plan', { childId: 'demo-child-01' });
  expect(plan.series[0].remindersTo).toEqual({
    labels: ['三年级(1)班 刘老师'],
    handedOver: false,
    text: '提醒发给预约的老师（三年级(1)班 刘老师）',
  });
  await fire(env, 'morning', at('2027-03-03 07:30'));
  expect((await kinds(LIU, 'familyCall.agenda')).map((e) => e.body)).toEqual(['今天有 1 次亲情视频：19:00 林小禾。']);
  expect(await kinds(T.teacher, 'familyCall.agenda')).toHaveLength(0);
  await ok(env, T.parent, 'familyCalls.requestMove', { callId: callIds[0], proposals: [{ date: '2027-03-04', time: '19:00' }] }, at('2027-03-02 09:00'));
  expect(await kinds(LIU, 'familyCall.moveRequest')).toHaveLength(1);
  expect(await kinds(T.teacher, 'familyCall.moveRequest')).toHaveLength(0);
});

test('once she no longer teaches the class, the head teacher gets the agenda, the rebook prompt and the requests', async () => {
  await ok(env, T.admin, 'people.revoke', { bindingId: liuIn31 }, at('2027-03-05 09:00'));

  const plan = await ok(env, T.teacher, 'familyCalls.plan', { childId: 'demo-child-01' }, at('2027-03-05 09:00'));
  expect(plan.series[0].remindersTo).toEqual({
    labels: ['三年级(1)班 班主任'],
    handedOver: true,
    text: '预约的老师已不再负责本班，提醒改发给三年级(1)班 班主任',
  });

  await fire(env, 'morning', at('2027-03-10 07:30'));
  expect((await kinds(T.teacher, 'familyCall.agenda')).map((e) => e.body)).toEqual(['今天有 1 次亲情视频：19:00 林小禾。']);
  expect(await kinds(LIU, 'familyCall.agenda')).toHaveLength(1); // only the one from before

  // The admin records the call of 10 March as missed: the prompt to rebook goes to the head teacher and the admin.
  await ok(env, T.admin, 'familyCalls.record', { callId: callIds[1], result: 'missed', by: 'parent', reason: '妈妈在加班' }, at('2027-03-10 19:40'));
  expect(await kinds(T.teacher, 'familyCall.rebook')).toHaveLength(1);
  expect(await kinds(T.admin, 'familyCall.rebook')).toHaveLength(1);
  expect(await kinds(LIU, 'familyCall.rebook')).toHaveLength(0);

  await ok(env, T.guardian, 'familyCalls.requestMove', { callId: callIds[2], proposals: [{ date: '2027-03-18', time: '19:00' }] }, at('2027-03-11 09:00'));
  expect(await kinds(T.teacher, 'familyCall.moveRequest')).toHaveLength(1);
  expect(await kinds(LIU, 'familyCall.moveRequest')).toHaveLength(1); // only the one from before
});
