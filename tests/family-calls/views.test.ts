/**
 * What people see: the parent only their own children's calls, in their words; the teacher's week agenda and the
 * coverage counted in Beijing ISO weeks (Monday start) although the server runs in New York time; the booking
 * screen's suggestions from parents' stated times; rooms and the calendar kept by the admin.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { addParent, at, fails, ok, parentsOf, setUpRoom, T, TABLET_HOURS, type Setup } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;
let s: Setup;
let parents01: string[];
let parents02: string[];
let call01: string;
let call02: string;
let call03: string;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  s = await setUpRoom(env);
  parents01 = await parentsOf(env, 'demo-child-01');
  parents02 = await parentsOf(env, 'demo-child-02');
  const p3 = await addParent(env, 'demo-child-03');
  const book = (childId: string, parents: string[], time: string) =>
    ok(env, T.teacher, 'familyCalls.book', {
      childId,
      deviceId: s.tablet,
      weekday: 3,
      time,
      minutes: 30,
      startDate: '2027-03-01',
      weeks: 4,
      parentBindingIds: parents,
    });
  call01 = (await book('demo-child-01', [parents01[0]], '19:00')).first.id;
  call02 = (await book('demo-child-02', parents02, '19:30')).first.id;
  call03 = (await book('demo-child-03', [p3], '20:00')).first.id;
}, 60000);
afterAll(() => env.stop());

describe("a parent sees only their own child's calls", () => {
  test('familyCalls.mine: the mother of 林小禾 sees her next call in her words, and nothing of other children', async () => {
    const mine = await ok(env, T.parent, 'familyCalls.mine', {});
    expect(mine.children.map((c) => c.childName)).toEqual(['林小禾']);
    expect(mine.children[0].next).toMatchObject({
      id: call01,
      when: '周三 19:00，还有2天',
      statusLabel: '待确认',
      device: { name: '平板', roomName: '关爱室' },
    });
    expect(mine.children[0].upcoming).toHaveLength(3);
    const text = JSON.stringify(mine);
    expect(text).not.toContain('周子墨');
    expect(text).not.toContain('陈一诺');
  });

  test('the guardian of two children sees both; relative labels follow the clock', async () => {
    const mine = await ok(env, T.guardian, 'familyCalls.mine', {}, at('2027-03-03 15:00'));
    expect(mine.children.map((c) => c.childName).sort()).toEqual(['周子墨', '林小禾'].sort());
    const zimo = mine.children.find((c) => c.childName === '周子墨')!;
    expect(zimo.next?.when).toBe('今天 19:30（还有4小时）');
    const tomorrow = await ok(env, T.guardian, 'familyCalls.mine', {}, at('2027-03-02 09:00'));
    expect(tomorrow.children.find((c) => c.childName === '周子墨')!.next?.when).toBe('明天（周三）19:30');
  });

  test("another child's call, their history, confirming it: FORBIDDEN, like an id that does not exist", async () => {
    for (const [action, input] of [
      ['familyCalls.get', { callId: call03 }],
      ['familyCalls.confirm', { callId: call02 }],
      ['familyCalls.requestMove', { callId: call03, proposals: [{ date: '2027-03-04', time: '19:00' }] }],
      ['familyCalls.join', { callId: call03 }],
      ['familyCalls.history', { childId: 'demo-child-03' }],
      ['familyCalls.get', { callId: 'fsdoesnotexist-2027-W09' }],
      ['familyCalls.availability', { childId: 'demo-child-02', slots: [] }],
    ] as const) {
      const err = await fails(env, T.parent, action, input as Record<string, unknown>);
      expect({ action, code: err.code }).toEqual({ action, code: 'FORBIDDEN' });
      expect(JSON.stringify(err)).not.toContain('陈一诺');
    }
    expect((await fails(env, T.student, 'familyCalls.mine', {})).code).toBe('FORBIDDEN');
  });

  test('the parent’s call detail tells them how the call reaches them; history lists past calls', async () => {
    const detail = await ok(env, T.parent, 'familyCalls.get', { callId: call01 });
    expect(detail.viewAs).toBe('parent');
    expect(detail.canManage).toBe(false);
    expect(detail.devices).toEqual([]);
    expect(detail.join.kind).toBe('manual');
    if (detail.join.kind === 'manual') expect(detail.join.steps[0]).toContain('平板（微信：青山小学关爱室）');
    const history = await ok(env, T.parent, 'familyCalls.history', { childId: 'demo-child-01' }, at('2027-03-20 08:00'));
    expect(history.items.map((i) => i.label)).toEqual(['3月17日 19:00 亲情视频', '3月10日 19:00 亲情视频', '3月3日 19:00 亲情视频']);
  });
});

describe('Beijing weeks, with the server in New York', () => {
  let late: string;
  let early: string;
  beforeAll(async () => {
    const p6 = await addParent(env, 'demo-child-06', 'demo-class-3-2');
    const p5 = await addParent(env, 'demo-child-05', 'demo-class-3-2');
    // Sunday 7 March 23:30-24:00 and Monday 8 March 00:00 Beijing (Sunday 10:30 and 11:00 in New York).
    late = (
      await ok(env, T.admin, 'familyCalls.book', {
        childId: 'demo-child-06',
        deviceId: s.phone,
        weekday: 7,
        time: '23:30',
        minutes: 30,
        startDate: '2027-03-01',
        weeks: 1,
        parentBindingIds: [p6],
      })
    ).first.id;
    early = (
      await ok(env, T.admin, 'familyCalls.book', {
        childId: 'demo-child-05',
        deviceId: s.phone,
        weekday: 1,
        time: '00:00',
        minutes: 30,
        startDate: '2027-03-08',
        weeks: 1,
        parentBindingIds: [p5],
      })
    ).first.id;
  });

  test('the calls belong to weeks W09 and W10, and the adjacent slots do not clash', () => {
    expect(late).toMatch(/-2027-W09$/);
    expect(early).toMatch(/-2027-W10$/);
  });

  test('the week agenda puts Sunday 23:30 last in its week and Monday 00:00 first in the next', async () => {
    const w9 = await ok(env, T.admin, 'familyCalls.week', { classId: 'demo-class-3-2', date: '2027-03-07' });
    expect(w9).toMatchObject({ weekKey: '2027-W09', from: '2027-03-01', to: '2027-03-07' });
    expect(w9.days[6].label).toBe('3月7日 周日');
    expect(w9.days[6].calls.map((c) => c.id)).toEqual([late]);
    expect(JSON.stringify(w9.days)).not.toContain(early);
    const w10 = await ok(env, T.admin, 'familyCalls.week', { classId: 'demo-class-3-2', date: '2027-03-08' });
    expect(w10.days[0].calls.map((c) => c.id)).toEqual([early]);
  });

  test("the school's week counts each class's calls in the same Beijing weeks and lists no call one by one", async () => {
    const w9 = await ok(env, T.admin, 'familyCalls.week', { schoolId: 'demo-school', date: '2027-03-07' });
    const w10 = await ok(env, T.admin, 'familyCalls.week', { schoolId: 'demo-school', date: '2027-03-08' });
    const class9 = await ok(env, T.admin, 'familyCalls.week', { classId: 'demo-class-3-2', date: '2027-03-07' });
    const class10 = await ok(env, T.admin, 'familyCalls.week', { classId: 'demo-class-3-2', date: '2027-03-08' });
    const live = (w: typeof class9) => w.days.flatMap((d) => d.calls).filter((c) => c.status !== 'cancelled');
    expect(w9.classes.find((c) => c.classId === 'demo-class-3-2')).toMatchObject({ calls: live(class9).length, done: 0 });
    expect(w10.classes.find((c) => c.classId === 'demo-class-3-2')).toMatchObject({ calls: live(class10).length, done: 0 });
    expect(live(class9).map((c) => c.id)).toContain(late);
    expect(w9.classes.map((c) => c.name)).toContain('三年级(1)班');
    expect(w9).toMatchObject({ scope: { classId: null, schoolId: 'demo-school' }, days: [], children: [], phoneCalls: [], phoneTotal: 0 });
    expect(JSON.stringify(w9)).not.toContain(late);
  });

  test('coverage counts a contact at 23:59 Sunday in its week and one at 00:00 Monday in the next', async () => {
    const monday = at('2027-03-15 00:00');
    await ok(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-01', date: '2027-03-14', time: '23:59', minutes: 3, who: '妈妈' }, monday);
    await ok(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-02', date: '2027-03-15', time: '00:00', minutes: 3, who: '爸爸' }, monday);
    const w10 = await ok(env, T.teacher, 'familyCalls.coverage', { classId: 'demo-class-3-1', date: '2027-03-08' }, monday);
    const w11 = await ok(env, T.teacher, 'familyCalls.coverage', { classId: 'demo-class-3-1' }, monday);
    expect(w10.weekKey).toBe('2027-W10');
    expect(w11.weekKey).toBe('2027-W11');
    // Left behind in 三年级(1)班: 林小禾, 周子墨, 陈一诺 (吴星辰 is not), plus any added by other tests (none here).
    expect(w10.school).toEqual({ leftBehind: 3, contacted: 1, rate: 33 });
    expect(w11.school).toEqual({ leftBehind: 3, contacted: 1, rate: 33 });
  });

  test('done video calls count, and children with none this week nor last are flagged', async () => {
    const later = at('2027-03-17 20:00');
    const calls = await env.app.database().collection('familyCalls').where({ childId: 'demo-child-03', date: '2027-03-17' }).get();
    await ok(
      env,
      T.teacher,
      'familyCalls.record',
      { callId: calls.data[0]._id, result: 'done', minutes: 20, joinedBindingIds: [], others: '爸爸和奶奶' },
      later,
    );
    const cov = await ok(env, T.admin, 'familyCalls.coverage', { schoolId: 'demo-school' }, later);
    const c31 = cov.classes.find((c) => c.classId === 'demo-class-3-1')!;
    expect(c31).toMatchObject({ leftBehind: 3, contacted: 2, rate: 67 });
    // The school's week counts the same contacts, and the call done among the class's calls.
    const week = await ok(env, T.admin, 'familyCalls.week', { schoolId: 'demo-school' }, later);
    expect(week.coverage).toEqual(cov.school);
    expect(week.classes.find((c) => c.classId === 'demo-class-3-1')).toMatchObject({ leftBehind: 3, contacted: 2, rate: 67, done: 1 });
    const flagged = cov.flagged.map((f) => f.name).sort();
    // 林小禾 was last in touch in week 10 (Sunday 14 March): not flagged in week 11. Class 3-2 and 5-1 had nothing.
    expect(flagged).toEqual(['何家乐', '孙浩然', '罗思琪', '郑可欣'].sort());
    expect(cov.flagged.every((f) => f.weeksWithout >= 2)).toBe(true);
    // A teacher may not ask for the whole school.
    expect((await fails(env, T.teacher, 'familyCalls.coverage', { schoolId: 'demo-school' }, later)).code).toBe('FORBIDDEN');
  });

  test('the phone log: the same call twice, a future call, and another class are refused', async () => {
    const now = at('2027-03-15 09:00');
    expect(
      (await fails(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-01', date: '2027-03-14', time: '23:59', minutes: 3, who: '妈妈' }, now)).code,
    ).toBe('CONFLICT');
    expect(
      (await fails(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-01', date: '2027-03-15', time: '10:00', minutes: 3, who: '妈妈' }, now)).message,
    ).toContain('不能晚于现在');
    expect(
      (await fails(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-05', date: '2027-03-15', time: '08:00', minutes: 3, who: '妈妈' }, now)).code,
    ).toBe('FORBIDDEN');
    expect(
      (await fails(env, T.teacher, 'phoneCalls.log', { childId: 'demo-child-01', date: '2027-03-15', time: '8:00', minutes: 3, who: '妈妈' }, now)).code,
    ).toBe('INVALID_INPUT');
  });
});

describe('the booking screen', () => {
  test("suggestions fit the parents' stated times and skip what is taken", async () => {
    // 林小禾's mother can take calls on Wednesdays 19:00-20:30 and Saturdays 10:00-11:00.
    await ok(env, T.parent, 'familyCalls.availability', {
      childId: 'demo-child-01',
      slots: [
        { weekday: 3, start: '19:00', end: '20:30' },
        { weekday: 6, start: '10:00', end: '11:00' },
      ],
      note: '工厂倒班',
    });
    const plan = await ok(env, T.teacher, 'familyCalls.plan', { childId: 'demo-child-01', minutes: 30, parentBindingIds: [parents01[0]] });
    expect(plan.availability.find((a) => a.bindingId === parents01[0])).toMatchObject({
      slotsText: ['周三 19:00-20:30', '周六 10:00-11:00'],
      note: '工厂倒班',
    });
    expect(plan.series).toHaveLength(1);
    expect(plan.series[0].label).toBe('每周三 19:00（30分钟）');
    const labels = plan.suggestions.map((x) => `${x.weekday} ${x.time}`);
    expect(plan.suggestions.every((x) => x.fitsParents)).toBe(true);
    // Wednesdays 19:00-20:30 on the tablet are taken by the three children (and the child herself at 19:00):
    // what is left fits on the PC or the phone; Saturday 10:00 and 10:30 fit on every device.
    for (const x of plan.suggestions) {
      expect(x.weekday === 3 || x.weekday === 6).toBe(true);
      if (x.weekday === 3) expect(x.time >= '19:30').toBe(true);
    }
    expect(labels).toContain('6 10:00');
  });

  test('a teacher of another class cannot open it; stated times must be real, non-overlapping ranges', async () => {
    expect((await fails(env, T.teacher, 'familyCalls.plan', { childId: 'demo-child-05' })).code).toBe('FORBIDDEN');
    expect(
      (
        await fails(env, T.parent, 'familyCalls.availability', {
          childId: 'demo-child-01',
          slots: [{ weekday: 3, start: '20:00', end: '19:00' }],
        })
      ).code,
    ).toBe('INVALID_INPUT');
    expect(
      (
        await fails(env, T.parent, 'familyCalls.availability', {
          childId: 'demo-child-01',
          slots: [
            { weekday: 3, start: '19:00', end: '20:00' },
            { weekday: 3, start: '19:30', end: '21:00' },
          ],
        })
      ).message,
    ).toContain('不能重叠');
  });
});

describe('rooms and the school calendar', () => {
  test('only the admin changes them; versions guard concurrent edits', async () => {
    const rooms = await ok(env, T.teacher, 'rooms.list', { schoolId: 'demo-school' });
    expect(rooms.rooms[0].devices.map((d) => d.name)).toEqual(['平板', '电脑', '手机']);
    expect(rooms.rooms[0].devices[0].hoursText[0]).toBe('周一 18:00-21:00');
    expect((await fails(env, T.teacher, 'rooms.save', { schoolId: 'demo-school', name: 'x', devices: [] })).code).toBe('FORBIDDEN');
    const room = rooms.rooms[0];
    const devices = room.devices.map((d) => ({ id: d.id, name: d.name, kind: d.kind, hours: d.hours }));
    const stale = await fails(env, T.admin, 'rooms.save', {
      schoolId: 'demo-school',
      roomId: room.id,
      expectedVersion: room.version + 5,
      name: '关爱室',
      devices,
    });
    expect(stale.code).toBe('CONFLICT');
    // The tablet has calls booked: it cannot be removed.
    const removing = await fails(env, T.admin, 'rooms.save', {
      schoolId: 'demo-school',
      roomId: room.id,
      expectedVersion: room.version,
      name: '关爱室',
      devices: devices.filter((d) => d.name !== '平板'),
    });
    expect(removing.message).toContain('还有');
    const saved = await ok(env, T.admin, 'rooms.save', {
      schoolId: 'demo-school',
      roomId: room.id,
      expectedVersion: room.version,
      name: '关爱室（一楼）',
      devices: [...devices, { name: '备用平板', kind: 'tablet', hours: TABLET_HOURS }],
    });
    expect(saved.version).toBe(room.version + 1);
    expect(saved.devices).toHaveLength(4);
    expect(
      (
        await fails(env, T.admin, 'rooms.save', {
          schoolId: 'demo-school',
          roomId: room.id,
          expectedVersion: room.version,
          name: 'x',
          devices,
        })
      ).code,
    ).toBe('CONFLICT');
    expect(
      (
        await fails(env, OTHER.admin, 'rooms.save', {
          schoolId: OTHER.schoolId,
          roomId: room.id,
          expectedVersion: saved.version,
          name: 'x',
          devices: [],
        })
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      (
        await fails(env, T.admin, 'rooms.save', {
          schoolId: 'demo-school',
          name: '坏的',
          devices: [
            {
              name: '平板',
              kind: 'tablet',
              hours: {
                '1': [
                  { start: '18:00', end: '20:00' },
                  { start: '19:00', end: '21:00' },
                ],
              },
            },
          ],
        })
      ).message,
    ).toContain('不能重叠');
  });

  test('the calendar: validated, versioned, and it names booked calls its new holidays fall on', async () => {
    const cal = await ok(env, T.teacher, 'calendar.get', { schoolId: 'demo-school' });
    expect(cal.version).toBe(1);
    expect(cal.currentTerm?.name).toBe('2026-2027学年第二学期');
    const bad = await fails(env, T.admin, 'calendar.save', {
      schoolId: 'demo-school',
      expectedVersion: 1,
      terms: cal.terms,
      holidays: [],
      makeUpDays: [{ date: '2027-04-26', weekday: 1, name: '调休' }],
    });
    expect(bad.message).toContain('调休上班日应在周六或周日');
    const saved = await ok(env, T.admin, 'calendar.save', {
      schoolId: 'demo-school',
      expectedVersion: 1,
      terms: cal.terms,
      holidays: [...cal.holidays, { name: '校运会', start: '2027-03-10', end: '2027-03-10' }],
      makeUpDays: cal.makeUpDays,
    });
    expect(saved.version).toBe(2);
    expect(saved.affected.map((a) => `${a.date} ${a.time} ${a.reason}`)).toEqual([
      '2027-03-10 19:00 校运会放假',
      '2027-03-10 19:30 校运会放假',
      '2027-03-10 20:00 校运会放假',
    ]);
    expect((await fails(env, T.admin, 'calendar.save', { schoolId: 'demo-school', expectedVersion: 1, terms: [], holidays: [], makeUpDays: [] })).code).toBe(
      'CONFLICT',
    );
    expect(
      (
        await fails(env, T.teacher, 'calendar.save', {
          schoolId: 'demo-school',
          expectedVersion: 2,
          terms: [],
          holidays: [],
          makeUpDays: [],
        })
      ).code,
    ).toBe('FORBIDDEN');
  });
});
