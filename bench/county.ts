/**
 * The county at a cloud round trip: every first screen (bench/screens.ts) on the county dataset (npm run seed:county,
 * in COUNTY_DIR, default .data/county; a copy is opened, so the seeded data stays as it was) with each database
 * request costing DB_LATENCY_MS (15 ms): db requests, depth, p50 / p95 ms and payload bytes of school 1's class of
 * 60, and how much of a call the emulator's own work was (its SQLite and aggregation engine, x-db-work-ms: the
 * local database's speed, which CloudBase's is not); each scheduler trigger's time, peak RSS and db requests on that
 * dataset and on COUNTY_SMALL_DIR (the 20,000 children one, when seeded); and the SDK's `get` against the emulator as
 * a ratio to a server answering a canned reply. One table; a missed target is marked ✗ and fails the bench.
 * BENCH_SCREENS=countyDashboard,dashboard runs only the screens whose name contains one of those words (and no
 * jobs): e.g. `BENCH_SCREENS=countyDashboard,'dashboard · admin' COUNTY_DIR=/work/county/county npx tsx bench/county.ts`.
 * The copy gets a county (县教育局) over its schools, so the county's dashboard has someone to open it.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { startEmulator, type Emulator } from '../emulator/server';
import { sdkApp } from '../tests/helpers/emulator';
import { SCREENS, screenName, type ScreenIds } from './screens';
import { countyIds, TERM_END } from '../scripts/county/ids';

const COUNTY_ADMIN = 'county-bureau';
/** Substrings of the screens to run (BENCH_SCREENS, comma separated); none = every screen and job. */
const ONLY = (process.env.BENCH_SCREENS ?? '')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean);

const TARGET = { depth: 4, p95Ms: 120, bytes: 32 * 1024, rssMb: 256, getRatio: 1.2 };
/** Warm calls per screen (BENCH_CALLS, default 12); a first call is made before them. */
const CALLS = Number(process.env.BENCH_CALLS ?? 12);
const LATENCY_MS = Number(process.env.DB_LATENCY_MS ?? 15);
const NOW = new Date(`${TERM_END}T18:00:00+08:00`);

interface Row {
  name: string;
  cells: string[];
  ok: boolean;
}

function countyScreenIds(children: number): ScreenIds {
  const ids = countyIds(children);
  const school = ids.schools[0];
  const k = ids.classes[0];
  const child = ids.child(k.first);
  return {
    openid: {
      admin: school.adminOpenid,
      teacher: k.teacherOpenid,
      parent: ids.parentOpenid(k.first),
      guardian: ids.guardianOpenid(k.first),
      student: k.studentOpenid,
      community: k.communityOpenid,
      township: school.townshipOpenid,
      county: COUNTY_ADMIN,
      newcomer: 'county-newcomer',
    },
    schoolId: school.id,
    classId: k.id,
    childId: child,
    communityId: k.communityId,
    townshipId: school.townshipId,
    wishChildId: child,
    month: TERM_END.slice(0, 7),
    callId: `${child}-call-0`,
    talkId: `talk_${child}_0`,
    postId: `${child}-post-0-0`,
    planId: '',
    helpPlanId: '',
    alertId: `${child}-alert`,
  };
}

