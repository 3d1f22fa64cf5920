/**
 * Reminder-engine benchmark: the monthly talk round (每月谈心) over 100,000 children in 2,000 classes (20 schools),
 * fired as the `monthly` timer trigger of the built scheduler bundle in the emulator, through the real SDK.
 * The job pages through every child, reminds 2,000 class teachers and the mentor teachers (帮扶教师) of 1,340
 * left-behind children, stores the 3,340 reminders (outbox + inbox) and runs a delivery pass over them (nobody
 * subscribed: all inbox-only).
 *
 * Prints time, peak memory of the process (emulator and function run in it) and the database requests the
 * invocation made, next to a 20,000-child run: the requests grow with batches (1,000 children per read,
 * 500 reminders per write, 100 per delivery batch), not with children.
 * Run: npm run build && npx tsx bench/run.ts reminders   (or npx tsx bench/reminders.ts)
 */
import { startEmulator, type TestEmulator } from '../tests/helpers/emulator';
import { fromBeijing } from '../cloudfunctions/core/time';

const CLASSES_PER_SCHOOL = 100;
const CHILDREN_PER_CLASS = 50;
/** One mentor teacher (帮扶教师) per this many children. */
const MENTOR_EVERY = 50;
const TYPES = ['both_away', 'one_away_other_unable', 'not_left_behind'];

interface Figures {
  children: number;
  classes: number;
  seconds: number;
  peakRssMb: number;
  baseRssMb: number;
  peakHeapMb: number;
  baseHeapMb: number;
  dbRequests: number;
  created: number;
  delivery: Record<string, number | boolean>;
}

async function seed(env: TestEmulator, schools: number): Promise<void> {
  const db = env.app.database();
  const now = new Date('2027-02-20T00:00:00Z');
  for (let s = 0; s < schools; s++) {
    const schoolId = `bs-${s}`;
    await db.collection('schools').add({ _id: schoolId, name: `基准小学${s}`, createdAt: now });
    const classes = Array.from({ length: CLASSES_PER_SCHOOL }, (_, c) => ({
      _id: `${schoolId}-c${c}`,
      schoolId,
      grade: 1 + (c % 6),
      name: `${1 + (c % 6)}年级(${c})班`,
      communityId: null,
      archivedAt: null,
    }));
    await db.collection('classes').add(classes);
    const bindingBase = { schoolId, communityId: null, createdAt: now, revokedAt: null, role: 'teacher' };
    await db
      .collection('bindings')
      .add(classes.map((c) => ({ ...bindingBase, openid: `head-${c._id}`, classId: c._id, childId: null, title: 'head', label: '班主任' })));
    // 1,000 children per write, generated as we go (5,000 per school).
    const perSchool = CLASSES_PER_SCHOOL * CHILDREN_PER_CLASS;
    for (let from = 0; from < perSchool; from += 1000) {
      const children = Array.from({ length: Math.min(1000, perSchool - from) }, (_, k) => {
        const i = from + k;
        return {
          _id: `${schoolId}-k${i}`,
          schoolId,
          classId: classes[i % CLASSES_PER_SCHOOL]._id,
          communityId: null,
          name: `学生${i}`,
          gender: i % 2 ? 'male' : 'female',
          birthDate: '2017-05-01',
          leftBehindType: TYPES[i % 3],
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        };
      });
      await db.collection('children').add(children);
      const mentored = children.filter((c, k) => (from + k) % MENTOR_EVERY === 0);
      await db
        .collection('bindings')
        .add(mentored.map((c) => ({ ...bindingBase, openid: `mentor-${c._id}`, classId: c.classId, childId: c._id, label: '帮扶教师' })));
    }
  }
}

async function measure(schools: number): Promise<Figures> {
  const env = await startEmulator();
  try {
    await seed(env, schools);
    const admin = env.app.database();
    // The deployment has templates, so delivery really runs (and finds no subscriptions).
    await admin
      .collection('settings')
      .doc('reminders')
      .set({ templates: { notice: { id: 'BENCH_NOTICE', fields: { thing1: 'title', thing2: 'note', number3: 'count' } } } });

    global.gc?.();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    const t0 = performance.now();
    const inv = await env.emulator.timers.fire('scheduler', 'monthly', fromBeijing('2027-03-01 08:00'));
    const seconds = (performance.now() - t0) / 1000;
    clearInterval(sampler);

    const result = inv.result as {
      ok: boolean;
      data?: { sources: Record<string, { created: number }>; delivery: Record<string, number | boolean> };
      error?: unknown;
    };
    if (!result.ok || !result.data) throw new Error(`monthly job failed: ${JSON.stringify(result)}`);
    return {
      children: schools * CLASSES_PER_SCHOOL * CHILDREN_PER_CLASS,
      classes: schools * CLASSES_PER_SCHOOL,
      seconds,
      peakRssMb: peakRss / 1024 / 1024,
      baseRssMb: base.rss / 1024 / 1024,
      peakHeapMb: peakHeap / 1024 / 1024,
      baseHeapMb: base.heapUsed / 1024 / 1024,
      dbRequests: inv.dbRequests,
      created: result.data.sources.talkRound.created,
      delivery: result.data.delivery,
    };
  } finally {
    await env.stop();
  }
}

function line(f: Figures): string {
  return (
    `${String(f.children).padStart(7)} children, ${String(f.classes).padStart(5)} classes: ${f.seconds.toFixed(1).padStart(5)} s, ` +
    `peak rss ${f.peakRssMb.toFixed(0)} MB (+${(f.peakRssMb - f.baseRssMb).toFixed(0)} during the job), heap ${f.peakHeapMb.toFixed(0)} MB (+${(f.peakHeapMb - f.baseHeapMb).toFixed(0)}), ` +
    `${f.dbRequests} db requests, ` +
    `${f.created} reminders stored, delivery ${JSON.stringify(f.delivery)}`
  );
}

export async function run(): Promise<void> {
  // Off-cloud the SDK probes the cloud metadata address before each request unless told it runs on the platform.
  process.env.TENCENTCLOUD = 'true';
  const small = await measure(4);
  console.log(`talk round  ${line(small)}`);
  const big = await measure(20);
  console.log(`talk round  ${line(big)}`);
  const perThousand = (f: Figures) => ((f.dbRequests / f.children) * 1000).toFixed(1);
  console.log(
    `requests per 1,000 children: ${perThousand(small)} and ${perThousand(big)} ` +
      `(5x the children -> ${(big.dbRequests / small.dbRequests).toFixed(1)}x the requests: one read per 1,000 children and per 100 reminders, one write per 500)`,
  );
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
