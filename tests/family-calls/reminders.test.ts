/**
 * Family-call reminders through the scheduler bundle fired by the emulator's timers: parents the day before and
 * half an hour before, the teacher's morning agenda, the Monday prompt about children without contact for two
 * weeks. Each reminder once, whatever the number of runs.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addParent, at, fire, inboxFor, ok, outboxFor, parentsOf, setUpRoom, T, type Setup } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;
let s: Setup;
let callId: string;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  s = await setUpRoom(env);
  const parents = await parentsOf(env, 'demo-child-01');
  const booked = await ok(env, T.teacher, 'familyCalls.book', {
    childId: 'demo-child-01',
    deviceId: s.tablet,
    weekday: 3,
    time: '19:00',
    minutes: 30,
    startDate: '2027-03-01',
    weeks: 2,
    parentBindingIds: parents,
  });
  callId = booked.first.id;
}, 60000);
afterAll(() => env.stop());

/** The parent's inbox as they read it at `now` (relative times written out then). */
async function inboxItems(openid: string, now: Date) {
  return (await ok(env, openid, 'inbox.list', {}, now)).items;
}

test('the day before (19:00 Tuesday), each parent chosen gets one reminder; a second run adds none', async () => {
  const first = await fire(env, 'quarterHour', at('2027-03-02 19:00'));
  expect(first.sources.familyCallsUpcoming.created).toBe(2);
  await fire(env, 'quarterHour', at('2027-03-02 19:00'));
  const entries = await outboxFor(env, { subject: callId, kind: 'familyCall.dayBefore' });
  expect(entries.map((e) => e.to).sort()).toEqual([T.guardian, T.parent]);
  // The stored text holds WHEN, written out as the parent reads it: the evening before, and later that night.
  expect(entries[0].body).toContain('{when}与林小禾视频通话（30分钟）');
  const dayBefore = async (now: Date) => (await inboxItems(T.parent, now)).find((i) => i.kind === 'familyCall.dayBefore')?.body;
  expect(await dayBefore(at('2027-03-02 19:00'))).toContain('明天（周三）19:00与林小禾视频通话（30分钟）');
  expect(await dayBefore(at('2027-03-03 08:00'))).toContain('今天 19:00（还有11小时）与林小禾视频通话');
  expect(entries[0].dueAt.toISOString()).toBe(at('2027-03-02 19:00').toISOString());
});

test('half an hour before, on the day', async () => {
  await fire(env, 'quarterHour', at('2027-03-03 18:15'));
  expect(await outboxFor(env, { subject: callId, kind: 'familyCall.soon' })).toHaveLength(0);
  const run = await fire(env, 'quarterHour', at('2027-03-03 18:30'));
  expect(run.sources.familyCallsUpcoming.created).toBe(2);
  const soon = await inboxItems(T.parent, at('2027-03-03 18:30'));
  expect(soon.find((e) => e.kind === 'familyCall.soon')?.body).toContain('今天 19:00（还有30分钟）');
});

test('a revoked parent is not reminded', async () => {
  const db = env.app.database();
  const guardianBinding = (await db.collection('bindings').where({ openid: T.guardian, childId: 'demo-child-01' }).get()).data[0] as {
    _id: string;
  };
  await db.collection('bindings').doc(guardianBinding._id).update({ revokedAt: new Date() });
  await fire(env, 'quarterHour', at('2027-03-09 19:00'));
  const next = await outboxFor(env, { kind: 'familyCall.dayBefore', occurrence: at('2027-03-10 19:00').toISOString() });
  expect(next.map((e) => e.to)).toEqual([T.parent]);
  await db.collection('bindings').doc(guardianBinding._id).update({ revokedAt: null });
});

test("the teacher's morning agenda lists today's calls, and yesterday's without an outcome", async () => {
  const p3 = await addParent(env, 'demo-child-03');
  await ok(env, T.teacher, 'familyCalls.book', {
    childId: 'demo-child-03',
    deviceId: s.pc,
    weekday: 4,
    time: '18:30',
    minutes: 15,
    startDate: '2027-03-01',
    weeks: 2,
    parentBindingIds: [p3],
  });
  await ok(env, T.parent, 'familyCalls.confirm', { callId: `${callId.replace(/-2027-W09$/, '')}-2027-W10` }, at('2027-03-09 08:00'));
  const run = await fire(env, 'morning', at('2027-03-11 07:30'));
  expect(run.sources.familyCallsAgenda.created).toBe(1);
  const agenda = (await inboxFor(env, T.teacher)).find((e) => e.kind === 'familyCall.agenda');
  expect(agenda?.title).toBe('今天有 1 次亲情视频');
  expect(agenda?.body).toContain('18:30 陈一诺');
  expect(agenda?.body).toContain('昨天还有 1 次通话未登记结果');
});

