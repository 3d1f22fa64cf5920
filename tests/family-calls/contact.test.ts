/**
 * Counting contact fairly: two family-phone calls in the same minute with different people are two calls (the same
 * log twice is still one).
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { at, fails, ok, T } from './helpers';

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
