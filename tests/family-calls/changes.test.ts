/**
 * Changing booked calls: move this one or this and following (same records, no duplicates, slots freed and taken),
 * cancel one or following (slots freed, pending reminders withdrawn), the parent's request to move and the teacher's
 * answer, recording outcomes, and the prompt to rebook a missed call.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { addParent, at, callsOf, fails, fire, inboxFor, locksOf, ok, outboxFor, parentsOf, setUpRoom, T, type Setup } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;
let s: Setup;
let parents01: string[];
let parentB03: string;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  s = await setUpRoom(env);
  parents01 = await parentsOf(env, 'demo-child-01');
  parentB03 = await addParent(env, 'demo-child-03');
}, 60000);
afterAll(() => env.stop());

async function bookWeekly(childId: string, parentBindingIds: string[], over: Record<string, unknown> = {}) {
  return ok(env, T.teacher, 'familyCalls.book', {
    childId,
    deviceId: s.tablet,
    weekday: 3,
    time: '19:00',
    minutes: 30,
    startDate: '2027-03-01',
    weeks: 8,
    parentBindingIds,
    ...over,
  });
}

describe('move this one, or this and following', () => {
  let seriesId: string;
  beforeAll(async () => {
    seriesId = (await bookWeekly('demo-child-01', parents01)).seriesId;
  });

  test('moving one call changes only that record; its old slot is free, its new one taken', async () => {
    const calls = await callsOf(env, { seriesId });
    const third = calls[2];
    expect(third.date).toBe('2027-03-17');
    const moved = await ok(env, T.teacher, 'familyCalls.move', { callId: third._id, scope: 'one', date: '2027-03-19', time: '19:30' });
    expect(moved.moved).toBe(1);
    expect(moved.call).toMatchObject({
      id: third._id,
      date: '2027-03-19',
      time: '19:30',
      status: 'moved',
      statusLabel: '已改期，待确认',
      movedFrom: { date: '2027-03-17', time: '19:00' },
    });

    const after = await callsOf(env, { seriesId });
    expect(after).toHaveLength(8);
    expect(new Set(after.map((c) => c._id)).size).toBe(8);
    expect(after.filter((c) => c.status === 'moved').map((c) => c._id)).toEqual([third._id]);
    expect(after.filter((c) => c._id !== third._id).every((c) => c.time === '19:00' && c.status === 'scheduled')).toBe(true);

    const locks = await locksOf(env, { occurrenceId: third._id });
    expect(locks.map((l) => l._id).sort()).toEqual(
      [`c_demo-child-01_202703191930`, `c_demo-child-01_202703191945`, `d_${s.tablet}_202703191930`, `d_${s.tablet}_202703191945`].sort(),
    );
    // The old Wednesday slot can be booked by another child now.
    await ok(env, T.teacher, 'familyCalls.book', {
      childId: 'demo-child-03',
      deviceId: s.tablet,
      weekday: 3,
      time: '19:00',
      minutes: 30,
      startDate: '2027-03-17',
      weeks: 1,
      parentBindingIds: [parentB03],
    });
  });

  test('moving onto a taken slot is refused and changes nothing', async () => {
    const calls = await callsOf(env, { seriesId });
    const err = await fails(env, T.teacher, 'familyCalls.move', { callId: calls[0]._id, scope: 'one', date: '2027-03-17', time: '19:00' });
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('平板这个时段已被预约');
    expect((await callsOf(env, { seriesId }))[0]).toMatchObject({ date: '2027-03-03', time: '19:00', status: 'scheduled' });
  });

  test('this and following moves the fifth week on to Thursdays 18:30, in place; earlier weeks stay', async () => {
    const calls = await callsOf(env, { seriesId });
    const fifth = calls.find((c) => c.date === '2027-03-31')!;
    expect((await ok(env, T.teacher, 'familyCalls.get', { callId: fifth._id })).following).toBe(3);
    const res = await ok(env, T.teacher, 'familyCalls.move', { callId: fifth._id, scope: 'following', weekday: 4, time: '18:30' });
    expect(res.moved).toBe(4);
    const after = await callsOf(env, { seriesId });
    expect(after).toHaveLength(8);
    expect(after.map((c) => `${c.date} ${c.time}`)).toEqual([
      '2027-03-03 19:00',
      '2027-03-10 19:00',
      '2027-03-19 19:30',
      '2027-03-24 19:00',
      '2027-04-01 18:30',
      '2027-04-08 18:30',
      '2027-04-15 18:30',
      '2027-04-22 18:30',
    ]);
    // Each call is still its own week's call of the series.
    expect(after.every((c) => c._id === `${seriesId}-${c.weekKey}`)).toBe(true);
    const series = (await env.app.database().collection('familyCallSeries').doc(seriesId).get()).data[0];
    expect(series).toMatchObject({ weekday: 4, time: '18:30' });
    expect(series.changes).toHaveLength(1);
    // The Wednesday quarters of those weeks were released; nothing else holds locks for the series but its calls.
    const locks = await locksOf(env, { childId: 'demo-child-01' });
    expect(locks.some((l) => l._id.endsWith('202703311900'))).toBe(false);
    expect(locks.filter((l) => l.occurrenceId === fifth._id).every((l) => /20270401(1830|1845)$/.test(l._id))).toBe(true);
  });

  test('the same "following" request again changes nothing and says so', async () => {
    const calls = await callsOf(env, { seriesId });
    const err = await fails(env, T.teacher, 'familyCalls.move', { callId: calls[4]._id, scope: 'following', weekday: 4, time: '18:30' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(await callsOf(env, { seriesId })).toHaveLength(8);
  });

  test('a "following" move that clashes on a later week only is refused as a whole, naming that week', async () => {
    // Another child takes Thursday 8 April 19:00 on the tablet.
    await ok(env, T.teacher, 'familyCalls.book', {
      childId: 'demo-child-03',
      deviceId: s.tablet,
      weekday: 4,
      time: '19:00',
      minutes: 30,
      startDate: '2027-04-08',
      weeks: 1,
      parentBindingIds: [parentB03],
    });
    const calls = await callsOf(env, { seriesId });
    const err = await fails(env, T.teacher, 'familyCalls.move', { callId: calls[4]._id, scope: 'following', weekday: 4, time: '19:00' });
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.map((d) => d.path)).toEqual(['2027-04-08']);
    expect((await callsOf(env, { seriesId })).slice(4).every((c) => c.time === '18:30')).toBe(true);
  });
});

describe('cancelling', () => {
  test('cancel this one: its slot is freed and its pending reminders are withdrawn, in the outbox and the inbox', async () => {
    const p = await addParent(env, 'demo-child-02', 'demo-class-3-1', '的妈妈');
    // Booked on Tuesday 20:00 for Wednesday 19:00: the day-before reminder's time has passed, so it is stored now.
    const tuesday = at('2027-03-02 20:00');
    const booked = await ok(
      env,
      T.teacher,
      'familyCalls.book',
      {
        childId: 'demo-child-02',
        deviceId: s.pc,
        weekday: 3,
        time: '19:00',
        minutes: 30,
        startDate: '2027-03-03',
        weeks: 2,
        parentBindingIds: [p],
      },
      tuesday,
    );
    const callId = booked.first.id;
    const pending = await outboxFor(env, { subject: callId });
    expect(pending.map((e) => `${e.kind} ${e.status}`)).toEqual(['familyCall.dayBefore pending']);
    expect((await inboxFor(env, 'parent-of-demo-child-02')).map((e) => e.kind).sort()).toEqual(['familyCall.booked', 'familyCall.dayBefore']);

    const res = await ok(env, T.teacher, 'familyCalls.cancel', { callId, scope: 'one', reason: '孩子请假' }, tuesday);
    expect(res.cancelled).toBe(1);
    expect((await outboxFor(env, { subject: callId, kind: 'familyCall.dayBefore' })).map((e) => e.status)).toEqual(['cancelled']);
    const inbox = await inboxFor(env, 'parent-of-demo-child-02');
    expect(inbox.map((e) => e.kind).sort()).toEqual(['familyCall.booked', 'familyCall.cancelled']);
    expect(inbox.find((e) => e.kind === 'familyCall.cancelled')!.body).toContain('孩子请假');
    expect(await locksOf(env, { occurrenceId: callId })).toHaveLength(0);
    expect((await callsOf(env, { _id: callId }))[0].status).toBe('cancelled');

    // The scheduler sends nothing for it, and creates no half-hour reminder for it later.
    await fire(env, 'quarterHour', at('2027-03-03 18:30'));
    expect(env.emulator.wx.messages({ touser: 'parent-of-demo-child-02', includeFailed: true }).filter((m) => m.page?.includes(callId))).toHaveLength(0);
    expect((await outboxFor(env, { subject: callId })).map((e) => e.kind).sort()).toEqual(['familyCall.cancelled', 'familyCall.dayBefore']);
    // The other week is untouched.
    expect((await callsOf(env, { seriesId: booked.seriesId })).map((c) => c.status)).toEqual(['cancelled', 'scheduled']);

    // Cancelling it again says it is cancelled already.
    expect((await fails(env, T.teacher, 'familyCalls.cancel', { callId, scope: 'one' }, tuesday)).code).toBe('CONFLICT');
  });

  test('cancel this and following: later calls go, earlier ones stay, their slots are free again', async () => {
    const p = await addParent(env, 'demo-child-08', 'demo-class-5-1');
    const booked = await ok(env, T.admin, 'familyCalls.book', {
      childId: 'demo-child-08',
      deviceId: s.phone,
      weekday: 5,
      time: '12:00',
      minutes: 15,
      startDate: '2027-03-01',
      weeks: 6,
      parentBindingIds: [p],
    });
    const calls = await callsOf(env, { seriesId: booked.seriesId });
    const res = await ok(env, T.admin, 'familyCalls.cancel', { callId: calls[2]._id, scope: 'following' });
    expect(res.cancelled).toBe(4);
    expect((await callsOf(env, { seriesId: booked.seriesId })).map((c) => c.status)).toEqual([
      'scheduled',
      'scheduled',
      'cancelled',
      'cancelled',
      'cancelled',
      'cancelled',
    ]);
    expect((await locksOf(env, { childId: 'demo-child-08' })).length).toBe(4);
  });

  test('a teacher of another class, a parent, a stranger and another school cannot cancel', async () => {
    const calls = await callsOf(env, { childId: 'demo-child-01', status: 'scheduled' });
    for (const who of [T.parent, T.guardian, T.student, T.community, 'nobody', OTHER.teacher, OTHER.admin]) {
      expect((await fails(env, who, 'familyCalls.cancel', { callId: calls[0]._id, scope: 'one' })).code).toMatch(/FORBIDDEN/);
    }
    // An id that does not exist answers the same as someone else's.
    expect((await fails(env, T.teacher, 'familyCalls.cancel', { callId: 'fs0000-2027-W10', scope: 'one' })).code).toBe('FORBIDDEN');
  });
});

describe('the parent confirms or asks to move; the teacher answers', () => {
  let callId: string;
  beforeAll(async () => {
    const booked = await bookWeekly('demo-child-01', parents01, { weekday: 5, time: '18:00', weeks: 3, deviceId: s.pc });
    callId = booked.first.id;
  });

  test('confirming, twice, is fine; the teacher sees it confirmed', async () => {
    const a = await ok(env, T.parent, 'familyCalls.confirm', { callId });
    const b = await ok(env, T.parent, 'familyCalls.confirm', { callId });
    expect(a.status).toBe('confirmed');
    expect(b.status).toBe('confirmed');
    const detail = await ok(env, T.teacher, 'familyCalls.get', { callId });
    expect(detail.call.statusLabel).toBe('家长已确认');
  });

  test("only the invited confirm: the grandmother is refused the mother's call; a teacher confirms it for the mother", async () => {
    const db = env.app.database();
    const mother = ((await db.collection('bindings').where({ openid: T.parent, childId: 'demo-child-01' }).get()).data[0] as { _id: string })._id;
    const booked = await bookWeekly('demo-child-01', [mother], {
      weekday: 1,
      time: '18:00',
      weeks: 1,
      startDate: '2027-03-08',
      deviceId: s.pc,
    });
    const refused = await fails(env, T.guardian, 'familyCalls.confirm', { callId: booked.first.id });
    expect(refused).toMatchObject({ code: 'FORBIDDEN', message: '这次通话没有邀请您' });
    expect((await callsOf(env, { _id: booked.first.id }))[0].status).toBe('scheduled');

    const confirmed = await ok(env, T.teacher, 'familyCalls.confirm', { callId: booked.first.id });
    expect(confirmed).toMatchObject({
      status: 'confirmed',
      statusLabel: '家长已确认',
      parents: [{ bindingId: mother, label: '林小禾的妈妈' }],
    });
    const stored = (await db.collection('familyCalls').doc(booked.first.id).get()).data[0] as { confirmedBy: string };
    expect(stored.confirmedBy).toBe(T.teacher);
  });

  test('a proposal that cannot work is refused with the reason; a good request reaches the teacher', async () => {
    const bad = await fails(env, T.parent, 'familyCalls.requestMove', { callId, proposals: [{ date: '2027-03-06', time: '19:00' }] });
    expect(bad.code).toBe('INVALID_INPUT');
    expect(bad.message).toContain('不在电脑的开放时间内');
    const holiday = await fails(env, T.parent, 'familyCalls.requestMove', { callId, proposals: [{ date: '2027-04-05', time: '19:00' }] });
    expect(holiday.message).toContain('清明节放假');

    const view = await ok(env, T.parent, 'familyCalls.requestMove', {
      callId,
      proposals: [
        { date: '2027-03-06', time: '10:00' },
        { date: '2027-03-07', time: '15:00' },
      ],
      note: '周五加班',
    });
    expect(view.moveRequest).toMatchObject({ status: 'pending', byLabel: '林小禾的妈妈', note: '周五加班' });
    expect(view.moveRequest!.proposals.map((p) => p.label)).toEqual(['3月6日 周六 10:00', '3月7日 周日 15:00']);
    const teacherInbox = await inboxFor(env, T.teacher);
    expect(teacherInbox.some((e) => e.kind === 'familyCall.moveRequest' && e.body.includes('3月6日 周六 10:00'))).toBe(true);
  });

  test('the teacher accepts the second time: the call moves there, confirmed, and the parent is told', async () => {
    const view = await ok(env, T.teacher, 'familyCalls.answerMove', { callId, accept: 1, note: '好的' });
    expect(view).toMatchObject({
      date: '2027-03-07',
      time: '15:00',
      status: 'confirmed',
      moveRequest: { status: 'accepted' },
      movedFrom: { date: '2027-03-05', time: '18:00' },
    });
    const inbox = await inboxFor(env, T.parent);
    expect(inbox.some((e) => e.kind === 'familyCall.moveAnswer' && e.title === '改期申请已同意')).toBe(true);
    expect((await fails(env, T.teacher, 'familyCalls.answerMove', { callId, accept: 0 })).code).toBe('CONFLICT');
  });

  test("the answer's new time is written out as the parent reads it, on any later day", async () => {
    const answer = async (now: Date) =>
      (await ok(env, T.parent, 'inbox.list', {}, now)).items.find((i) => i.kind === 'familyCall.moveAnswer' && i.title === '改期申请已同意')?.body;
    expect(await answer(at('2027-03-01 09:00'))).toContain('亲情视频改到 周日 15:00，还有6天');
    expect(await answer(at('2027-03-06 09:00'))).toContain('亲情视频改到 明天（周日）15:00');
    expect(await answer(at('2027-03-07 14:00'))).toContain('亲情视频改到 今天 15:00（还有1小时）');
    const moved = async (now: Date) => (await ok(env, T.parent, 'inbox.list', {}, now)).items.filter((i) => i.kind === 'familyCall.moved').map((i) => i.body);
    for (const body of [...(await moved(at('2027-03-01 09:00'))), ...(await moved(at('2027-03-20 09:00')))]) expect(body).not.toContain('{when}');
  });

  test('a declined request leaves the time as it was', async () => {
    await ok(env, T.guardian, 'familyCalls.requestMove', { callId, proposals: [{ date: '2027-03-07', time: '16:00' }] });
    const view = await ok(env, T.teacher, 'familyCalls.answerMove', { callId, accept: null, note: '那天关爱室有活动' });
    expect(view).toMatchObject({ date: '2027-03-07', time: '15:00', moveRequest: { status: 'declined', answerNote: '那天关爱室有活动' } });
  });

  test('a parent cannot move, cancel or record; a teacher cannot ask to move', async () => {
    expect((await fails(env, T.parent, 'familyCalls.move', { callId, scope: 'one', date: '2027-03-08', time: '19:00' })).code).toBe('FORBIDDEN');
    expect((await fails(env, T.parent, 'familyCalls.record', { callId, result: 'missed', by: 'parent', reason: '忘了' })).code).toBe('FORBIDDEN');
    expect((await fails(env, T.teacher, 'familyCalls.requestMove', { callId, proposals: [{ date: '2027-03-08', time: '19:00' }] })).code).toBe('FORBIDDEN');
  });
});

describe('recording outcomes', () => {
  let callId: string;
  beforeAll(async () => {
    callId = (await bookWeekly('demo-child-01', parents01, { weekday: 2, time: '18:00', weeks: 2, startDate: '2027-03-08', deviceId: s.pc })).first.id;
  });

  test('not before the call has started', async () => {
    const err = await fails(env, T.teacher, 'familyCalls.record', { callId, result: 'done', minutes: 20, joinedBindingIds: parents01 });
    expect(err.code).toBe('CONFLICT');
  });

  test('a missed call prompts its teacher to rebook within the week; recording it as done later withdraws that', async () => {
    const later = at('2027-03-09 18:40');
    const missed = await ok(env, T.teacher, 'familyCalls.record', { callId, result: 'missed', by: 'parent', reason: '妈妈在加班' }, later);
    expect(missed).toMatchObject({ status: 'missed', missed: { byLabel: '家长未接听', reason: '妈妈在加班' } });
    const prompt = (await inboxFor(env, T.teacher)).find((e) => e.kind === 'familyCall.rebook');
    expect(prompt?.body).toContain('请在本周内补约一次');

    // Rebooking: a one-off call later this week that points at the missed one.
    const rebooked = await ok(
      env,
      T.teacher,
      'familyCalls.book',
      {
        childId: 'demo-child-01',
        deviceId: s.pc,
        weekday: 4,
        time: '20:00',
        minutes: 30,
        startDate: '2027-03-10',
        weeks: 1,
        parentBindingIds: parents01,
        rebookOf: callId,
      },
      later,
    );
    expect(rebooked.first.rebookOf).toBe(callId);
    expect((await inboxFor(env, T.teacher)).some((e) => e.kind === 'familyCall.rebook')).toBe(false);

    const done = await ok(
      env,
      T.teacher,
      'familyCalls.record',
      { callId, result: 'done', minutes: 18, joinedBindingIds: [parents01[0]], note: '聊了学习', mood: 'happy' },
      later,
    );
    expect(done.outcome).toMatchObject({ minutes: 18, mood: 'happy', moodLabel: '开心', note: '聊了学习' });
    expect(done.outcome!.joined).toHaveLength(1);
    expect(done.missed).toBeNull();
  });

  test('bad outcomes are refused', async () => {
    const later = at('2027-03-09 19:00');
    expect((await fails(env, T.teacher, 'familyCalls.record', { callId, result: 'done', minutes: 0, joinedBindingIds: [] }, later)).code).toBe('INVALID_INPUT');
    expect(
      (await fails(env, T.teacher, 'familyCalls.record', { callId, result: 'done', minutes: 10, joinedBindingIds: ['someone-else'] }, later)).message,
    ).toContain('家长或监护人');
    expect((await fails(env, T.teacher, 'familyCalls.record', { callId, result: 'missed', by: 'aliens', reason: 'x' }, later)).code).toBe('INVALID_INPUT');
    expect((await fails(env, T.teacher, 'familyCalls.record', { callId, result: 'missed', by: 'parent', reason: '长'.repeat(101) }, later)).message).toContain(
      '100',
    );
  });
});
