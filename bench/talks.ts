/**
 * Talk-area benchmark: the monthly talk round of a 60-child class (45 left behind) with four months of talk cards
 * entered through talks.record (follow-ups, agreed actions, a concern or two), in one call of the `api` function: the
 * class teacher's list (talks.month) and their own list (talks.mine), and one child's talk file (talks.child). Prints,
 * per screen, the database round trips of the invocation, the longest chain of them (depth), the bytes the page
 * receives, and the time (median and worst of the warm calls, and the first).
 * Run: npm run build && npx tsx bench/run.ts talks   (bench/run.ts lists this module).
 */
import { startEmulator, type TestEmulator } from '../tests/helpers/emulator';
import { CLASS_60, TEACHER_60, seedSixtyChildClass } from '../tests/archive/fixtures';
import { beijing, fromBeijing } from '../cloudfunctions/core/time';

const WARM_CALLS = 20;
const NOW = fromBeijing('2027-03-25 10:00');

async function measure(env: TestEmulator, label: string, action: string, input: Record<string, unknown>): Promise<void> {
  const times: number[] = [];
  let requests = 0;
  let depth = 0;
  let bytes = 0;
  let first = 0;
  for (let i = 0; i <= WARM_CALLS; i++) {
    const inv = await env.emulator.functions.invoke('api', { action, input }, { openid: TEACHER_60, now: NOW });
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
    `${label.padEnd(30)} ${String(requests).padStart(3)} db round trips, depth ${depth}  ${(bytes / 1024).toFixed(1).padStart(6)} KB  ` +
      `median ${times[Math.floor(times.length / 2)].toFixed(0)} ms, worst ${times[times.length - 1].toFixed(0)} ms, first ${first.toFixed(0)} ms (${WARM_CALLS} warm calls)`,
  );
}

/** Four months of cards for every left-behind child, as the class teacher enters them (the last month's actions followed up). */
async function seedTalks(env: TestEmulator): Promise<number> {
  const created = fromBeijing('2026-09-01 08:00');
  await env.app.database().collection('children').where({ classId: CLASS_60 }).update({ createdAt: created });
  let cards = 0;
  const open = new Map<string, { talkId: string; actionId: string }[]>();
  for (const month of ['2026-12', '2027-01', '2027-02', '2027-03']) {
    for (let i = 0; i < 45; i++) {
      const childId = `c60-${i}`;
      const date = `${month}-${String(5 + (i % 20)).padStart(2, '0')}`;
      if (month === '2027-03' && i % 3 === 0) continue; // a third of this month's talks still to do
      const at = fromBeijing(`${date} 16:00`);
      const followUps = (open.get(childId) ?? []).map((f) => ({ ...f, status: 'done' }));
      const input = {
        childId,
        date,
        place: '关爱室',
        talkerRole: 'class_teacher',
        mood: 1 + (i % 5),
        topics: ['study', 'family', 'friends'].slice(0, 1 + (i % 3)),
        childSaid: '这个月学习挺好的，想爸爸妈妈，周末帮奶奶做家务，和同学一起踢球。'.repeat(2),
        concerns: i % 15 === 0 ? ['psychological'] : [],
        concernNote: i % 15 === 0 ? '晚上常常睡不着' : null,
        actions: [{ text: '每天读书二十分钟', owner: '孩子', dueDate: beijing(at).add(20, 'day').format('YYYY-MM-DD') }],
        followUps,
        familySummary: i % 2 ? '孩子这个月表现不错。' : null,
      };
      const inv = await env.emulator.functions.invoke('api', { action: 'talks.record', input }, { openid: TEACHER_60, now: at });
      const res = inv.result as { ok: boolean; data?: { talk: { id: string; actions: { id: string }[] } }; error?: { message: string } };
      if (!res.ok) throw new Error(`talks.record: ${res.error?.message}`);
      open.set(
        childId,
        res.data!.talk.actions.map((a) => ({ talkId: res.data!.talk.id, actionId: a.id })),
      );
      cards++;
    }
  }
  return cards;
}

export async function run(): Promise<void> {
  process.env.TENCENTCLOUD = 'true';
  const env = await startEmulator({ seedDemo: true });
  try {
    await seedSixtyChildClass(env);
    const t0 = performance.now();
    const cards = await seedTalks(env);
    console.log(`seeded ${cards} talk cards through talks.record in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await measure(env, 'round of a class of 60', 'talks.month', { classId: CLASS_60 });
    await measure(env, "the teacher's own round, 60", 'talks.mine', {});
    await measure(env, 'a past month of the class', 'talks.month', { classId: CLASS_60, month: '2027-01' });
    await measure(env, "one child's talk file", 'talks.child', { childId: 'c60-1' });
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
