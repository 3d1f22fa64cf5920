/**
 * The demo school's work plan as `npm start` loads it: the current term's plan from the template, about half done
 * with evidence, the leading group with the demo admin as 组长, and the demo class teacher's own part.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { ok } from '../talks/helpers';

jest.setTimeout(120000);

const NOW = fromBeijing('2026-12-01 10:00');
let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, NOW);
}, 120000);
afterAll(() => env.stop());

test('the demo plan is the current term from the template, about half done with evidence, and a leading group', async () => {
  const view = await ok(env, DEMO.admin, 'workPlan.get', {}, NOW);
  expect(view.term.name).toBe('2026-2027学年第一学期');
  const plan = view.plan!;
  expect(plan.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
  expect(plan.done / plan.total).toBeGreaterThan(0.4);
  expect(plan.done / plan.total).toBeLessThan(0.75);
  const items = plan.months.flatMap((m) => m.items);
  expect(items.filter((i) => i.status === 'done' && i.evidence.length).length).toBeGreaterThanOrEqual(4);
  const meeting = items.find((i) => i.title === '召开一次留守儿童家长会')!;
  expect(meeting.status).toBe('done');
  expect(meeting.evidence.map((e) => e.kind)).toEqual(['rate', 'symposium']);
  expect(plan.group.find((m) => m.role === 'leader')!.name).toBe('演示·校长');
  expect(plan.group.map((m) => m.roleLabel)).toContain('副组长');

  const mine = await ok(env, DEMO.teacher, 'workPlan.get', {}, NOW);
  expect(mine.mine.items.length).toBeGreaterThan(0);
  expect(mine.mine.responsibilities.some((r) => r.className === '三年级(1)班' && r.dutyLabel === '建档')).toBe(true);
  const appraisal = await ok(env, DEMO.admin, 'workPlan.appraisal', {}, NOW);
  expect(appraisal.rows.find((r) => r.openid === DEMO.teacher)!.total.due).toBeGreaterThan(0);
});
