/** The demo school as `npm start` loads it: the activity goes through the real actions and shows on every screen. */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';

let env: TestEmulator;
// A Monday in term and a Monday in the winter holidays: the demo must load whatever the day.
describe.each(['2027-03-01T02:00:00Z', '2027-01-18T02:00:00Z', '2027-07-20T02:00:00Z'])('started on %s', (iso) => {
  const now = new Date(iso);
  beforeAll(async () => {
    env = await startEmulator({ seedDemo: true });
    await seedDemoWork(env, now);
  }, 60000);
  afterAll(() => env.stop());

  test('the teacher roster shows consent, an archived child and the buddy', async () => {
    const res = await env.api(DEMO.teacher, 'archive.roster', {}, now);
    if (!res.ok) throw new Error(res.error.message);
    const xiaohe = res.data.rows.find((r) => r.name === '林小禾')!;
    expect(xiaohe).toMatchObject({ consent: 'granted', focus: true, buddies: 1 });
    expect(res.data.stats.leftBehind).toBeGreaterThan(0);
  });

  test("the term's 工作总结 counts the demo's video calls already held (林小禾's Wednesdays of this term before today)", async () => {
    const summary = await env.api(DEMO.admin, 'reports.summary', { schoolId: 'demo-school' }, now);
    if (!summary.ok) throw new Error(summary.error.message);
    const work = summary.data.sections.find((s) => s.key === 'work')!.text;
    // 3月1日: 2月24日 since the term began on 2月20日; 1月18日: the four Wednesdays before; in the summer: none in term
    const held = { '2027-03-01T02:00:00Z': 1, '2027-01-18T02:00:00Z': 4, '2027-07-20T02:00:00Z': 0 }[iso];
    expect(work).toContain(`组织亲情视频${held}次`);
    const history = await env.api(DEMO.teacher, 'familyCalls.history', { childId: 'demo-child-01' }, now);
    expect(history.ok && history.data.items.filter((i) => i.kind === 'video' && i.status === 'done').length).toBe(held);
  });

  test('the parent sees the contact card of their child and, in term, the next family call', async () => {
    const child = await env.api(DEMO.parent, 'children.get', { childId: 'demo-child-01' }, now);
    expect(child).toMatchObject({ ok: true, data: { contactCard: { guardian: { name: '林桂芳' } } } });
    const mine = await env.api(DEMO.parent, 'familyCalls.mine', {}, now);
    if (!mine.ok) throw new Error(mine.error.message);
    const next = mine.data.children.find((c) => c.childId === 'demo-child-01')!.next;
    // Booked Wednesdays 19:00 Beijing, from tomorrow in term or from the next term's first day.
    expect(next).not.toBeNull();
    expect(new Date(next!.startsAt).getTime()).toBeGreaterThan(now.getTime());
    expect(new Date(next!.startsAt).toISOString().slice(11, 16)).toBe('11:00');
  });
});