/** A copy of a seeded county, opened with the cloud's round trip. */
async function openCounty(dir: string, latency: number): Promise<{ emulator: Emulator; children: number; close(): Promise<void> }> {
  if (!fs.existsSync(dir)) throw new Error(`没有县级数据：先运行 npm run seed:county（${dir}）`);
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-county-'));
  fs.cpSync(dir, copy, { recursive: true });
  const emulator = await startEmulator({ dataDir: copy, port: 0, dbLatencyMs: latency });
  const db = sdkApp(emulator.url, emulator.credentials).database();
  const children = (await db.collection('children').count()).total as number;
  await addCountyBureau(db);
  return {
    emulator,
    children,
    async close() {
      await emulator.stop();
      fs.rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** The generated county has schools but no 县教育局: the copy gets one, over all its schools. */
async function addCountyBureau(db: ReturnType<ReturnType<typeof sdkApp>['database']>): Promise<void> {
  const at = new Date(NOW.getTime() - 365 * 86400000);
  await db.collection('counties').add({ _id: 'county-bench', name: '基准县', createdAt: at });
  await db
    .collection('schools')
    .where({ countyId: db.command.exists(false) })
    .update({ countyId: 'county-bench' });
  await db.collection('bindings').add({
    openid: COUNTY_ADMIN,
    role: 'county',
    schoolId: null,
    classId: null,
    childId: null,
    communityId: null,
    countyId: 'county-bench',
    label: '基准县教育局',
    createdAt: at,
    revokedAt: null,
  });
}

async function screens(emulator: Emulator, ids: ScreenIds): Promise<Row[]> {
  const rows: Row[] = [];
  for (const screen of SCREENS) {
    if ((screen.needs && !ids[screen.needs]) || !ids.openid[screen.role]) continue;
    if (ONLY.length && !ONLY.some((word) => screenName(screen).includes(word))) continue;
    const times: number[] = [];
    let last = { requests: 0, depth: 0, bytes: 0, ok: false };
    const work: number[] = [];
    for (let i = 0; i <= CALLS; i++) {
      const t0 = performance.now();
      const res = await fetch(`${emulator.url}/functions/api`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-openid': ids.openid[screen.role], 'x-now': NOW.toISOString() },
        body: JSON.stringify({ action: screen.action, input: screen.input(ids) }),
      });
      const body = await res.text();
      if (i > 0) times.push(performance.now() - t0);
      if (i > 0) work.push(Number(res.headers.get('x-db-work-ms')));
      last = {
        requests: Number(res.headers.get('x-db-requests')),
        depth: Number(res.headers.get('x-db-depth')),
        bytes: Buffer.byteLength(body),
        ok: JSON.parse(body).ok,
      };
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(times.length * q))];
    const ok = last.ok && last.depth <= TARGET.depth && p(0.95) <= TARGET.p95Ms && last.bytes <= TARGET.bytes;
    rows.push({
      name: screenName(screen),
      cells: [
        String(last.requests),
        String(last.depth),
        p(0.5).toFixed(0),
        p(0.95).toFixed(0),
        String(last.bytes),
        [last.ok ? '' : 'error', `emulator ${median(work)} ms`].filter(Boolean).join('; '),
      ],
      ok,
    });
  }
  return rows;
}

/** The middle value (the emulator's own work per call: its SQLite and aggregation engine, not the round trips). */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** A trigger's run: every invocation it took (a job that stops at its time budget is continued by the next one). */
interface JobRun {
  invocations: number;
  /** The longest single invocation (what the function's timeout bounds). */
  maxMs: number;
  totalMs: number;
  /** The highest peak RSS of the function's own process over the invocations. */
  rssMb: number;
  requests: number;
  error: string | null;
}

/** At most this many invocations of one trigger: a job that still has more after them is marked as not finishing. */
const MAX_INVOCATIONS = 20;

/**
 * One scheduler trigger at NOW, each invocation in a process of its own (as CloudBase runs a function in its own
 * instance), so the peak RSS is the job's alone; while the job answers `more` (it stopped at its time budget with
 * work left), the quarter-hour trigger goes on with it, as in the cloud, and the invocations are summed.
 */
async function trigger(emulator: Emulator, name: string, at: Date): Promise<JobRun> {
  const run: JobRun = { invocations: 0, maxMs: 0, totalMs: 0, rssMb: 0, requests: 0, error: null };
  for (let more = true; more && run.invocations < MAX_INVOCATIONS;) {
    // The job's own trigger first; a run left open is gone on with by the quarter-hour trigger, as in the cloud.
    const inv = await emulator.timers
      .fire('scheduler', run.invocations ? 'quarterHour' : name, at, { ownProcess: true })
      .catch((err: Error) => ({ error: err.message }));
    if ('error' in inv) return { ...run, error: inv.error };
    const result = inv.result as { ok: boolean; data?: { more?: boolean }; error?: { message: string } };
    run.invocations++;
    run.maxMs = Math.max(run.maxMs, inv.ms);
    run.totalMs += inv.ms;
    run.rssMb = Math.max(run.rssMb, inv.peakRssMb ?? 0);
    run.requests += inv.dbRequests;
    if (!result.ok) return { ...run, error: result.error?.message ?? 'error' };
    if (process.env.BENCH_VERBOSE) console.log(name, `${inv.ms} ms, ${inv.dbRequests} requests, ${inv.peakRssMb?.toFixed(0)} MB:`, JSON.stringify(result.data));
    more = !!result.data?.more;
    if (more && run.invocations === MAX_INVOCATIONS) run.error = `${MAX_INVOCATIONS} 次调用后仍未完成`;
  }
  return run;
}

/** Requests per 1,000 children: flat (or falling) from the small county to the big one when they grow with batches. */
const per1000 = (requests: number, children: number) => (requests / children) * 1000;

type County = { emulator: Emulator; children: number };

/**
 * Each trigger at its own time: the morning on an ordinary day, on a Monday (the children without contact for two
 * weeks) and on the 20th (the talks not yet recorded), the monthly one on the 1st (the talk round and last month's
 * talks left undone).
 */
const MORNING = new Date(`${TERM_END}T07:30:00+08:00`);
/** In time order, as the cloud runs them, so the screens after them see the day's morning run (its kept counts). */
const JOBS: { trigger: string; label: string; at: Date }[] = [
  { trigger: 'morning', label: 'morning (the 20th)', at: new Date('2026-12-20T07:30:00+08:00') },
  { trigger: 'monthly', label: 'monthly (the 1st)', at: new Date('2027-01-01T08:00:00+08:00') },
  { trigger: 'morning', label: 'morning (Monday)', at: new Date('2027-01-04T07:30:00+08:00') },
  { trigger: 'morning', label: 'morning', at: MORNING },
  { trigger: 'quarterHour', label: 'quarterHour', at: NOW },
];

async function jobs(big: County, small: County | null, timeoutS: number): Promise<Row[]> {
  const rows: Row[] = [];
  const only = process.env.BENCH_JOBS?.split(',');
  for (const { trigger: name, label, at } of JOBS.filter((j) => !only || only.includes(j.label))) {
    const a = small ? await trigger(small.emulator, name, at) : null;
    const b = await trigger(big.emulator, name, at);
    const grows = a ? per1000(b.requests, big.children) <= per1000(a.requests, small!.children) * 1.1 + 0.05 : true;
    const ok = !a?.error && !b.error && b.rssMb <= TARGET.rssMb && b.maxMs <= timeoutS * 1000 && grows;
    // A run whose first invocation failed (a time-out) has no figures to show.
    const fig = (r: JobRun | null, show: (r: JobRun) => string) => (!r ? '' : r.invocations ? show(r) : '—');
    const took = (r: JobRun) => `${(r.maxMs / 1000).toFixed(1)} s${r.invocations > 1 ? ` ×${r.invocations}` : ''}`;
    rows.push({
      name: `scheduler · ${label}`,
      cells: [
        [fig(a, (r) => String(r.requests)), fig(b, (r) => String(r.requests))].filter(Boolean).join(' → '),
        '',
        [fig(a, took), fig(b, took)].filter(Boolean).join(' → '),
        '',
        [fig(a, (r) => r.rssMb.toFixed(0)), fig(b, (r) => r.rssMb.toFixed(0))].filter(Boolean).join(' → ') + ' MB',
        [
          a?.invocations && b.invocations
            ? `${per1000(a.requests, small!.children).toFixed(1)} → ${per1000(b.requests, big.children).toFixed(1)} req/1000 children`
            : '',
          a?.error ? `small: ${a.error}` : '',
          b.error ?? '',
        ]
          .filter(Boolean)
          .join('; '),
      ],
      ok,
    });
  }
  return rows;
}

interface Canned {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The SDK's get against the emulator (its own, without the added round trip, holding a class of 60) and against a
 * server replaying the emulator's first answer at once.
 */
async function floorRatio(): Promise<Row> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'care-room-floor-'));
  const emulator = await startEmulator({ dataDir: dir, port: 0, dbLatencyMs: 0 });
  await sdkApp(emulator.url, emulator.credentials)
    .database()
    .collection('children')
    .add(Array.from({ length: 60 }, (_, i) => ({ _id: `floor-${i}`, classId: 'county-class-0001', name: `学生${i}` })));
  let canned: Canned | null = null;
  const floor = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    // The first request goes on to the emulator as it came (its Host is in the signature); its answer is replayed.
    canned ??= await new Promise<Canned>((resolve, reject) => {
      const target = new URL(emulator.url);
      const forward = http.request({ host: target.hostname, port: target.port, path: req.url, method: 'POST', headers: req.headers }, (r) => {
        const body: Buffer[] = [];
        r.on('data', (c: Buffer) => body.push(c));
        r.on('end', () =>
          resolve({
            status: r.statusCode ?? 200,
            headers: { 'content-type': String(r.headers['content-type'] ?? 'application/json') },
            body: Buffer.concat(body),
          }),
        );
      });
      forward.on('error', reject);
      forward.end(Buffer.concat(chunks));
    });
    res.writeHead(canned.status, canned.headers).end(canned.body);
  });
  await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));
  const floorUrl = `http://127.0.0.1:${(floor.address() as { port: number }).port}`;
  const gets = (url: string) => {
    const db = sdkApp(url, emulator.credentials).database();
    return () => db.collection('children').where({ classId: 'county-class-0001' }).limit(1).get();
  };
  const [toFloor, toEmulator] = [gets(floorUrl), gets(emulator.url)];
  const time = async (get: () => Promise<unknown>, n: number) => {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await get();
    return (performance.now() - t0) / n;
  };
  await time(toFloor, 100);
  await time(toEmulator, 100);
  // Rounds taken in turn and the median of each side: a busy moment of the machine falls on both, not on one.
  const floorRounds: number[] = [];
  const emuRounds: number[] = [];
  for (let round = 0; round < 7; round++) {
    floorRounds.push(await time(toFloor, 150));
    emuRounds.push(await time(toEmulator, 150));
  }
  const floorMs = median(floorRounds);
  const emuMs = median(emuRounds);
  floor.close();
  await emulator.stop();
  fs.rmSync(dir, { recursive: true, force: true });
  const ratio = emuMs / floorMs;
  return {
    name: 'SDK get: emulator / canned floor',
    cells: [`${emuMs.toFixed(2)} / ${floorMs.toFixed(2)} ms`, '', '', '', '', `${ratio.toFixed(2)}x`],
    ok: ratio <= TARGET.getRatio,
  };
}

