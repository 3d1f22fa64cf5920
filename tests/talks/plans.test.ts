/**
 * Individual education plans (个别教育管理方案): a seed concern in a talk requires one within 14 days, reminded until it
 * exists (7 and 2 days before, on the day, then weekly with the admins); making it meets the requirement; a child has
 * one open plan at a time; reviews with their outcome, reminders before each review; closing needs a reason.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { OutboxEntry } from '../../cloudfunctions/core/reminders/types';
import type { PlanInput } from '../../typings/actions/talks';
import { fire } from '../reminders/helpers';
import { addTeachers, card, docs, fails, ok, T } from './helpers';

jest.setTimeout(90000);

let env: TestEmulator;
let planId = '';

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
}, 60000);
afterAll(() => env.stop());

const plan = (over: Partial<PlanInput> = {}): PlanInput => ({
  childId: 'demo-child-02',
  reasons: ['study_decline'],
  reasonNote: '期中数学从 85 分降到 52 分，作业经常不交',
  goals: '一个月内按时交作业，期末数学回到 75 分以上',
  measures: [
    { kind: 'tutoring', text: '每周二、四午间数学辅导' },
    { kind: 'home_school', text: '每周与外婆通一次电话' },
  ],
  responsible: '演示·班主任（班主任）',
  startDate: '2027-03-12',
  reviewDates: ['2027-04-09', '2027-05-14'],
  ...over,
});

const due = async () => (await docs<OutboxEntry>(env, 'outbox', { kind: 'talks.planDue' })).sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());

test('学习严重滑坡 in a talk: a plan is due within 14 days, the teacher told at once and reminded until it exists', async () => {
  const res = await ok(
    env,
    T.teacher,
    'talks.record',
    card({ childId: 'demo-child-02', talkerRole: 'class_teacher', date: '2027-03-01', concerns: ['study_decline'], concernNote: '数学成绩大幅下滑' }),
    fromBeijing('2027-03-01 16:00'),
  );
  expect(res.planDue).toBe('2027-03-15');
  expect(res.talk.planRequirement).toEqual({ dueDate: '2027-03-15', met: false, planId: null });
  expect((await due()).map((d) => [d.to, d.title, d.occurrence])).toEqual([[T.teacher, '周子墨需制定个别教育管理方案', 'opened']]);

  const file = await ok(env, T.teacher, 'talks.child', { childId: 'demo-child-02' }, fromBeijing('2027-03-02 09:00'));
  expect(file.planRequirement).toEqual({ dueDate: '2027-03-15', talkId: res.talk.id, concernLabels: ['学习严重滑坡'] });
  expect(
    (await ok(env, T.teacher, 'talks.month', { classId: 'demo-class-3-1' }, fromBeijing('2027-03-02 09:00'))).rows.find((r) => r.name === '周子墨')!.planDue,
  ).toBe('2027-03-15');

  // Daily at 07:30: 7 days before, 2 days before, on the day; the days between stay quiet; twice on one day is once.
  for (const day of ['03-02', '03-07', '03-08', '03-09', '03-13', '03-13', '03-15']) await fire(env, 'morning', fromBeijing(`2027-${day} 07:30`));
  expect((await due()).map((d) => [d.occurrence, d.title])).toEqual([
    ['opened', '周子墨需制定个别教育管理方案'],
    ['2027-03-08', '周子墨的方案还有 7 天到期'],
    ['2027-03-13', '周子墨的方案还有 2 天到期'],
    ['2027-03-15', '今天须为周子墨制定方案'],
  ]);
  // A week late the admin hears of it too.
  await fire(env, 'morning', fromBeijing('2027-03-22 07:30'));
  const late = (await due()).filter((d) => d.occurrence === '2027-03-22');
  expect(late.map((d) => [d.to, d.title]).sort()).toEqual([
    [T.admin, '周子墨的个别教育管理方案已逾期'],
    [T.teacher, '周子墨的个别教育管理方案已逾期'],
  ]);
  expect(late[0].body).toContain('已逾期 7 天');
});

test('the plan meets the requirement in the same write; the reminders stop; a second open plan is refused', async () => {
  const now = fromBeijing('2027-03-23 10:00');
  const created = await ok(env, T.teacher, 'plans.create', plan({ startDate: '2027-03-23', reviewDates: ['2027-04-09', '2027-05-14'] }), now);
  planId = created.id;
  expect(created).toMatchObject({
    childName: '周子墨',
    status: 'open',
    statusLabel: '进行中',
    reasonLabels: ['学习严重滑坡'],
    measures: [expect.objectContaining({ label: '辅导' }), expect.objectContaining({ label: '家校联系' })],
    nextReview: '2027-04-09',
    createdByName: '演示·班主任',
  });
  const [talk] = await docs<{ planPending: boolean; planRequirement: { metAt: Date; planId: string } }>(env, 'talks', { childId: 'demo-child-02' });
  expect(talk).toMatchObject({ planPending: false, planRequirement: { metAt: now, planId } });
  const [entry] = await docs<{ fields: string[] }>(env, 'auditLog', { action: 'plans.create' });
  expect(entry.fields).toEqual(['educationPlans', 'talks']);
  const before = (await due()).length;
  await fire(env, 'morning', fromBeijing('2027-03-29 07:30'));
  expect(await due()).toHaveLength(before);

  const again = await Promise.all([1, 2].map(() => env.api(T.teacher, 'plans.create', plan({ startDate: '2027-03-23' }), now)));
  expect(again.map((a) => !a.ok && a.error.message)).toEqual([
    '周子墨已有进行中的个别教育管理方案：请在原方案里记录复查，或先结束它',
    '周子墨已有进行中的个别教育管理方案：请在原方案里记录复查，或先结束它',
  ]);
  expect(await docs(env, 'educationPlans', { childId: 'demo-child-02' })).toHaveLength(1);

  // A concern found while a plan is open is covered by it: nothing new to make.
  const next = await ok(
    env,
    T.teacher,
    'talks.record',
    card({ childId: 'demo-child-02', talkerRole: 'class_teacher', date: '2027-03-24', concerns: ['moral'], concernNote: '拿了同学的文具' }),
    fromBeijing('2027-03-24 10:00'),
  );
  expect(next.planDue).toBeNull();
  expect(next.talk.planRequirement).toEqual({ dueDate: '2027-04-07', met: true, planId });
});

test('bad plans: no reason, no review, a review day before the start, a start in the future, a teacher of another class', async () => {
  const now = fromBeijing('2027-03-23 10:00');
  const c = { childId: 'demo-child-03' };
  expect((await fails(env, T.teacher, 'plans.create', plan({ ...c, reasons: [] }), now)).message).toBe('输入有误：请至少选择一项方案原因');
  expect((await fails(env, T.teacher, 'plans.create', plan({ ...c, reviewDates: [] }), now)).message).toBe('输入有误：请至少安排一次复查');
  expect((await fails(env, T.teacher, 'plans.create', plan({ ...c, reviewDates: ['2027-03-01'] }), now)).message).toBe('复查日期应晚于3月12日');
  expect((await fails(env, T.teacher, 'plans.create', plan({ ...c, startDate: '2027-03-30' }), now)).message).toBe('方案开始日期不能晚于今天');
  expect((await fails(env, T.teacher, 'plans.create', plan({ ...c, reasons: ['psychological' as never] }), now)).code).toBe('INVALID_INPUT');
  expect((await fails(env, T.other, 'plans.create', plan(c), now)).code).toBe('FORBIDDEN');
  expect(await docs(env, 'educationPlans', { childId: 'demo-child-03' })).toHaveLength(0);
});

test('reviews: reminded 3 days before and on the day; recorded with their outcome; the next review follows', async () => {
  await fire(env, 'morning', fromBeijing('2027-04-05 07:30'));
  await fire(env, 'morning', fromBeijing('2027-04-06 07:30'));
  await fire(env, 'morning', fromBeijing('2027-04-09 07:30'));
  const reminders = await docs<OutboxEntry>(env, 'outbox', { kind: 'plans.review' });
  expect(reminders.map((r) => [r.to, r.title, r.page]).sort()).toEqual([
    [T.teacher, '今天复查周子墨的方案', `areas/talks/pages/plan/index?planId=${planId}`],
    [T.teacher, '周子墨的方案 3 天后复查', `areas/talks/pages/plan/index?planId=${planId}`],
  ]);

  const now = fromBeijing('2027-04-09 16:00');
  const reviewed = await ok(
    env,
    T.teacher,
    'plans.review',
    { planId, date: '2027-04-09', outcome: 'improved', note: '作业按时交了，单元测验 70 分', nextReviewDate: '2027-04-30' },
    now,
  );
  expect(reviewed.reviews).toEqual([expect.objectContaining({ date: '2027-04-09', outcomeLabel: '有进步', byName: '演示·班主任' })]);
  expect(reviewed.nextReview).toBe('2027-04-30');
  expect(reviewed.reviewDates).toEqual([
    { date: '2027-04-09', reviewed: true },
    { date: '2027-04-30', reviewed: false },
    { date: '2027-05-14', reviewed: false },
  ]);
  expect((await fails(env, T.teacher, 'plans.review', { planId, date: '2027-04-09', outcome: 'same', note: '再记一次' }, now)).message).toBe(
    '4月9日的复查您已经记录过了',
  );
  expect((await fails(env, T.teacher, 'plans.review', { planId, date: '2027-04-10', outcome: 'same', note: '明天' }, now)).message).toBe(
    '复查日期不能晚于今天',
  );
  expect((await fails(env, T.teacher, 'plans.review', { planId, date: '2027-03-01', outcome: 'same', note: '之前' }, now)).message).toBe(
    '复查日期不能早于方案开始的日期（3月23日）',
  );
  expect((await fails(env, T.teacher, 'plans.review', { planId, date: '2027-04-09', outcome: 'great', note: 'x' }, now)).message).toBe(
    '输入有误：复查结果只能是有进步、无明显变化或有退步',
  );
});

test('closing needs a reason; a closed plan takes no review; a new one may then be made', async () => {
  const now = fromBeijing('2027-05-14 16:00');
  expect((await fails(env, T.teacher, 'plans.close', { planId, reason: '' }, now)).message).toBe('输入有误：请填写结束原因');
  const closed = await ok(env, T.teacher, 'plans.close', { planId, reason: '成绩恢复到 78 分，作业习惯已养成' }, now);
  expect(closed).toMatchObject({
    status: 'closed',
    statusLabel: '已结束',
    nextReview: null,
    closed: { reason: '成绩恢复到 78 分，作业习惯已养成', date: '2027-05-14' },
  });
  expect((await fails(env, T.teacher, 'plans.review', { planId, date: '2027-05-14', outcome: 'same', note: 'x' }, now)).message).toBe(
    '这份方案已经结束，不能再修改',
  );
  expect((await fails(env, T.teacher, 'plans.close', { planId, reason: '再结束一次' }, now)).code).toBe('CONFLICT');
  const second = await ok(env, T.teacher, 'plans.create', plan({ startDate: '2027-05-14', reviewDates: ['2027-06-11'] }), now);
  expect(second.id).not.toBe(planId);
  expect((await ok(env, T.teacher, 'plans.get', { planId }, now)).status).toBe('closed');
  const file = await ok(env, T.teacher, 'talks.child', { childId: 'demo-child-02' }, now);
  expect(file.plans.map((p) => p.statusLabel)).toEqual(['进行中', '已结束']);
});
