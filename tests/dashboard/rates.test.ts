/**
 * The school's rates, counted from records built in ./fixture.ts: each rate's numerator and denominator, per class
 * and for the school; the drill-down lists exactly the children counted; Beijing month, week and term boundaries
 * (the suite runs in America/New_York); a drop-out raises an alert; who may look; bad input writes nothing.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { RateCounts, RateView } from '../../typings/actions/dashboard';
import { buildSchool, D } from './fixture';
import { docs, fails, ok } from '../talks/helpers';

let env: TestEmulator;
jest.setTimeout(60_000);

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  await buildSchool(env);
});
afterAll(() => env.stop());

const pairs = (counts: RateCounts) => Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, [c.numerator, c.denominator]]));
const counts = (rates: RateView[]) => Object.fromEntries(rates.map((r) => [r.key, [r.numerator, r.denominator]]));

test('every rate of the school and of each class, counted from the records', async () => {
  const view = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  expect(view.term).toEqual({ name: '2027年春季学期', start: '2027-02-20', end: '2027-07-10' });
  // 00:30 on April 1 in Beijing is still March 31 in New York: the month, the week and the day are Beijing's.
  expect(view.asOf).toBe('2027-04-01');
  expect(counts(view.rates)).toEqual({
    archive: [2, 5], // k1, k4 of k1 k2 k3 k4 k7 (k5 not left behind, k6 removed)
    enrolment: [4, 4], // k3 transferred out is not counted
    retention: [3, 3], // k4 moved in on the term's first day; k7 the day before, so k7 is counted
    vaccination: [2, 5],
    parentEducation: [1, 5], // k1's grandmother this school year; k4's last school year; k2 came himself
    pairing: [1, 5], // k4's buddy pairing has ended
    contact: [1, 5], // k1's call at 00:10 this Thursday; k2's on Sunday belongs to last week
    talks: [2, 5], // k2's talk of March 31 is not April's
    visits: [0, 5], // no home visits yet (visits.test.ts counts them)
  });
  expect(view.rates.find((r) => r.key === 'vaccination')).toMatchObject({ rate: 40, target: 95, met: false });
  expect(view.rates.find((r) => r.key === 'enrolment')).toMatchObject({ rate: 100, target: 100, met: true });
  expect(view.classes.map((c) => [c.name, pairs(c.counts).archive, pairs(c.counts).talks])).toEqual([
    ['三年级(1)班', [1, 3], [1, 3]],
    ['四年级(1)班', [1, 2], [1, 2]],
  ]);
  expect(view.notes.join()).toContain('走访');
});

test('the drill-down of each rate lists exactly the children counted, and why', async () => {
  const view = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  for (const rate of view.rates) {
    const drill = await ok(env, D.admin, 'dashboard.children', { schoolId: D.school, rate: rate.key }, D.now);
    expect(drill.rate).toEqual(rate);
    expect(drill.children).toHaveLength(rate.denominator);
    expect(drill.children.filter((c) => c.counted)).toHaveLength(rate.numerator);
  }
  const archive = await ok(env, D.admin, 'dashboard.children', { schoolId: D.school, rate: 'archive' }, D.now);
  // Those not counted first.
  expect(archive.children.map((c) => c.counted)).toEqual([false, false, false, true, true]);
  expect(archive.children.map((c) => [c.childId, c.className, c.counted, c.note]).sort()).toEqual([
    ['k1', '三年级(1)班', true, '档案齐全'],
    ['k2', '三年级(1)班', false, '缺：监护人'],
    ['k3', '三年级(1)班', false, '缺：监护人同意'],
    ['k4', '四年级(1)班', true, '档案齐全'],
    ['k7', '四年级(1)班', false, '缺：监护人同意、家庭住址、父母联系方式、监护人'],
  ]);
  const talks = await ok(env, D.admin, 'dashboard.children', { schoolId: D.school, rate: 'talks' }, D.now);
  expect(talks.children.filter((c) => c.counted).map((c) => c.childId)).toEqual(['k1', 'k4']);
  // Each child shown is an audited read.
  const audited = await docs<{ childId: string; fields: string[] }>(env, 'auditLog', { action: 'dashboard.children', openid: D.admin });
  expect(new Set(audited.filter((a) => a.fields.includes('dashboard.archive')).map((a) => a.childId))).toEqual(new Set(['k1', 'k2', 'k3', 'k4', 'k7']));
});

test('a class teacher sees their class only; other schools and the wrong roles are refused', async () => {
  const own = await ok(env, D.teacher, 'dashboard.school', { classId: D.c1 }, D.now);
  expect(own.scope).toMatchObject({ kind: 'class', name: '三年级(1)班' });
  expect(counts(own.rates).archive).toEqual([1, 3]);
  expect(own.classes).toEqual([]);
  const drill = await ok(env, D.teacher, 'dashboard.children', { classId: D.c1, rate: 'pairing' }, D.now);
  expect(drill.children.map((c) => c.childId).sort()).toEqual(['k1', 'k2', 'k3']);
  expect((await fails(env, D.teacher, 'dashboard.school', { schoolId: D.school }, D.now)).code).toBe('FORBIDDEN');
  expect((await fails(env, D.teacher, 'dashboard.school', { classId: D.c2 }, D.now)).code).toBe('FORBIDDEN');
  // Another school's admin, a forged id, a parent.
  for (const input of [{ schoolId: D.school }, { classId: D.c1 }, { schoolId: 'no-such-school' }]) {
    const e = await fails(env, OTHER.admin, 'dashboard.children', { ...input, rate: 'archive' }, D.now);
    expect(e).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/[\u4e00-\u9fa5]/) });
  }
  expect((await fails(env, 'demo-parent', 'dashboard.school', { schoolId: 'demo-school' }, D.now)).code).toBe('FORBIDDEN');
});

test('a term that does not exist, a bad rate: a Chinese error and nothing written', async () => {
  const before = await docs(env, 'dashboardSnapshots', { schoolId: D.school });
  const e = await fails(env, D.admin, 'dashboard.school', { schoolId: D.school, term: '2030年春季学期' }, D.now);
  expect(e).toMatchObject({ code: 'NOT_FOUND', message: '没有「2030年春季学期」这个学期，或它还没有开始' });
  const bad = await fails(env, D.admin, 'dashboard.children', { schoolId: D.school, rate: 'homework' }, D.now);
  expect(bad).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请选择要查看的比率') });
  expect((await fails(env, D.admin, 'dashboard.school', { schoolId: D.school, classId: D.c1 }, D.now)).code).toBe('INVALID_INPUT');
  expect(await docs(env, 'dashboardSnapshots', { schoolId: D.school })).toEqual(before);
});

test('a past term stands at its last day and keeps no figures; the trend shows the months kept', async () => {
  const autumn = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school, term: '2026年秋季学期' }, D.now);
  expect(autumn.asOf).toBe('2027-01-20');
  expect(autumn.trend.months).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01']);
  expect(counts(autumn.rates).talks).toEqual([0, 5]); // no talks in January
  expect(await docs(env, 'dashboardSnapshots', { schoolId: D.school, month: '2027-01' })).toEqual([]);

  // Opened on March 31 at 23:50 Beijing: March's figures; then again in April.
  await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, fromBeijing('2027-03-31 23:50'));
  const april = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  expect(april.trend.months).toEqual(['2027-02', '2027-03', '2027-04']);
  const talks = april.trend.series.find((s) => s.key === 'talks')!;
  expect(talks.values).toEqual([null, 20, 40]); // March: k2's talk only (1 of 5); April: 2 of 5
});

test('a drop-out recorded in the archive raises an alert and lowers 入学率 and 巩固率', async () => {
  const res = await ok(
    env,
    D.admin,
    'archive.update',
    {
      childId: 'k2',
      expectedVersion: 0,
      changes: { enrolment: { status: 'dropped_out', date: '2027-03-30', note: '随父母外出' } },
    },
    D.now,
  );
  expect(res.alert).toBe('raised');
  const alerts = await docs<{ kind: string; resolvedAt: unknown }>(env, 'alerts', { childId: 'k2' });
  expect(alerts.map((a) => [a.kind, a.resolvedAt])).toEqual([['dropped_out', null]]);
  const view = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, D.now);
  expect(counts(view.rates).enrolment).toEqual([3, 4]);
  expect(counts(view.rates).retention).toEqual([2, 3]);
  const drill = await ok(env, D.admin, 'dashboard.children', { schoolId: D.school, rate: 'enrolment' }, D.now);
  expect(drill.children.find((c) => c.childId === 'k2')).toMatchObject({ counted: false, note: '辍学（2027-03-30）' });
  // A wrong status writes nothing.
  const e = await fails(env, D.admin, 'archive.update', { childId: 'k2', expectedVersion: 1, changes: { enrolment: { status: 'gone', date: '2027-03-30' } } });
  expect(e).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('请选择学籍状态') });
  // Back on the roll: the alert closes itself.
  expect(
    (await ok(env, D.admin, 'archive.update', { childId: 'k2', expectedVersion: 1, changes: { enrolment: { status: 'enrolled', date: '2027-04-01' } } })).alert,
  ).toBe('resolved');
});
