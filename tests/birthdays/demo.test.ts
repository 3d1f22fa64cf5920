/**
 * The demo school's birthdays as `npm start` loads them, whatever the day: a demo student who is someone's buddy, two
 * birthdays in the coming week (one lunar), cards (one waiting for the teacher) and a class corner with works.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';

jest.setTimeout(60000);

let env: TestEmulator;
// In term, in the winter holidays across a new year, in the summer, just before 2月29日 of a common year.
describe.each(['2027-03-01T02:00:00Z', '2026-12-29T02:00:00Z', '2027-07-20T02:00:00Z', '2027-02-24T02:00:00Z'])('started on %s', (iso) => {
  const now = new Date(iso);
  beforeAll(async () => {
    env = await startEmulator({ seedDemo: true });
    await seedDemoWork(env, now);
  });
  afterAll(() => env.stop());

  const must = async <T>(openid: string, action: string, input: Record<string, unknown> = {}) => {
    const res = await env.api(openid, action as never, input, now);
    if (!res.ok) throw new Error(res.error.message);
    return res.data as T;
  };

  test('demo-student is 林小禾’s buddy and sees her birthday in three days, and 一诺’s in five', async () => {
    const home = await must<{
      buddies: { givenName: string; birthday: { daysUntil: number } }[];
      upcoming: { givenName: string; birthday: { daysUntil: number }; buddy: boolean; sent: boolean }[];
      optIn: boolean;
      sent: { status: string }[];
    }>(DEMO.student, 'birthdays.home');
    expect(home.buddies).toEqual([expect.objectContaining({ givenName: '小禾', birthday: expect.objectContaining({ daysUntil: expect.any(Number) }) })]);
    expect(home.upcoming.map((u) => [u.givenName, u.buddy, u.sent])).toEqual([
      ['小禾', true, true],
      ['一诺', false, true],
    ]);
    expect(home.upcoming[0].birthday.daysUntil).toBeGreaterThanOrEqual(2);
    expect(home.upcoming[0].birthday.daysUntil).toBeLessThanOrEqual(6);
    expect(home.upcoming[1].birthday.daysUntil).toBe(5);
    expect(home.optIn).toBe(true);
    expect(home.sent.map((s) => s.status).sort()).toEqual(['approved', 'pending']);
  });

  test('the teacher sees 林小禾’s lunar birthday with two cards, one card waiting, 周子墨 kept from classmates', async () => {
    const detail = await must<{ child: { lunarBirthday: unknown } }>(DEMO.teacher, 'children.get', { childId: 'demo-child-01' });
    expect(detail.child.lunarBirthday).toEqual(expect.objectContaining({ leap: false }));
    const queue = await must<{ approvalRequired: boolean; cards: { childName: string }[] }>(DEMO.teacher, 'wishes.queue');
    expect(queue).toMatchObject({ approvalRequired: true, cards: [expect.objectContaining({ childName: '陈一诺' })] });
    const wall = await must<{ count: number; classmates: boolean }>(DEMO.parent, 'wishes.wall', { childId: 'demo-child-01' });
    expect(wall).toMatchObject({ count: 2, classmates: true });
    expect(await must(DEMO.guardian, 'wishes.wall', { childId: 'demo-child-02' })).toMatchObject({ classmates: false });
  });

  test('the class corner has works, the student’s declaration featured', async () => {
    const board = await must<{ works: { title: string; featured: boolean; kind: string }[] }>(DEMO.parent, 'corner.board', { childId: 'demo-child-01' });
    expect(board.works.map((w) => w.kind).sort()).toEqual(['board', 'declaration', 'poster']);
    expect(board.works[0]).toMatchObject({ title: '我的爱心宣言', featured: true });
  });
});
