/**
 * WeChat failing: error codes are retried with backoff and the message goes out once; a send that gets no answer
 * in time (WeChat slower than the SDK waits, or than the function may run) is never repeated.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { seedDemo } from '../../scripts/demo-data';
import tcb from '@cloudbase/node-sdk';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { deliverDue, OUTCOME_UNKNOWN } from '../../cloudfunctions/core/reminders/deliver';
import { loadConfig } from '../../cloudfunctions/core/reminders/config';
import { draft, enqueue, fire, idOf, outboxEntry, sentTo, subscribe, TEMPLATES } from '../reminders/helpers';
import { faultLog } from './helpers';

jest.setTimeout(120_000);

const log = faultLog('fault suite: WeChat send failures and time-outs');
let env: TestEmulator;
const NOW = fromBeijing('2027-03-01 10:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

beforeAll(async () => {
  env = await startEmulator();
  await seedDemo(env.app);
  const res = await env.api('demo-admin', 'reminders.configure', { templates: { ...TEMPLATES, schedule: { ...TEMPLATES.schedule, longTerm: true } } } as never);
  if (!res.ok) throw new Error(res.error.message);
});
afterAll(() => env.stop());

test('error codes: busy (-1), rate-limited (45009) then accepted: retried with backoff, delivered once', async () => {
  await subscribe(env, 'wx-busy');
  env.emulator.wx.setFailures('wx-busy', [-1, 45009, 0]);
  const d = draft('wx-busy', { subject: 'busy-1', at: NOW });
  await enqueue(env, [d], NOW);
  for (const minutes of [0, 15, 30, 45, 60, 75, 90]) await fire(env, 'quarterHour', later(minutes));
  expect(sentTo(env, 'wx-busy', true).map((m) => m.errcode)).toEqual([-1, 45009, 0]);
  expect(sentTo(env, 'wx-busy')).toHaveLength(1);
  expect(await outboxEntry(env, idOf(d))).toMatchObject({ status: 'sent', attempts: 3 });
  log.checked('errcodes -1 and 45009 retried with backoff; accepted on the third attempt; one message');
});

test('a permanent error (43101: the user has no subscription left) is not retried', async () => {
  await subscribe(env, 'wx-refused');
  env.emulator.wx.setFailures('wx-refused', [43101]);
  const d = draft('wx-refused', { subject: 'refused-1', at: NOW });
  await enqueue(env, [d], NOW);
  for (const minutes of [0, 15, 30]) await fire(env, 'quarterHour', later(minutes));
  expect(sentTo(env, 'wx-refused', true)).toHaveLength(1);
  expect(await outboxEntry(env, idOf(d))).toMatchObject({ status: 'failed', lastErrcode: 43101 });
  log.checked('errcode 43101 closed as failed after one attempt');
});

test('WeChat answering slower than the SDK waits: the outcome is unknown, and the message is never sent again', async () => {
  await subscribe(env, 'wx-slow');
  env.emulator.wx.setDelay('wx-slow', 3000);
  const d = draft('wx-slow', { subject: 'slow-1', at: NOW });
  await enqueue(env, [d], NOW);
  // the scheduler's own delivery, with an SDK that waits one second for an answer
  const impatient = tcb.init({ env: 'care-room-local', serviceUrl: `${env.url}/admin`, ...env.emulator.credentials, timeout: 1000 });
  const db = env.app.database();
  const stats = await deliverDue(db, impatient, later(0), () => loadConfig(db));
  expect(stats).toMatchObject({ sent: 0, failed: 1 });
  expect(await outboxEntry(env, idOf(d))).toMatchObject({ status: 'failed', lastErrcode: OUTCOME_UNKNOWN, lastError: expect.stringContaining('不再重发') });
  env.emulator.wx.setDelay('wx-slow', 0);
  for (const minutes of [15, 30, 45]) await fire(env, 'quarterHour', later(minutes));
  await new Promise((r) => setTimeout(r, 2500)); // the slow answer arrives meanwhile
  expect(sentTo(env, 'wx-slow', true)).toHaveLength(1);
  log.checked('a send whose answer came after the SDK stopped waiting: closed as unknown, 1 message, not repeated by 3 later runs');
});

test('a run cut off mid-send (past the function time-out) leaves its sends unrepeated and its unsent entries to the next run', async () => {
  await subscribe(env, 'wx-cut');
  const sent = Array.from({ length: 3 }, (_, i) => draft('wx-cut', { subject: `cut-${i}`, at: NOW, page: `p?cut=${i}` }));
  await enqueue(env, sent, NOW);
  const db = env.app.database();
  // what a run that died leaves: claimed entries, one of them begun
  const claimed = { status: 'sending', claimId: 'dead-run', claimedAt: later(0) };
  await db
    .collection('outbox')
    .doc(idOf(sent[0]))
    .update({ ...claimed, attemptedAt: later(0) });
  await db.collection('outbox').doc(idOf(sent[1])).update(claimed);
  await db.collection('outbox').doc(idOf(sent[2])).update(claimed);
  // within the lease a live run is not overtaken; after it, the next run sorts them out
  await fire(env, 'quarterHour', later(5));
  expect((await outboxEntry(env, idOf(sent[1]))).status).toBe('sending');
  await fire(env, 'quarterHour', later(15));
  expect(await outboxEntry(env, idOf(sent[0]))).toMatchObject({ status: 'failed', lastErrcode: OUTCOME_UNKNOWN });
  expect((await outboxEntry(env, idOf(sent[1]))).status).toBe('sent');
  expect((await outboxEntry(env, idOf(sent[2]))).status).toBe('sent');
  expect(sentTo(env, 'wx-cut').map((m) => m.page)).toEqual(['p?cut=1', 'p?cut=2']);
  log.checked('after the lease: the begun send closed as unknown (not repeated), the two never begun delivered once each');
});
