/**
 * Birthday-reminder benchmark: a county of 100,000 children in 2,000 classes (20 schools), through the real SDK into
 * the emulator. Every child has a solar birthday (one in ten keeps a lunar one), 95 in 100 a guardian's consent, a
 * parent's account and a student account; one in three a hand-in-hand buddy; one student in ten asked for every
 * classmate's birthday.
 *
 * A Tuesday morning (so the Monday-only family-call prompts stay out): the birthday source reminds the buddies, the
 * classmates who asked and the teachers of tomorrow's birthdays, greets the families of today's and counts
 * yesterday's cards, and the engine stores and delivers them. Measured alone (the source and the engine's daily run,
 * every database request counted) for time, peak memory of the process (emulator and job run in it) and requests,
 * next to a 20,000-child run: the requests grow with the batches (500 birthday children, 500 reminders per write, 100
 * per delivery batch), not with the children of the county. Then, for scale, the whole `morning` trigger of the built
 * scheduler bundle the next day (every daily source and the morning's housekeeping).
 * Run: npm run build && npx tsx bench/run.ts birthdays   (or npx tsx bench/birthdays.ts)
 */
import { startEmulator, type TestEmulator } from '../tests/helpers/emulator';
import { interceptDatabase } from '../tests/api/faults';
import { runCadence } from '../cloudfunctions/core/reminders';
import { loadConfig } from '../cloudfunctions/core/reminders/config';
import { birthdaySource } from '../cloudfunctions/core/birthdays/reminders';
import { fromBeijing } from '../cloudfunctions/core/time';
import { addDays } from '../cloudfunctions/core/familyCalls/clock';
import { PRIVACY_NOTICE } from '../cloudfunctions/core/consent';

const CLASSES_PER_SCHOOL = 100;
const CHILDREN_PER_CLASS = 50;
const MORNING = fromBeijing('2027-03-16 07:30');

interface Figures {
  children: number;
  classes: number;
  seconds: number;
  peakRssMb: number;
  baseRssMb: number;
  peakHeapMb: number;
  baseHeapMb: number;
  dbRequests: number;
  birthdays: { created: number; existing: number };
  byKind: Record<string, number>;
  delivery: Record<string, number | boolean>;
  /** The whole morning trigger the next day. */
  morning: { seconds: number; dbRequests: number; created: number };
}

/** Child i of a school: its birth date, spread over the year and four birth years; one in ten keeps a lunar birthday. */
function child(schoolId: string, classId: string, i: number, now: Date) {
  const lunar = i % 10 === 7 ? { month: 1 + (i % 12), day: 1 + (i % 29), leap: false } : null;
  return {
    _id: `${schoolId}-k${i}`,
    schoolId,
    classId,
    communityId: null,
    name: `学生${i}号`,
    gender: i % 2 ? 'male' : 'female',
    birthDate: addDays(`${2015 + (i % 4)}-01-01`, (i * 7) % 365),
    lunarBirthday: lunar,
    leftBehindType: i % 3 === 2 ? 'not_left_behind' : 'both_away',
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
  };
}

async function seed(env: TestEmulator, schools: number): Promise<void> {
  const db = env.app.database();
  const now = new Date('2027-02-20T00:00:00Z');
  const scope = { communityId: null, createdAt: now, revokedAt: null };
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
    await db
      .collection('bindings')
      .add(
        classes.map((c) => ({ ...scope, schoolId, openid: `head-${c._id}`, role: 'teacher', classId: c._id, childId: null, title: 'head', label: '班主任' })),
      );
    const perSchool = CLASSES_PER_SCHOOL * CHILDREN_PER_CLASS;
    // 1,000 children per write, with their consents, parents, student accounts, buddies and choices.
    for (let from = 0; from < perSchool; from += 1000) {
      const kids = Array.from({ length: Math.min(1000, perSchool - from) }, (_, k) =>
        child(schoolId, classes[(from + k) % CLASSES_PER_SCHOOL]._id, from + k, now),
      );
      await db.collection('children').add(kids);
      const consented = kids.filter((_, k) => (from + k) % 20 !== 0);
      await db.collection('consents').add(
        consented.map((c) => ({
          childId: c._id,
          decision: 'granted',
          noticeVersion: PRIVACY_NOTICE.version,
          method: 'paper',
          by: '家长',
          signerRelation: '母亲',
          recordedBy: 'x',
          at: now,
        })),
      );
      await db
        .collection('bindings')
        .add(kids.map((c) => ({ ...scope, schoolId, openid: `parent-${c._id}`, role: 'parent', classId: c.classId, childId: c._id, label: '家长' })));
      const students = kids.map((c) => ({
        ...scope,
        _id: `sb-${c._id}`,
        schoolId,
        openid: `student-${c._id}`,
        role: 'student',
        classId: c.classId,
        childId: c._id,
        label: c.name,
      }));
      await db.collection('bindings').add(students);
      await db
        .collection('birthdayOptIns')
        .add(
          students
            .filter((_, k) => (from + k) % 10 === 3)
            .map((b) => ({ _id: b._id, openid: b.openid, bindingId: b._id, schoolId, classId: b.classId, on: true, updatedAt: now })),
        );
      // a buddy for each left-behind child of every third: the classmate who follows in the class list
      const paired = kids.filter((c, k) => c.leftBehindType !== 'not_left_behind' && (from + k) % 3 === 0 && k + CLASSES_PER_SCHOOL < kids.length);
      await db.collection('pairings').add(
        paired.map((c) => ({
          schoolId,
          classId: c.classId,
          childId: c._id,
          kind: 'buddy',
          buddyChildId: kids[kids.indexOf(c) + CLASSES_PER_SCHOOL]._id,
          mentorOpenid: null,
          bindingId: null,
          proxyKind: null,
          personName: null,
          phone: null,
          note: null,
          startDate: '2026-09-01',
          endDate: null,
          createdAt: now,
          createdBy: 'x',
          endedAt: null,
          endedBy: null,
        })),
      );
    }
  }
}

