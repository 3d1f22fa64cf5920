/**
 * A scheduler run too big for one invocation stops between batches at its time budget and the quarter-hour trigger
 * goes on from the cursor kept in the job state: every reminder is stored once, none is left out, a batch already
 * stored is not collected again, and a run cut short by a crash goes on from its last checkpoint.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { seedDemoWork } from '../helpers/demo';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { createJobs } from '../../cloudfunctions/scheduler/src/jobs';
import { SOURCES } from '../../cloudfunctions/scheduler/src/sources';
import type { CheckpointBatch, ReminderSource, SourceContext } from '../../cloudfunctions/core/reminders';
import { draft } from '../reminders/helpers';

jest.setTimeout(120_000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

/** No time at all: each invocation stores one checkpointed batch and leaves the rest to the next. */
const NO_TIME = { collectMs: 0, totalMs: 0 };
const BATCHES = ['b1', 'b2', 'b3', 'b4', 'b5', 'b6'];

/** A daily source over six batches of three people each, in cursor order; counts how often each batch is collected. */
function countingSource(collected: Map<string, number>, crashAt?: { cursor: string; times: number }): ReminderSource {
  return {
    name: 'counting',
    cadence: 'daily',
    async *collect({ after }: SourceContext): AsyncGenerator<CheckpointBatch> {
      for (const cursor of BATCHES.filter((b) => after === null || b > after)) {
        if (crashAt?.cursor === cursor && crashAt.times-- > 0) throw new Error('函数实例被终止');
        collected.set(cursor, (collected.get(cursor) ?? 0) + 1);
        yield { drafts: [1, 2, 3].map((i) => draft(`resume-${cursor}-${i}`, { kind: 'test.resume', subject: cursor, occurrence: '2027-03-09' })), cursor };
      }
    },
  };
}

const db = () => env.app.database();
const stored = async () => ((await db().collection('outbox').where({ kind: 'test.resume' }).limit(1000).get()).data as { to: string }[]).map((e) => e.to);
const inboxCount = async () => (await db().collection('inbox').where({ kind: 'test.resume' }).count()).total;

async function clear() {
  await db().collection('outbox').where({ kind: 'test.resume' }).remove();
  await db().collection('inbox').where({ kind: 'test.resume' }).remove();
  await db().collection('jobState').doc('daily').remove();
}

test('a run without time for all of it goes on, invocation after invocation, and stores each reminder once', async () => {
  await clear();
  const collected = new Map<string, number>();
  const jobs = createJobs([countingSource(collected)], NO_TIME);
  const at = fromBeijing('2027-03-09 07:30');
  const first = await jobs.morning(at, db(), env.app);
  expect(first).toMatchObject({ more: true, sources: { counting: { created: 3 } } });
  expect(await stored()).toHaveLength(3);

  let invocations = 1;
  for (let more = true; more;) {
    // the quarter-hour trigger goes on with the open daily run, a quarter of an hour later each time
    const r = await jobs.quarterHour(new Date(at.getTime() + invocations * 15 * 60 * 1000), db(), env.app);
    invocations++;
    more = r.more as boolean;
    if (invocations > 10) throw new Error('the run never finished');
  }
  // one batch an invocation, and one more that finds the source at its end (a run stops without looking ahead)
  expect(invocations).toBe(BATCHES.length + 1);
  const to = await stored();
  expect(to.sort()).toEqual(BATCHES.flatMap((b) => [1, 2, 3].map((i) => `resume-${b}-${i}`)).sort());
  expect(await inboxCount()).toBe(18);
  // no batch was collected twice: each invocation went on after the last one stored
  expect([...collected.values()]).toEqual(BATCHES.map(() => 1));
  // the run is over: the job state holds no open run, and the next quarter-hour has nothing to go on with
  const state = (await db().collection('jobState').doc('daily').get()).data[0] as { open: unknown; lastTo: Date };
  expect(state.open).toBeNull();
  expect(state.lastTo.toISOString()).toBe(at.toISOString());
  const after = await jobs.quarterHour(new Date(at.getTime() + 3600 * 1000), db(), env.app);
  expect(after).toMatchObject({ more: false, continued: {} });
});

