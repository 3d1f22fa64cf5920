/**
 * A timer trigger delivered twice, or twice at once (CloudBase promises at-least-once), for every scheduler job:
 * the same reminders, sent once each, whatever the number of runs.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { faultLog } from './helpers';

jest.setTimeout(120_000);

const log = faultLog('fault suite: timer triggers delivered twice and at once');
let env: TestEmulator;
const NOW = fromBeijing('2027-03-01 08:00');

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, NOW);
  // a second visit to the page that asks for subscriptions: more sends left for the demo family and teacher
  for (const openid of [DEMO.parent, DEMO.guardian])
    for (let i = 0; i < 5; i++) await env.api(openid, 'reminders.subscribe', { results: { DEMO_TPL_SCHEDULE: 'accept' } }, NOW);
}, 120_000);
afterAll(() => env.stop());

async function effects() {
  const db = env.app.database();
  const outbox = (await db.collection('outbox').limit(1000).get()).data as { _id: string; status: string }[];
  const inbox = (await db.collection('inbox').count()).total;
  const messages = env.emulator.wx.messages({ includeFailed: true });
  return { outbox: outbox.length, sent: outbox.filter((e) => e.status === 'sent').length, inbox, messages };
}

async function run(trigger: string, at: Date) {
  const inv = await env.emulator.timers.fire('scheduler', trigger, at);
  const result = inv.result as { ok: boolean; data?: { sources?: Record<string, { created: number }>; delivery?: { sent: number } } };
  expect(result).toMatchObject({ ok: true });
  return result.data!;
}

const JOBS: { trigger: string; at: Date; what: string }[] = [
  { trigger: 'quarterHour', at: fromBeijing('2027-03-02 19:00'), what: 'the evening-before reminders of Wednesday’s call' },
  { trigger: 'morning', at: fromBeijing('2027-03-03 07:30'), what: "the teacher's agenda, then tidying up" },
  { trigger: 'monthly', at: fromBeijing('2027-04-01 08:00'), what: 'the monthly talk round' },
];

test.each(JOBS)('$trigger ($what): fired twice at once, then again, the effects of one run', async ({ trigger, at }) => {
  const before = await effects();
  const [a, b] = await Promise.all([run(trigger, at), run(trigger, at)]);
  const created = (r: typeof a) => Object.values(r.sources ?? {}).reduce((n, s) => n + s.created, 0);
  const after = await effects();
  expect(after.outbox).toBe(before.outbox + created(a) + created(b));
  // and the same trigger delivered once more changes nothing
  await run(trigger, at);
  const again = await effects();
  expect({ outbox: again.outbox, sent: again.sent, inbox: again.inbox, messages: again.messages.length }).toEqual({
    outbox: after.outbox,
    sent: after.sent,
    inbox: after.inbox,
    messages: after.messages.length,
  });
  // every message WeChat accepted is one outbox entry sent: none twice
  const accepted = again.messages.filter((m) => m.errcode === 0);
  const keys = accepted.map((m) => `${m.touser}|${m.page}|${JSON.stringify(m.data)}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(accepted.length).toBe(again.sent);
  log.checked(
    `${trigger} at ${at.toISOString()}: two runs at once created ${created(a)} + ${created(b)} reminders (sent ${(a.delivery?.sent ?? 0) + (b.delivery?.sent ?? 0)}), a third run none; ${accepted.length} messages, none twice`,
  );
  if (trigger !== 'monthly') expect(created(a) + created(b)).toBeGreaterThan(0);
});