function print(rows: Row[]): void {
  const head = ['screen / job', 'db requests', 'depth', 'p50 ms / job s', 'p95 ms', 'bytes / RSS', 'note', ''];
  const all = [head, ...rows.map((r) => [r.name, ...r.cells, r.ok ? '✓' : '✗'])];
  const widths = head.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const r of all) console.log(r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '));
}

/** BENCH_PART=screens,scheduler,floor runs only those parts of the table (default: all; BENCH_SCREENS: screens only); BENCH_JOBS=morning,… only those job rows. */
function runs(part: 'screens' | 'scheduler' | 'floor'): boolean {
  if (ONLY.length) return part === 'screens';
  const only = process.env.BENCH_PART?.split(',').map((p) => p.trim());
  return !only?.length || only.includes(part);
}

/** Prints the table and the targets; a missed one fails the bench. */
function finish(rows: Row[], timeoutS: number): void {
  print(rows);
  const missed = rows.filter((r) => !r.ok);
  console.log(
    `targets: depth ≤ ${TARGET.depth}, p95 ≤ ${TARGET.p95Ms} ms, payload ≤ ${TARGET.bytes} B; jobs ≤ ${TARGET.rssMb} MB (the function's own process), each invocation ≤ ${timeoutS} s, requests per 1000 children not growing with the county; get ≤ ${TARGET.getRatio}x floor: ${missed.length} missed`,
  );
  if (missed.length) throw new Error(`未达标：${missed.map((r) => r.name).join('；')}`);
}