async function measure(schools: number): Promise<Figures> {
  const env = await startEmulator();
  try {
    await seed(env, schools);
    // The deployment has a birthday template, so delivery really runs (and finds no subscriptions).
    await env.app
      .database()
      .collection('settings')
      .doc('reminders')
      .set({ templates: { birthday: { id: 'BENCH_BIRTHDAY', fields: { name1: 'name', date2: 'date', thing3: 'note' } } } });
    global.gc?.();
    const db = env.app.database();
    const base = process.memoryUsage();
    let peakRss = base.rss;
    let peakHeap = base.heapUsed;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 20);
    let dbRequests = 0;
    const stopCounting = interceptDatabase(env, (_body, pass) => {
      dbRequests++;
      return pass();
    });
    const t0 = performance.now();
    const config = await loadConfig(db);
    const run = await runCadence('daily', [birthdaySource], MORNING, db, env.app, { config });
    const seconds = (performance.now() - t0) / 1000;
    stopCounting();
    clearInterval(sampler);

    const byKind: Record<string, number> = {};
    for (const kind of ['birthday.classmates', 'birthday.teacher', 'birthday.family', 'birthday.cards'])
      byKind[kind] = (await env.app.database().collection('outbox').where({ kind }).count()).total ?? 0;

    const t1 = performance.now();
    const inv = await env.emulator.timers.fire('scheduler', 'morning', new Date(MORNING.getTime() + 86400000));
    const morningSeconds = (performance.now() - t1) / 1000;
    const result = inv.result as { ok: boolean; data?: { sources: Record<string, { created: number }> } };
    if (!result.ok || !result.data) throw new Error(`morning job failed: ${JSON.stringify(result)}`);
    return {
      children: schools * CLASSES_PER_SCHOOL * CHILDREN_PER_CLASS,
      classes: schools * CLASSES_PER_SCHOOL,
      seconds,
      peakRssMb: peakRss / 1024 / 1024,
      baseRssMb: base.rss / 1024 / 1024,
      peakHeapMb: peakHeap / 1024 / 1024,
      baseHeapMb: base.heapUsed / 1024 / 1024,
      dbRequests,
      birthdays: run.sources.birthdays,
      byKind,
      delivery: run.delivery as unknown as Record<string, number | boolean>,
      morning: { seconds: morningSeconds, dbRequests: inv.dbRequests, created: result.data.sources.birthdays.created },
    };
  } finally {
    await env.stop();
  }
}

function line(f: Figures): string {
  return (
    `${String(f.children).padStart(7)} children, ${String(f.classes).padStart(5)} classes: ${f.seconds.toFixed(1).padStart(5)} s, ` +
    `peak rss ${f.peakRssMb.toFixed(0)} MB (+${(f.peakRssMb - f.baseRssMb).toFixed(0)} during the job), heap ${f.peakHeapMb.toFixed(0)} MB (+${(f.peakHeapMb - f.baseHeapMb).toFixed(0)}), ` +
    `${f.dbRequests} db requests, ${f.birthdays.created} reminders stored ${JSON.stringify(f.byKind)}, delivery ${JSON.stringify(f.delivery)}; ` +
    `the whole morning trigger the next day: ${f.morning.seconds.toFixed(1)} s, ${f.morning.dbRequests} db requests, ${f.morning.created} birthday reminders`
  );
}

export async function run(): Promise<void> {
  // Off-cloud the SDK probes the cloud metadata address before each request unless told it runs on the platform.
  process.env.TENCENTCLOUD = 'true';
  const small = await measure(4);
  console.log(`birthdays  ${line(small)}`);
  const big = await measure(20);
  console.log(`birthdays  ${line(big)}`);
  const per = (f: Figures) => (f.dbRequests / Math.max(1, f.birthdays.created)).toFixed(2);
  console.log(
    `5x the children -> ${(big.dbRequests / small.dbRequests).toFixed(1)}x the requests for ${(big.birthdays.created / Math.max(1, small.birthdays.created)).toFixed(1)}x the reminders ` +
      `(${per(small)} and ${per(big)} requests per reminder): a few queries per 500 birthday children and per 500 reminders, none per child of the county`,
  );
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
