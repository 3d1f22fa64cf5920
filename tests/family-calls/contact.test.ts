/**
 * Counting contact fairly: two family-phone calls in the same minute with different people are two calls (the same
 * log twice is still one), and a child entered this week has gone one week without contact, not eight.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { at, fails, fire, ok, outboxFor, T } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
}, 60000);
afterAll(() => env.stop());

describe('the family-phone log', () => {
  test('妈妈 and 爸爸 logged at the same minute are two calls; the same log again is refused and stores nothing', async () => {
    const now = at('2027-03-10 20:30');
    const call = { childId: 'demo-child-01', date: '2027-03-10', time: '20:05', minutes: 4 };
    const mother = await ok(env, T.teacher, 'phoneCalls.log', { ...call, who: '妈妈' }, now);
    const father = await ok(env, T.teacher, 'phoneCalls.log', { ...call, who: '爸爸', note: '问了作业' }, now);
    expect(mother.id).not.toBe(father.id);
    expect([mother.who, father.who]).toEqual(['妈妈', '爸爸']);

    const again = await fails(env, T.teacher, 'phoneCalls.log', { ...call, who: '妈妈' }, now);
    expect(again).toMatchObject({ code: 'CONFLICT', message: '这次通话已经登记过了' });
    const twice = await Promise.all([1, 2].map(() => env.api(T.teacher, 'phoneCalls.log', { ...call, who: '外公' }, now)));
    expect(twice.filter((r) => r.ok)).toHaveLength(1);

    const stored = await env.app.database().collection('phoneCalls').where({ childId: 'demo-child-01' }).get();
    expect((stored.data as { who: string }[]).map((p) => p.who).sort()).toEqual(['外公', '妈妈', '爸爸'].sort());
    const week = await ok(env, T.teacher, 'familyCalls.week', { classId: 'demo-class-3-1' }, now);
    expect(week.phoneCalls.map((p) => p.who).sort()).toEqual(['外公', '妈妈', '爸爸'].sort());
  });
});

describe('weeks without contact count from when the child was entered', () => {
  let newcomer = '';
  const wednesday = at('2027-03-10 09:00');

  beforeAll(async () => {
    newcomer = (
      await ok(
        env,
        T.teacher,
        'archive.create',
        { classId: 'demo-class-3-1', name: '新同学', gender: 'female', birthDate: '2017-05-06', leftBehindType: 'both_away' },
        wednesday,
      )
    ).childId;
  });

  test('entered today: one week without, not flagged; the children on the roll for long are', async () => {
    const cov = await ok(env, T.admin, 'familyCalls.coverage', { schoolId: 'demo-school' }, wednesday);
    expect(cov.flagged.map((f) => f.childId)).not.toContain(newcomer);
    expect(cov.flagged.find((f) => f.name === '郑可欣')?.weeksWithout).toBe(8);
    const week = await ok(env, T.teacher, 'familyCalls.week', {}, wednesday);
    expect(week.children.find((c) => c.childId === newcomer)).toMatchObject({ name: '新同学', contactedThisWeek: false, weeksWithout: 1 });
    expect(week.children.find((c) => c.name === '周子墨')).toMatchObject({ contactedThisWeek: false, weeksWithout: 8 });
    // 林小禾's phone calls of this week count; the newcomer is one of the four left-behind children now.
    expect(week.coverage).toEqual({ leftBehind: 4, contacted: 1, rate: 25 });
  });

  test('a week before the child was entered does not count them at all', async () => {
    const before = await ok(env, T.teacher, 'familyCalls.coverage', { classId: 'demo-class-3-1', date: '2027-03-03' }, wednesday);
    expect(before.school).toEqual({ leftBehind: 3, contacted: 0, rate: 0 });
    expect(before.flagged.map((f) => f.name).sort()).toEqual(['林小禾', '周子墨', '陈一诺'].sort());
  });

  test('the next Monday the mentor prompt names the children without contact for two weeks, not the newcomer', async () => {
    await fire(env, 'morning', at('2027-03-15 07:30'));
    const prompts = await outboxFor(env, { kind: 'familyCall.noContact' });
    expect(prompts.map((p) => p.subject)).toContain('demo-child-02');
    expect(prompts.map((p) => p.subject)).not.toContain(newcomer);
    // A fortnight on, the newcomer has gone two weeks without: now they are named.
    await fire(env, 'morning', at('2027-03-22 07:30'));
    expect((await outboxFor(env, { kind: 'familyCall.noContact', subject: newcomer })).map((p) => p.body)).toEqual([
      '三年级(1)班新同学已经 2 周没有亲情视频或亲情电话，请尽快安排一次。',
    ]);
  });
});

describe('how long without contact reaches back past the flagging weeks', () => {
  test('a call four weeks ago and none since: four weeks without, flagged with the day of that call, in the school and in the class', async () => {
    const now = at('2027-03-10 09:30');
    await ok(env, T.admin, 'phoneCalls.log', { childId: 'demo-child-09', date: '2027-02-10', time: '19:00', minutes: 5, who: '妈妈' }, now);
    const expected = {
      childId: 'demo-child-09',
      name: '罗思琪',
      contactedThisWeek: false,
      weeksWithout: 4,
      lastContactAt: at('2027-02-10 19:00').toISOString(),
    };
    const school = await ok(env, T.admin, 'familyCalls.coverage', { schoolId: 'demo-school' }, now);
    expect(school.flagged.find((f) => f.childId === 'demo-child-09')).toMatchObject(expected);
    const inClass = await ok(env, T.admin, 'familyCalls.coverage', { classId: 'demo-class-5-1' }, now);
    expect(inClass.flagged.find((f) => f.childId === 'demo-child-09')).toMatchObject(expected);
    // Five weeks on, the call is more than eight weeks back: eight weeks without and no last contact known.
    const later = await ok(env, T.admin, 'familyCalls.coverage', { schoolId: 'demo-school', date: '2027-04-14' }, now);
    expect(later.flagged.find((f) => f.childId === 'demo-child-09')).toMatchObject({ weeksWithout: 8, lastContactAt: null });
  });
});