export async function run(): Promise<void> {
  process.env.TENCENTCLOUD = 'true';
  const dir = path.resolve(process.env.COUNTY_DIR ?? path.join('.data', 'county'));
  const smallDir = path.resolve(process.env.COUNTY_SMALL_DIR ?? path.join('.data', 'county-20k'));
  const timeoutS = (JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'cloudfunctions', 'scheduler', 'config.json'), 'utf8')) as { timeout: number })
    .timeout;
  if (!runs('screens') && !runs('scheduler')) return finish([await floorRatio()], timeoutS); // the floor needs no county
  const big = await openCounty(dir, LATENCY_MS);
  const small = runs('scheduler') && smallDir !== dir && fs.existsSync(smallDir) ? await openCounty(smallDir, LATENCY_MS) : null;
  try {
    console.log(
      `county: ${big.children} children (${dir}), DB_LATENCY_MS=${LATENCY_MS}, calls at ${NOW.toISOString()}${small ? `; jobs also at ${small.children} children` : ''}`,
    );
    // The screens are opened at 18:00, after the day's morning run (the jobs' last daily one): without the jobs,
    // that run is made first, unmeasured.
    const jobRows = runs('scheduler') ? await jobs(big, small, timeoutS) : [];
    if (!runs('scheduler') && runs('screens')) {
      const morning = await trigger(big.emulator, 'morning', MORNING);
      if (morning.error) throw new Error(`早晨的定时任务失败：${morning.error}`);
    }
    const rows = [
      ...(runs('screens') ? await screens(big.emulator, countyScreenIds(big.children)) : []),
      ...jobRows,
      ...(runs('floor') ? [await floorRatio()] : []),
    ];
    finish(rows, timeoutS);
  } finally {
    await small?.close();
    await big.close();
  }
}

if (require.main === module) {
  run().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
