/**
 * Booking weekly family calls through the api function (real SDK, emulator): a term of weekly calls without
 * duplicates, every occurrence checked (device, child, opening hours, holidays, make-up workdays), concurrent
 * bookings of one device slot, bad input.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { addParent, callsOf, fails, locksOf, NOW, ok, parentsOf, setUpRoom, T, type Setup } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;
let s: Setup;
let parents01: string[];

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  s = await setUpRoom(env);
  parents01 = await parentsOf(env, 'demo-child-01');
}, 60000);
afterAll(() => env.stop());

const weekly = (over: Record<string, unknown> = {}) => ({
  childId: 'demo-child-01',
  deviceId: s.tablet,
  weekday: 3,
  time: '19:00',
  minutes: 30,
  startDate: '2027-03-01',
  parentBindingIds: parents01,
  ...over,
});

describe('a term of weekly calls', () => {
  test('every occurrence is checked: the Wednesday in the Labour Day holiday is refused, and nothing is stored', async () => {
    const err = await fails(env, T.teacher, 'familyCalls.book', weekly());
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.map((d) => d.path)).toEqual(['2027-05-05']);
    expect(err.message).toContain('劳动节放假');
    expect(await callsOf(env, { childId: 'demo-child-01' })).toHaveLength(0);
    expect(await locksOf(env, { childId: 'demo-child-01' })).toHaveLength(0);
  });

  test('skipping that date books one call a week to the end of the term, each its own record, no duplicates', async () => {
    const booked = await ok(env, T.teacher, 'familyCalls.book', weekly({ skipDates: ['2027-05-05'] }));
    expect(booked.count).toBe(17);
    expect(booked.dates[0]).toBe('2027-03-03');
    expect(booked.dates[booked.dates.length - 1]).toBe('2027-06-30');
    expect(booked.first).toMatchObject({
      date: '2027-03-03',
      time: '19:00',
      status: 'scheduled',
      childName: '林小禾',
      when: '周三 19:00，还有2天',
    });

    const calls = await callsOf(env, { seriesId: booked.seriesId });
    expect(calls).toHaveLength(17);
    expect(new Set(calls.map((c) => c._id)).size).toBe(17);
    expect(new Set(calls.map((c) => c.weekKey)).size).toBe(17);
    expect(calls.every((c) => c._id === `${booked.seriesId}-${c.weekKey}`)).toBe(true);
    // Wednesday 19:00 Beijing is 11:00 UTC whatever the server's zone (the suite runs in New York time).
    expect(calls.every((c) => c.startsAt.toISOString().endsWith('T11:00:00.000Z'))).toBe(true);
    expect(calls.map((c) => c.date)).not.toContain('2027-05-05');
    // Two quarter hours, each held for the device and for the child.
    expect(await locksOf(env, { occurrenceId: calls[0]._id })).toHaveLength(4);
  });

  test('the same booking again is refused on every date, as the device and the child are taken', async () => {
    const err = await fails(env, T.teacher, 'familyCalls.book', weekly({ skipDates: ['2027-05-05'] }));
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toHaveLength(17);
    expect(err.message).toContain('平板这个时段已被预约');
    expect(await callsOf(env, { childId: 'demo-child-01' })).toHaveLength(17);
  });

  test('the child already booked is a conflict even on another device', async () => {
    const err = await fails(env, T.teacher, 'familyCalls.book', weekly({ deviceId: s.pc, time: '19:15', weeks: 2, skipDates: undefined }));
    expect(err.code).toBe('CONFLICT');
    expect(err.message).toContain('孩子这个时段已有其他通话');
    expect(err.message).not.toContain('电脑这个时段');
  });
});

describe('every occurrence is checked, not only the first', () => {
  test('a clash on the seventh week only refuses the booking and names that date', async () => {
    const p3 = await addParent(env, 'demo-child-03');
    await ok(env, T.teacher, 'familyCalls.book', {
      childId: 'demo-child-03',
      deviceId: s.tablet,
      weekday: 3,
      time: '19:30',
      minutes: 30,
      startDate: '2027-04-14',
      weeks: 1,
      parentBindingIds: [p3],
    });
    const guardian02 = await parentsOf(env, 'demo-child-02');
    const err = await fails(env, T.teacher, 'familyCalls.book', {
      childId: 'demo-child-02',
      deviceId: s.tablet,
      weekday: 3,
      time: '19:30',
      minutes: 30,
      startDate: '2027-03-01',
      weeks: 8,
      parentBindingIds: guardian02,
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.map((d) => d.path)).toEqual(['2027-04-14']);
    expect(await callsOf(env, { childId: 'demo-child-02' })).toHaveLength(0);
    expect(await locksOf(env, { childId: 'demo-child-02' })).toHaveLength(0);

    // Leaving that week out books the other seven.
    const booked = await ok(env, T.teacher, 'familyCalls.book', {
      childId: 'demo-child-02',
      deviceId: s.tablet,
      weekday: 3,
      time: '19:30',
      minutes: 30,
      startDate: '2027-03-01',
      weeks: 8,
      parentBindingIds: guardian02,
      skipDates: ['2027-04-14'],
    });
    expect(booked.count).toBe(7);
  });

  test('opening hours per day, with a make-up workday keeping the weekday hours it stands for', async () => {
    const p5 = await addParent(env, 'demo-child-05', 'demo-class-3-2');
    // Sundays the tablet is open 14:00-17:00; Sunday 25 April runs Monday's timetable (18:00-21:00); 2 May is a holiday.
    const err = await fails(env, T.admin, 'familyCalls.book', {
      childId: 'demo-child-05',
      deviceId: s.tablet,
      weekday: 7,
      time: '19:00',
      minutes: 30,
      startDate: '2027-04-18',
      weeks: 3,
      parentBindingIds: [p5],
    });
    expect(err.code).toBe('CONFLICT');
    const byDate = Object.fromEntries((err.details ?? []).map((d) => [d.path, d.message]));
    expect(Object.keys(byDate).sort()).toEqual(['2027-04-18', '2027-05-02']);
    expect(byDate['2027-04-18']).toContain('不在平板的开放时间内（周日 14:00-17:00）');
    expect(byDate['2027-05-02']).toContain('劳动节放假');
    const once = await ok(env, T.admin, 'familyCalls.book', {
      childId: 'demo-child-05',
      deviceId: s.tablet,
      weekday: 7,
      time: '19:00',
      minutes: 30,
      startDate: '2027-04-18',
      weeks: 3,
      parentBindingIds: [p5],
      skipDates: ['2027-04-18', '2027-05-02'],
    });
    expect(once.dates).toEqual(['2027-04-25']);
  });

  test('each date that cannot be held travels as a typed conflict: the date and why', async () => {
    // The same Sundays as above, for another child: 25 April is now taken by 郑可欣.
    const p7 = await addParent(env, 'demo-child-07', 'demo-class-3-2');
    const err = await fails(env, T.admin, 'familyCalls.book', {
      childId: 'demo-child-07',
      deviceId: s.tablet,
      weekday: 7,
      time: '19:00',
      minutes: 30,
      startDate: '2027-04-18',
      weeks: 3,
      parentBindingIds: [p7],
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.details).toEqual([
      {
        date: '2027-04-18',
        reason: '不在平板的开放时间内（周日 14:00-17:00）',
        path: '2027-04-18',
        message: '4月18日：不在平板的开放时间内（周日 14:00-17:00）',
      },
      { date: '2027-04-25', reason: '平板这个时段已被预约', path: '2027-04-25', message: '4月25日：平板这个时段已被预约' },
      { date: '2027-05-02', reason: '劳动节放假', path: '2027-05-02', message: '5月2日：劳动节放假' },
    ]);
  });

  test('outside the term, and in the past, are refused too', async () => {
    const p6 = await addParent(env, 'demo-child-06', 'demo-class-3-2');
    const err = await fails(env, T.admin, 'familyCalls.book', {
      childId: 'demo-child-06',
      deviceId: s.tablet,
      weekday: 5,
      time: '18:00',
      minutes: 30,
      startDate: '2027-06-20',
      endDate: '2027-07-20',
      parentBindingIds: [p6],
    });
    expect(err.code).toBe('CONFLICT');
    expect(err.details?.map((d) => d.path)).toEqual(['2027-07-09', '2027-07-16']);
    expect(err.message).toContain('不在学期内');
    // Today (Monday 1 March, 08:00) at 07:00 has passed (the phone is open all day, so only the time is wrong).
    const past = await fails(env, T.admin, 'familyCalls.book', {
      childId: 'demo-child-06',
      deviceId: s.phone,
      weekday: 1,
      time: '07:00',
      minutes: 15,
      startDate: '2027-03-01',
      weeks: 1,
      parentBindingIds: [p6],
    });
    expect(past.code).toBe('CONFLICT');
    expect(past.message).toContain('时间已过');
  });
});

describe('concurrent bookings', () => {
  test('50 bookings of the same device slot at once: exactly one wins, the others are told it is taken', async () => {
    const db = env.app.database();
    const kids = Array.from({ length: 50 }, (_, i) => `race-${String(i).padStart(2, '0')}`);
    await db.collection('children').add(
      kids.map((id) => ({
        _id: id,
        schoolId: 'demo-school',
        classId: 'demo-class-3-1',
        communityId: null,
        name: `竞争${id.slice(5)}`,
        gender: 'male',
        birthDate: '2017-01-01',
        leftBehindType: 'both_away',
        createdAt: new Date(),
        updatedAt: new Date(),
        deletedAt: null,
      })),
    );
    const parents = await Promise.all(kids.map((id) => addParent(env, id)));
    const results = await Promise.all(
      kids.map((childId, i) =>
        env.api(
          T.teacher,
          'familyCalls.book',
          {
            childId,
            deviceId: s.pc,
            weekday: 4,
            time: '19:00',
            minutes: 30,
            startDate: '2027-03-04',
            weeks: 1,
            parentBindingIds: [parents[i]],
          },
          NOW,
        ),
      ),
    );
    const won = results.filter((r) => r.ok);
    const lost = results.filter((r) => !r.ok);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const r of lost) if (!r.ok) expect(r.error.code).toBe('CONFLICT');
    const calls = await callsOf(env, { deviceId: s.pc, date: '2027-03-04' });
    expect(calls).toHaveLength(1);
    const locks = await locksOf(env, { occurrenceId: calls[0]._id });
    expect(locks).toHaveLength(4);
    // No lock was left behind by a losing request.
    expect(
      (
        await db
          .collection('slotLocks')
          .where({ childId: db.command.in(kids) })
          .count()
      ).total,
    ).toBe(4);
  });

  test('the same request sent twice at once books once', async () => {
    const p = await addParent(env, 'demo-child-09', 'demo-class-5-1');
    const input = {
      childId: 'demo-child-09',
      deviceId: s.pc,
      weekday: 2,
      time: '20:00',
      minutes: 45,
      startDate: '2027-03-01',
      weeks: 4,
      parentBindingIds: [p],
    };
    const [a, b] = await Promise.all([env.api(T.admin, 'familyCalls.book', input, NOW), env.api(T.admin, 'familyCalls.book', input, NOW)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    expect(await callsOf(env, { childId: 'demo-child-09' })).toHaveLength(4);
  });
});

describe('bad input writes nothing', () => {
  let p4: string[];
  beforeAll(async () => {
    p4 = [await addParent(env, 'demo-child-04')];
  });
  const cases: [string, Record<string, unknown>, string][] = [
    ['a time off the quarter-hour grid', { time: '19:10' }, '整刻钟'],
    ['an impossible date', { startDate: '2027-02-30' }, '不是有效的日期'],
    ['a date in another format', { startDate: '2027/03/01' }, 'YYYY-MM-DD'],
    ['a weekday out of range', { weekday: 8 }, '星期'],
    ['a length that is not offered', { minutes: 40 }, '时长'],
    ['no parent', { parentBindingIds: [] }, '至少选择一位家长'],
    ['a forged field', { openid: 'demo-admin' }, '输入有误'],
    ['a huge id', { deviceId: 'x'.repeat(5000) }, '过长'],
    ['both an end date and weeks', { endDate: '2027-04-01', weeks: 3 }, '只能填一个'],
    ['a start in the past', { startDate: '2027-02-01' }, '不能早于今天'],
    ['someone else’s parent', { parentBindingIds: ['not-a-parent-of-her'] }, '家长或监护人'],
    ['a device of no room', { deviceId: 'dev-nowhere' }, '在用的设备'],
    ['a skipped date outside the series', { skipDates: ['2027-03-05'] }, '不在这次预约的日期里'],
  ];
  test.each(cases)('%s', async (_name, over, message) => {
    const before = (await env.app.database().collection('familyCalls').count()).total;
    const err = await fails(env, T.teacher, 'familyCalls.book', weekly({ childId: 'demo-child-04', parentBindingIds: p4, weeks: 2, ...over }));
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain(message);
    expect((await env.app.database().collection('familyCalls').count()).total).toBe(before);
  });

  test('wrong role, another class, another school: FORBIDDEN', async () => {
    expect((await fails(env, T.parent, 'familyCalls.book', weekly({ weeks: 1 }))).code).toBe('FORBIDDEN');
    expect((await fails(env, T.student, 'familyCalls.book', weekly({ weeks: 1 }))).code).toBe('FORBIDDEN');
    expect((await fails(env, T.teacher, 'familyCalls.book', weekly({ childId: 'demo-child-05', weeks: 1 }))).code).toBe('FORBIDDEN');
    expect((await fails(env, T.teacher, 'familyCalls.book', weekly({ childId: OTHER.childId, weeks: 1 }))).code).toBe('FORBIDDEN');
    expect((await fails(env, OTHER.teacher, 'familyCalls.book', weekly({ childId: OTHER.childId, weeks: 1 }))).code).toBe('INVALID_INPUT');
  });
});
