/**
 * Archive benchmark: the class roster (花名册) of a 60-child class and the child detail screen, each one call of the
 * `api` function in the emulator. Prints, per screen, the database round trips of the invocation, the bytes of the
 * answer the page receives, and the time (median and worst of the warm calls, plus the first call).
 * Run: npm run build && npx tsx bench/run.ts archive   (bench/run.ts lists this module).
 */
import { startEmulator, type TestEmulator } from '../tests/helpers/emulator';
import { CLASS_60, TEACHER_60, seedSixtyChildClass } from '../tests/archive/fixtures';

const WARM_CALLS = 20;

async function measure(env: TestEmulator, label: string, openid: string, action: string, input: Record<string, unknown>): Promise<void> {
  const times: number[] = [];
  let requests = 0;
  let bytes = 0;
  let first = 0;
  for (let i = 0; i <= WARM_CALLS; i++) {
    const t0 = performance.now();
    const { result, dbRequests } = await env.callFunction<{ ok: boolean; error?: { message: string } }>('api', { action, input }, { openid });
    const ms = performance.now() - t0;
    if (!result.ok) throw new Error(`${action}: ${result.error?.message}`);
    if (i === 0) first = ms;
    else times.push(ms);
    requests = dbRequests;
    bytes = Buffer.byteLength(JSON.stringify(result));
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(
    `${label.padEnd(28)} ${String(requests).padStart(3)} db round trips  ${(bytes / 1024).toFixed(1).padStart(6)} KB  ` +
      `median ${median.toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms, first ${first.toFixed(0)} ms (${WARM_CALLS} warm calls)`,
  );
}

export async function run(): Promise<void> {
  // Off-cloud the SDK probes the Tencent Cloud metadata address before every request unless told it runs on the
  // platform (see bench/database.ts); the functions run in this process, so this keeps that probe out of the figures.
  process.env.TENCENTCLOUD = 'true';
  const env = await startEmulator({ seedDemo: true });
  try {
    await seedSixtyChildClass(env);
    await measure(env, 'roster, 60 children', TEACHER_60, 'archive.roster', { classId: CLASS_60 });
    await measure(env, 'child detail (with card)', TEACHER_60, 'children.get', { childId: 'c60-0' });
    await measure(env, 'information round, 60', TEACHER_60, 'contactCards.round', { classId: CLASS_60 });
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