test('a run that dies between batches goes on from its last checkpoint: nothing twice, nothing lost', async () => {
  await clear();
  const collected = new Map<string, number>();
  const at = fromBeijing('2027-03-10 07:30');
  // enough time for everything, but the instance dies as it reaches the fourth batch
  const jobs = createJobs([countingSource(collected, { cursor: 'b4', times: 1 })]);
  await expect(jobs.morning(at, db(), env.app)).rejects.toThrow('函数实例被终止');
  expect(await stored()).toHaveLength(9);

  const next = await jobs.quarterHour(new Date(at.getTime() + 15 * 60 * 1000), db(), env.app);
  expect(next).toMatchObject({ more: false, continued: { daily: { sources: { counting: { created: 9, existing: 0 } }, more: false } } });
  expect(await stored()).toHaveLength(18);
  expect(new Set(await stored()).size).toBe(18);
  expect(await inboxCount()).toBe(18);
  expect([...collected.entries()]).toEqual(BATCHES.map((b) => [b, 1]));
});

test('the real sources, cut into invocations, store exactly what one uninterrupted run would', async () => {
  const NOW = fromBeijing('2027-03-01 08:00');
  await seedDemoWork(env, NOW);
  // a Monday: the children without contact for two weeks are among the daily sources' work
  const monday = fromBeijing('2027-03-08 07:30');
  const cut = createJobs(SOURCES, NO_TIME);
  const first = await cut.morning(monday, db(), env.app);
  expect(first.more).toBe(true);
  type Counts = Record<string, { created: number; existing: number }>;
  const sum = (counts: Counts | undefined, key: 'created' | 'existing') => Object.values(counts ?? {}).reduce((n, s) => n + s[key], 0);
  let created = sum(first.sources as Counts, 'created');
  let found = sum(first.sources as Counts, 'existing');
  let invocations = 1;
  for (let more = true; more; invocations++) {
    const r = (await cut.quarterHour(monday, db(), env.app)) as { more: boolean; continued: { daily?: { sources: Counts } } };
    created += sum(r.continued.daily?.sources, 'created');
    found += sum(r.continued.daily?.sources, 'existing');
    more = r.more;
    if (invocations > 40) throw new Error('the run never finished');
  }
  expect(invocations).toBeGreaterThan(2);
  expect(created).toBeGreaterThan(0);
  // the same morning once more, with all the time it needs: everything it finds is there already, and it finds
  // just as many reminders as the invocations collected between them
  const whole = await createJobs(SOURCES).morning(monday, db(), env.app);
  expect(sum(whole.sources as Counts, 'created')).toBe(0);
  expect(sum(whole.sources as Counts, 'existing')).toBe(created + found);
});

test('the minute trigger goes on with an open run until it is done, and does nothing when none is open', async () => {
  await clear();
  const collected = new Map<string, number>();
  const jobs = createJobs([countingSource(collected)], NO_TIME);
  const at = fromBeijing('2027-03-10 07:30');
  expect(await jobs.carryOn(new Date(at.getTime() - 60_000), db(), env.app)).toEqual({ continued: {}, more: false });
  expect(await jobs.morning(at, db(), env.app)).toMatchObject({ more: true });
  let minutes = 0;
  for (let more = true; more;) {
    const r = await jobs.carryOn(new Date(at.getTime() + ++minutes * 60_000), db(), env.app);
    more = r.more as boolean;
    if (minutes > 10) throw new Error('the run never finished');
  }
  expect(minutes).toBe(BATCHES.length);
  expect((await stored()).sort()).toEqual(BATCHES.flatMap((b) => [1, 2, 3].map((i) => `resume-${b}-${i}`)).sort());
  expect([...collected.values()]).toEqual(BATCHES.map(() => 1));
  expect(await jobs.carryOn(new Date(at.getTime() + 3600_000), db(), env.app)).toEqual({ continued: {}, more: false });
});
