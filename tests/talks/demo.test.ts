/**
 * The demo school's talk work, as `npm start` loads it through the real actions: a term of monthly talks (this month
 * only 林小禾's so far, 陈一诺's last month missed), 周子墨's individual plan with a review, 林小禾's help plan with
 * records and the family summaries her mother reads, a symposium of the class, diary and counselling notes.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { ok } from './helpers';

jest.setTimeout(120000);

const NOW = fromBeijing('2027-04-20 10:00');
let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, NOW);
}, 120000);
afterAll(() => env.stop());

test("this month's round: 林小禾 done, the others due; last month 陈一诺 overdue", async () => {
  const round = await ok(env, DEMO.teacher, 'talks.month', { classId: 'demo-class-3-1' }, NOW);
  expect(Object.fromEntries(round.rows.map((r) => [r.name, r.status]))).toEqual({ 林小禾: 'done', 周子墨: 'due', 陈一诺: 'due' });
  const last = await ok(env, DEMO.teacher, 'talks.month', { classId: 'demo-class-3-1', month: '2027-03' }, NOW);
  expect(Object.fromEntries(last.rows.map((r) => [r.name, r.status]))).toEqual({ 林小禾: 'done', 周子墨: 'done', 陈一诺: 'overdue' });
  expect((await ok(env, DEMO.teacher, 'talks.mine', {}, NOW)).rows.map((r) => r.name)).toContain('郑可欣');
});

test('a term of talks with follow-ups; an individual plan with a review; a help plan with records; notes', async () => {
  const xiaohe = await ok(env, DEMO.teacher, 'talks.child', { childId: 'demo-child-01' }, NOW);
  expect(xiaohe.talks.map((t) => t.date)).toEqual(['2027-04-06', '2027-03-06', '2027-02-06', '2027-01-06', '2026-12-06']);
  expect(xiaohe.openActions.map((a) => a.text)).toEqual(['每天做十道口算']);
  expect(xiaohe.helpPlan).toMatchObject({ records: 2, summarySigned: false });
  expect(xiaohe.diary).toHaveLength(1);
  const zimo = await ok(env, DEMO.teacher, 'talks.child', { childId: 'demo-child-02' }, NOW);
  expect(zimo.planRequirement).toBeNull();
  expect(zimo.plans).toEqual([expect.objectContaining({ status: 'open', reasonLabels: ['学习严重滑坡'], reviews: 1 })]);
  expect(zimo.counselling).toHaveLength(1);
  const symposiums = await ok(env, DEMO.teacher, 'symposiums.list', { classId: 'demo-class-3-1' }, NOW);
  expect(symposiums.symposiums.map((s) => s.topic)).toEqual(['留守儿童座谈会：说说心里话']);
});

test("the mother reads the shared summaries on her child's page", async () => {
  const detail = await ok(env, DEMO.parent, 'children.get', { childId: 'demo-child-01' }, NOW);
  expect(detail.talks.family.map((f) => f.date)).toEqual(['2027-04-06', '2027-03-06', '2027-02-06']);
  expect(detail.talks.family[0].summary).toBe('小禾数学需要多练习，我们会在午间辅导她。');
});
