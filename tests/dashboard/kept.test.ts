/**
 * Each school's counts kept by the morning run: the county's dashboard sums them (and says when each was counted)
 * instead of judging every child of the county while it waits. The kept counts are the live ones of that morning;
 * a school's own dashboard, when opened, keeps its live counts; a new school, or one whose term has changed since,
 * is counted live; the run goes on school after school across invocations when it runs out of time.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import type { RateCounts, RateView } from '../../typings/actions/dashboard';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { createJobs } from '../../cloudfunctions/scheduler/src/jobs';
import { keptCountsSource } from '../../cloudfunctions/core/dashboard/kept';
import { buildSchool, D } from './fixture';
import { docs, ok } from '../talks/helpers';

jest.setTimeout(90_000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await buildSchool(env);
});
afterAll(() => env.stop());

const MORNING = fromBeijing('2027-04-01 07:30');
const db = () => env.app.database();
const pairs = (counts: RateCounts) => Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, [c.numerator, c.denominator]]));
const counts = (rates: RateView[]) => Object.fromEntries(rates.map((r) => [r.key, [r.numerator, r.denominator]]));
const tallyCounts = (tally: Record<string, { numerator: number; denominator: number }>) =>
  Object.fromEntries(Object.entries(tally).map(([k, v]) => [k, [v.numerator, v.denominator]]));

async function clearKept() {
  for (const collection of ['schoolCounts', 'classCounts'])
    await db()
      .collection(collection)
      .where({ _id: db().command.exists(true) })
      .remove();
  await db()
    .collection('dashboardSnapshots')
    .where({ _id: db().command.exists(true) })
    .remove();
  await db().collection('jobState').doc('daily').remove();
}

test("the morning keeps every school's counts as the dashboard counts them, and the month's rates of each class", async () => {
  await clearKept();
  const result = await createJobs([keptCountsSource]).morning(MORNING, db(), env.app);
  expect(result.more).toBe(false);
  const kept = await docs<{ _id: string; term: string; asOf: string; tally: never; countedAt: Date }>(env, 'schoolCounts');
  const schools = await docs<{ _id: string }>(env, 'schools');
  expect(kept.map((k) => k._id).sort()).toEqual(schools.map((s) => s._id).sort());
  const ds = kept.find((k) => k._id === D.school)!;
  expect(ds).toMatchObject({ term: '2027年春季学期', asOf: '2027-04-01' });
  expect(new Date(ds.countedAt).toISOString()).toBe(MORNING.toISOString());
  // The same numbers the school's dashboard shows at that time (read before it keeps its own).
  const live = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, MORNING);
  expect(tallyCounts(ds.tally)).toEqual(counts(live.rates));
  expect(counts(live.rates).vaccination).toEqual([2, 5]);

  const months = await docs<{ _id: string; classId: string | null; month: string; rates: Record<string, number | null> }>(env, 'dashboardSnapshots', {
    schoolId: D.school,
  });
  expect(months.map((m) => m._id).sort()).toEqual([`${D.c1}_2027-04`, `${D.c2}_2027-04`, `${D.school}_2027-04`]);
  const c1 = await ok(env, D.admin, 'dashboard.school', { classId: D.c1 }, MORNING);
  expect(months.find((m) => m.classId === D.c1)!.rates).toEqual(Object.fromEntries(c1.rates.map((r) => [r.key, r.rate])));
});

test('the county sums the kept counts and says when they were counted; the school opening its dashboard brings them up to date', async () => {
  await clearKept();
  await createJobs([keptCountsSource]).morning(MORNING, db(), env.app);
  // After the morning, k2's vaccination is completed in the archive.
  const [k2] = await docs<{ version?: number }>(env, 'children', { _id: 'k2' });
  await ok(
    env,
    D.admin,
    'archive.update',
    { childId: 'k2', expectedVersion: k2.version ?? 0, changes: { vaccination: 'complete' } },
    fromBeijing('2027-04-01 09:00'),
  );
  try {
    const at10 = await ok(env, D.countyAdmin, 'county.dashboard', {}, fromBeijing('2027-04-01 10:00'));
    const row = at10.schools.find((s) => s.schoolId === D.school)!;
    expect(pairs(row.counts).vaccination).toEqual([2, 5]);
    expect(row.countedAt).toBe(MORNING.toISOString());
    expect(counts(at10.totals).vaccination).toEqual([3, 6]);

    const opened = fromBeijing('2027-04-01 10:05');
    expect(counts((await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, opened)).rates).vaccination).toEqual([3, 5]);
    const after = await ok(env, D.countyAdmin, 'county.dashboard', {}, fromBeijing('2027-04-01 10:10'));
    const updated = after.schools.find((s) => s.schoolId === D.school)!;
    expect(pairs(updated.counts).vaccination).toEqual([3, 5]);
    expect(updated.countedAt).toBe(opened.toISOString());
    // A class's dashboard keeps the class's month, not the school's counts.
    await ok(env, D.admin, 'dashboard.school', { classId: D.c1 }, fromBeijing('2027-04-01 10:20'));
    expect(new Date((await docs<{ countedAt: Date }>(env, 'schoolCounts', { _id: D.school }))[0].countedAt).toISOString()).toBe(opened.toISOString());
  } finally {
    await db().collection('children').doc('k2').update({ vaccination: 'incomplete' });
  }
});

test("a school's dashboard shows its kept counts while nothing changed, with when they were counted, and counts afresh when asked", async () => {
  await clearKept();
  // The next morning (the day before saw an audited change after its morning).
  const morning = fromBeijing('2027-04-02 07:30');
  await createJobs([keptCountsSource]).morning(morning, db(), env.app);
  const [kept] = await docs<{ classes: Record<string, unknown> }>(env, 'classCounts', { _id: D.school });
  expect(Object.keys(kept.classes).sort()).toEqual([D.c1, D.c2].sort());
  // A count no live count gives: the first screen shows what was kept.
  await db()
    .collection('classCounts')
    .doc(D.school)
    .update({ [`classes.${D.c1}.vaccination.numerator`]: 3 });
  const shown = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, fromBeijing('2027-04-02 10:00'));
  expect(shown.countedAt).toBe(morning.toISOString());
  expect(pairs(shown.classes.find((c) => c.classId === D.c1)!.counts).vaccination[0]).toBe(3);
  // The appraisal counts the class duties from the same kept counts, and says when.
  expect((await ok(env, D.admin, 'workPlan.appraisal', { schoolId: D.school }, fromBeijing('2027-04-02 10:01'))).countedAt).toBe(morning.toISOString());

  const recounted = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school, recount: true }, fromBeijing('2027-04-02 10:02'));
  expect(recounted.countedAt).toBeNull();
  expect(counts(recounted.rates).vaccination).toEqual([2, 5]);
  const [again] = await docs<{ countedAt: Date }>(env, 'schoolCounts', { _id: D.school });
  expect(new Date(again.countedAt).toISOString()).toBe(fromBeijing('2027-04-02 10:02').toISOString());
  // The next viewer sees the recount.
  const next = await ok(env, D.admin, 'dashboard.school', { schoolId: D.school }, fromBeijing('2027-04-02 10:03'));
  expect([next.countedAt, counts(next.rates).vaccination]).toEqual([fromBeijing('2027-04-02 10:02').toISOString(), [2, 5]]);
});

test('a school without kept counts, or with counts of another term, is counted live', async () => {
  await clearKept();
  // Counts kept in the autumn term (with figures no live count gives) are not this term's.
  await db()
    .collection('schoolCounts')
    .doc(D.school)
    .set({
      term: '2026年秋季学期',
      asOf: '2027-01-20',
      tally: Object.fromEntries(
        ['archive', 'enrolment', 'retention', 'vaccination', 'parentEducation', 'pairing', 'contact', 'talks', 'visits'].map((k) => [
          k,
          { numerator: 9, denominator: 9 },
        ]),
      ),
      countedAt: fromBeijing('2027-01-20 07:30'),
    });
  const view = await ok(env, D.countyAdmin, 'county.dashboard', {}, fromBeijing('2027-04-01 10:00'));
  for (const row of view.schools) expect(row.countedAt).toBeNull();
  expect(pairs(view.schools.find((s) => s.schoolId === D.school)!.counts).vaccination).toEqual([2, 5]);
});

test('a morning without time for every school goes on from the next school in the following invocations', async () => {
  await clearKept();
  const jobs = createJobs([keptCountsSource], { collectMs: 0, totalMs: 0 });
  const first = await jobs.morning(MORNING, db(), env.app);
  expect(first.more).toBe(true);
  expect(await docs(env, 'schoolCounts')).toHaveLength(1);
  let invocations = 1;
  for (let more = true; more && invocations < 10; invocations++) more = !!(await jobs.carryOn(MORNING, db(), env.app)).more;
  const schools = await docs<{ _id: string }>(env, 'schools');
  expect((await docs<{ _id: string }>(env, 'schoolCounts')).map((k) => k._id).sort()).toEqual(schools.map((s) => s._id).sort());
  // one school per invocation (the last one finds the run's end)
  expect(invocations).toBeLessThanOrEqual(schools.length + 1);
});