test('the agenda says the same in WeChat as in the inbox, also on a day with only calls left to record', async () => {
  const agendaOf = async (date: string) => {
    const sent = (await env.app.database().collection('outbox').where({ kind: 'familyCall.agenda', to: T.teacher, occurrence: date }).get()).data[0] as {
      fields: Record<string, string>;
      title: string;
      body: string;
    };
    const shown = (await inboxFor(env, T.teacher)).find((e) => e.kind === 'familyCall.agenda' && sent && e.title === sent.title);
    return { sent, shown };
  };
  const today = await agendaOf('2027-03-11');
  expect(today.sent.fields).toMatchObject({ title: today.sent.title, note: today.sent.body });
  expect(today.shown).toMatchObject({ title: '今天有 1 次亲情视频', body: today.sent.fields.note });

  // Friday: no call today; Thursday's call of 陈一诺 is still without an outcome.
  await fire(env, 'morning', at('2027-03-12 07:30'));
  const friday = await agendaOf('2027-03-12');
  expect(friday.sent.fields).toMatchObject({
    title: '昨天有 1 次通话待登记结果',
    note: '今天没有亲情视频。昨天还有 1 次通话未登记结果。',
    count: '1',
  });
  expect(friday.shown).toMatchObject({ title: friday.sent.fields.title, body: friday.sent.fields.note });
});

test('on Monday, a left-behind child without a video or phone contact for two weeks is flagged to the mentor, or the head teacher', async () => {
  const db = env.app.database();
  // 陈一诺 (03) has a mentor teacher; 周子墨 (02) has none: the class head teacher hears of them.
  await db.collection('pairings').add({
    schoolId: 'demo-school',
    classId: 'demo-class-3-1',
    childId: 'demo-child-03',
    kind: 'mentor',
    mentorOpenid: 'mentor-03',
    bindingId: null,
    buddyChildId: null,
    proxyKind: null,
    personName: '王老师',
    phone: null,
    note: null,
    startDate: '2027-02-22',
    endDate: null,
    createdAt: new Date(),
    createdBy: 'x',
    endedAt: null,
    endedBy: null,
  });
  // 林小禾 (01) had a call done on 3 March (week 9); a phone log for 周子墨 in week 8 is too long ago.
  await ok(
    env,
    T.teacher,
    'familyCalls.record',
    {
      callId,
      result: 'done',
      minutes: 25,
      joinedBindingIds: [(await db.collection('bindings').where({ openid: T.parent }).get()).data[0]._id],
    },
    at('2027-03-03 19:40'),
  );
  await ok(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-02', date: '2027-02-24', time: '20:00', minutes: 5, who: '爸爸' }, at('2027-03-01 08:00'));

  // Tuesday: nothing (the prompt runs on Mondays).
  const tuesday = await fire(env, 'morning', at('2027-03-16 07:30'));
  expect(tuesday.sources.familyCallsNoContact.created).toBe(0);
  // Monday 22 March looks at weeks 10 and 11 (8-21 March): 林小禾's last contact was week 9, so she is flagged too.
  const monday = await fire(env, 'morning', at('2027-03-22 07:30'));
  const prompts = await outboxFor(env, { kind: 'familyCall.noContact' });
  const to = Object.fromEntries(prompts.map((p) => [p.subject, p.to]));
  expect(to['demo-child-03']).toBe('mentor-03');
  expect(to['demo-child-02']).toBe(T.teacher);
  expect(to['demo-child-01']).toBe(T.teacher);
  expect(to['demo-child-04']).toBeUndefined(); // not left behind
  expect(monday.sources.familyCallsNoContact.created).toBe(prompts.length);
  const again = await fire(env, 'morning', at('2027-03-22 07:45'));
  expect(again.sources.familyCallsNoContact.created).toBe(0);
});
