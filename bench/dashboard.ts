/**
 * Dashboard benchmark: the school dashboard (dashboard.school) of a school of 2,000 children in 40 classes (four in
 * five left behind), with contact cards, consents, pairings, a month of talks, a week of phone calls and a parent
 * meeting's sign-ins written straight into the database; then one rate's children (dashboard.children) and one
 * class. Prints per call the database round trips, the longest chain of them (depth), the bytes the page receives
 * and the time (median and worst of the warm calls, and the first).
 * Run: npm run build && npx tsx bench/run.ts dashboard   (bench/run.ts lists this module).
 */
import { startEmulator, type TestEmulator } from '../tests/helpers/emulator';
import { fromBeijing } from '../cloudfunctions/core/time';

const WARM_CALLS = 10;
const NOW = fromBeijing('2027-04-15 10:00');
const SCHOOL = 'bench-school';
const ADMIN = 'bench-admin';
/** 40 classes of 50 (BENCH_CLASSES changes how many). */
const CLASSES = Number(process.env.BENCH_CLASSES ?? 40);
const PER_CLASS = 50;

async function measure(env: TestEmulator, label: string, action: string, input: Record<string, unknown>): Promise<void> {
  const times: number[] = [];
  let requests = 0;
  let depth = 0;
  let bytes = 0;
  let first = 0;
  for (let i = 0; i <= WARM_CALLS; i++) {
    const inv = await env.emulator.functions.invoke('api', { action, input }, { openid: ADMIN, now: NOW });
    const result = inv.result as { ok: boolean; error?: { message: string } };
    if (!result.ok) throw new Error(`${action}: ${result.error?.message}`);
    if (i === 0) first = inv.ms;
    else times.push(inv.ms);
    requests = inv.dbRequests;
    depth = inv.dbDepth;
    bytes = Buffer.byteLength(JSON.stringify(result));
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(34)} ${String(requests).padStart(3)} db round trips, depth ${depth}  ${(bytes / 1024).toFixed(1).padStart(6)} KB  ` +
      `median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms, first ${first.toFixed(0)} ms (${WARM_CALLS} warm calls)`,
  );
}

async function addAll(env: TestEmulator, collection: string, docs: object[]): Promise<void> {
  for (let i = 0; i < docs.length; i += 500)
    await env.app
      .database()
      .collection(collection)
      .add(docs.slice(i, i + 500));
}

export async function seedSchool(env: TestEmulator): Promise<void> {
  const created = fromBeijing('2026-09-01 08:00');
  await env.app.database().collection('schools').add({ _id: SCHOOL, name: '基准小学', countyId: null, createdAt: created });
  await env.app.database().collection('bindings').add({
    openid: ADMIN,
    role: 'admin',
    schoolId: SCHOOL,
    classId: null,
    childId: null,
    communityId: null,
    label: '基准小学',
    createdAt: created,
    revokedAt: null,
  });
  const classes = Array.from({ length: CLASSES }, (_, c) => ({
    _id: `bc-${c}`,
    schoolId: SCHOOL,
    grade: 1 + (c % 6),
    name: `${1 + (c % 6)}年级(${c})班`,
    communityId: null,
    archivedAt: null,
  }));
  await addAll(env, 'classes', classes);
  const children = classes.flatMap((k, c) =>
    Array.from({ length: PER_CLASS }, (_, i) => ({
      _id: `bk-${c}-${i}`,
      schoolId: SCHOOL,
      classId: k._id,
      communityId: null,
      name: `学生${c}-${i}`,
      gender: i % 2 ? 'male' : 'female',
      birthDate: '2017-05-05',
      leftBehindType: i % 5 === 0 ? 'not_left_behind' : 'both_away',
      address: i % 10 === 3 ? null : '某村某组',
      enrolment: { status: i % 97 === 0 ? 'dropped_out' : 'enrolled', date: '2026-09-01', note: null },
      vaccination: i % 20 === 7 ? 'unknown' : 'complete',
      createdAt: created,
      updatedAt: created,
      deletedAt: null,
    })),
  );
  await addAll(env, 'children', children);
  const guardian = { name: '奶奶', relation: '奶奶', occupation: '务农', address: '某村', phone: '13800000002', health: '良好', age: 60, capable: true };
  const parents = [{ name: '家长', relation: '父亲', phone: '13800000001', workCity: '宁波', workUnit: null, workAddress: null, workPhone: null }];
  const some = children.filter((_, n) => n % 6 !== 5);
  await addAll(
    env,
    'contactCards',
    some.map((c) => ({
      _id: c._id,
      childId: c._id,
      schoolId: SCHOOL,
      classId: c.classId,
      parents,
      guardian,
      emergency: null,
      version: 1,
      createdAt: created,
      updatedAt: created,
      updatedBy: 'x',
      confirmedAt: created,
      confirmedBy: 'x',
    })),
  );
  await addAll(
    env,
    'consents',
    some.map((c) => ({
      childId: c._id,
      decision: 'granted',
      noticeVersion: 'v1',
      method: 'paper',
      by: '家长',
      signerRelation: '父亲',
      recordedBy: 'x',
      at: created,
    })),
  );
  await addAll(
    env,
    'pairings',
    children.flatMap((c, n) => [
      { schoolId: SCHOOL, classId: c.classId, childId: c._id, kind: 'mentor', endedAt: null, personName: '老师' },
      ...(n % 3 ? [{ schoolId: SCHOOL, classId: c.classId, childId: c._id, kind: 'buddy', endedAt: null, personName: null }] : []),
    ]),
  );
  await addAll(
    env,
    'talks',
    children.filter((_, n) => n % 4).map((c) => ({ schoolId: SCHOOL, classId: c.classId, childId: c._id, date: '2027-04-08', month: '2027-04' })),
  );
  await addAll(
    env,
    'phoneCalls',
    children.filter((_, n) => n % 2).map((c) => ({ schoolId: SCHOOL, classId: c.classId, childId: c._id, at: fromBeijing('2027-04-13 19:00') })),
  );
  await env.app.database().collection('symposiums').add({ _id: 'bench-sym', schoolId: SCHOOL, classId: null, date: '2027-03-20', topic: '家长会' });
  await addAll(
    env,
    'symposiumAttendance',
    some.map((c) => ({ _id: `att-${c._id}`, symposiumId: 'bench-sym', schoolId: SCHOOL, childId: c._id, kind: 'guardian', refId: c._id, name: '奶奶' })),
  );
}

export async function run(): Promise<void> {
  process.env.TENCENTCLOUD = 'true';
  const env = await startEmulator({ seedDemo: true });
  try {
    const t0 = performance.now();
    await seedSchool(env);
    console.log(`seeded a school of ${CLASSES * PER_CLASS} children in ${CLASSES} classes in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await measure(env, `school dashboard, ${CLASSES * PER_CLASS} children`, 'dashboard.school', { schoolId: SCHOOL });
    await measure(env, `建档率's children, ${CLASSES * PER_CLASS}`, 'dashboard.children', { schoolId: SCHOOL, rate: 'archive' });
    await measure(env, 'one class of 50', 'dashboard.school', { classId: 'bc-3' });
  } finally {
    await env.stop();
  }
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
