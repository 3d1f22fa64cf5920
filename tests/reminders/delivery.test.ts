/**
 * The outbox and its delivery, through the real SDK into the emulator and the built scheduler bundle fired by the
 * emulator's timer service: idempotency, concurrent runs, retries with backoff, permanent errors, quiet hours,
 * consent counting, field limits.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { LEASE_MS } from '../../cloudfunctions/core/reminders/deliver';
import { configureTemplates, draft, enqueue, fire, idOf, inboxOf, outboxEntry, remaining, sentTo, subscribe, TEMPLATES } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
const MIN = 60000;
const after = (t: Date, minutes: number) => new Date(t.getTime() + minutes * MIN);

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await configureTemplates(env);
}, 60000);
afterAll(() => env.stop());

describe('idempotency', () => {
  test('a reminder enqueued twice, and three times at once, is stored once and sent once', async () => {
    const at = fromBeijing('2027-03-05 18:00');
    const d = draft('p-idem', { at });
    await subscribe(env, 'p-idem', 3);

    expect(await enqueue(env, [d], at)).toEqual({ created: 1, existing: 0 });
    expect(await enqueue(env, [d, { ...d }], at)).toEqual({ created: 0, existing: 2 });
    const others = Array.from({ length: 30 }, (_, i) => draft('p-idem', { at, subject: `call-${i + 10}`, page: `pages/family-calls/index?id=call-${i + 10}` }));
    const runs = await Promise.all([enqueue(env, others, at), enqueue(env, others, at), enqueue(env, others, at)]);
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(30);
    expect(runs.reduce((n, r) => n + r.existing, 0)).toBe(60);

    const db = env.app.database();
    expect((await db.collection('outbox').where({ to: 'p-idem' }).count()).total).toBe(31);
    expect(await inboxOf(env, 'p-idem')).toHaveLength(31);

    // The same delivery run twice: the first sends what the subscriptions allow, the second finds nothing due.
    const first = await fire(env, 'quarterHour', at);
    const second = await fire(env, 'quarterHour', at);
    expect(first.delivery.sent).toBe(3);
    expect(second.delivery.sent).toBe(0);
    const sent = sentTo(env, 'p-idem');
    expect(sent).toHaveLength(3);
    expect(new Set(sent.map((m) => m.page)).size).toBe(3);
    expect(await remaining(env, 'p-idem')).toBe(0);
  });

  test('three delivery runs at once send each of 40 reminders exactly once', async () => {
    const at = fromBeijing('2027-03-06 09:00');
    const users = Array.from({ length: 40 }, (_, i) => `p-conc-${i}`);
    // More than one send left each, so a double send would not be stopped by the subscription count.
    await Promise.all(users.map((u) => subscribe(env, u, 3)));
    await enqueue(
      env,
      users.map((u) => draft(u, { at, role: 'teacher', subject: 'conc' })),
      at,
    );

    const runs = await Promise.all([fire(env, 'quarterHour', at), fire(env, 'quarterHour', at), fire(env, 'quarterHour', at)]);
    expect(runs.reduce((n, r) => n + r.delivery.sent, 0)).toBe(40);
    for (const u of users) expect(sentTo(env, u, true)).toHaveLength(1);
    const entries = (await env.app.database().collection('outbox').where({ subject: 'conc' }).limit(100).get()).data as {
      status: string;
      attempts: number;
    }[];
    expect(entries).toHaveLength(40);
    expect(entries.every((e) => e.status === 'sent' && e.attempts === 1)).toBe(true);
    for (const u of users.slice(0, 5)) expect(await remaining(env, u)).toBe(2);
  });

  test('an entry left in "sending" by a run that died is released after the lease and sent once', async () => {
    const at = fromBeijing('2027-03-07 10:00');
    const d = draft('p-crash', { at, role: 'teacher' });
    await subscribe(env, 'p-crash', 1);
    await enqueue(env, [d], at);
    await env.app.database().collection('outbox').doc(idOf(d)).update({ status: 'sending', claimId: 'dead-run', claimedAt: at });

    const early = await fire(env, 'quarterHour', after(at, 5));
    expect(early.delivery.released).toBe(0);
    expect(sentTo(env, 'p-crash')).toHaveLength(0);

    const late = await fire(env, 'quarterHour', new Date(at.getTime() + LEASE_MS + MIN));
    expect(late.delivery.released).toBe(1);
    expect(sentTo(env, 'p-crash')).toHaveLength(1);
    expect((await outboxEntry(env, idOf(d))).status).toBe('sent');
  });
});

describe('failures', () => {
  test('a busy WeChat is retried after 15 minutes, then an hour; failed sends do not use up the subscription', async () => {
    const t0 = fromBeijing('2027-04-01 10:00');
    const d = draft('p-retry', { at: t0, role: 'teacher' });
    await subscribe(env, 'p-retry', 1);
    env.emulator.wx.setFailures('p-retry', [-1, 45009, 0]);
    await enqueue(env, [d], t0);

    await fire(env, 'quarterHour', t0);
    let e = await outboxEntry(env, idOf(d));
    expect(e).toMatchObject({ status: 'pending', attempts: 1, lastErrcode: -1, dueAt: after(t0, 15) });
    expect(await remaining(env, 'p-retry')).toBe(1);

    await fire(env, 'quarterHour', after(t0, 10));
    expect(sentTo(env, 'p-retry', true)).toHaveLength(1);

    await fire(env, 'quarterHour', after(t0, 15));
    e = await outboxEntry(env, idOf(d));
    expect(e).toMatchObject({ status: 'pending', attempts: 2, lastErrcode: 45009, dueAt: after(t0, 75) });

    await fire(env, 'quarterHour', after(t0, 60));
    expect(sentTo(env, 'p-retry', true)).toHaveLength(2);

    await fire(env, 'quarterHour', after(t0, 75));
    e = await outboxEntry(env, idOf(d));
    expect(e).toMatchObject({ status: 'sent', attempts: 3, lastErrcode: 0, sentAt: after(t0, 75) });
    expect(sentTo(env, 'p-retry', true).map((m) => m.errcode)).toEqual([-1, 45009, 0]);
    expect(await remaining(env, 'p-retry')).toBe(0);
  });

  test('retries are bounded: after 4 attempts the entry fails with the last errcode and is not tried again', async () => {
    const t0 = fromBeijing('2027-04-02 10:00');
    const d = draft('p-down', { at: t0, role: 'teacher' });
    await subscribe(env, 'p-down', 1);
    env.emulator.wx.setFailures('p-down', [-1]);
    await enqueue(env, [d], t0);
    for (const m of [0, 15, 75, 315]) await fire(env, 'quarterHour', after(t0, m));
    const e = await outboxEntry(env, idOf(d));
    expect(e).toMatchObject({ status: 'failed', attempts: 4, lastErrcode: -1 });
    await fire(env, 'quarterHour', after(t0, 3 * 24 * 60));
    expect(sentTo(env, 'p-down', true)).toHaveLength(4);
    expect(await remaining(env, 'p-down')).toBe(1);
    env.emulator.wx.setFailures('p-down', []);
  });

  test.each([
    [43101, 0],
    [40037, 2],
    [47003, 2],
  ])('errcode %d is permanent: failed at once, no retry (subscriptions left: %d)', async (errcode, left) => {
    const t0 = fromBeijing('2027-04-03 10:00');
    const user = `p-perm-${errcode}`;
    const d = draft(user, { at: t0, role: 'teacher' });
    await subscribe(env, user, 2);
    env.emulator.wx.setFailures(user, [errcode]);
    await enqueue(env, [d], t0);
    const run = await fire(env, 'quarterHour', t0);
    expect(run.delivery.failed).toBeGreaterThanOrEqual(1);
    for (const m of [15, 75, 24 * 60]) await fire(env, 'quarterHour', after(t0, m));
    expect(await outboxEntry(env, idOf(d))).toMatchObject({ status: 'failed', attempts: 1, lastErrcode: errcode });
    expect(sentTo(env, user, true)).toHaveLength(1);
    expect(await remaining(env, user)).toBe(left);

    const admin = await env.api('demo-admin', 'reminders.outbox', { schoolId: 'demo-school', status: 'failed' });
    expect(admin.ok).toBe(true);
  });
});

describe('quiet hours', () => {
  test("a parent's reminder at 22:30 waits until 07:00 Beijing time; the inbox has it at once; a teacher's goes now", async () => {
    const t0 = fromBeijing('2027-05-10 22:30');
    await subscribe(env, 'p-night', 1);
    await subscribe(env, 't-night', 1);
    const parent = draft('p-night', { at: t0, role: 'parent' });
    const teacher = draft('t-night', { at: t0, role: 'teacher' });
    await enqueue(env, [parent, teacher], t0);

    const run = await fire(env, 'quarterHour', t0);
    expect(run.delivery.deferred).toBeGreaterThanOrEqual(1);
    expect(sentTo(env, 't-night')).toHaveLength(1);
    expect(sentTo(env, 'p-night', true)).toHaveLength(0);
    expect(await outboxEntry(env, idOf(parent))).toMatchObject({ status: 'pending', deferredUntil: fromBeijing('2027-05-11 07:00') });

    const inbox = await env.api('p-night', 'inbox.list', {}, after(t0, 1));
    expect(inbox).toMatchObject({ ok: true, data: { unread: 1, items: [{ title: '亲情视频提醒', read: false }] } });
    const mine = await env.api('p-night', 'reminders.mine', {}, after(t0, 1));
    expect(mine.ok && mine.data.recent[0]).toMatchObject({ status: 'deferred', statusLabel: expect.stringContaining('免打扰') });

    for (const at of ['2027-05-10 23:45', '2027-05-11 03:00', '2027-05-11 06:45']) await fire(env, 'quarterHour', fromBeijing(at));
    expect(sentTo(env, 'p-night', true)).toHaveLength(0);
    await fire(env, 'quarterHour', fromBeijing('2027-05-11 07:00'));
    expect(sentTo(env, 'p-night')).toHaveLength(1);
    expect(await outboxEntry(env, idOf(parent))).toMatchObject({ status: 'sent', sentAt: fromBeijing('2027-05-11 07:00') });
  });

  test('quiet hours are configurable per role', async () => {
    await configureTemplates(env, { quietHours: { teacher: { start: '12:00', end: '14:00' }, parent: null } });
    try {
      const t0 = fromBeijing('2027-05-12 12:30');
      await subscribe(env, 't-noon', 1);
      await subscribe(env, 'p-noquiet', 1);
      const teacher = draft('t-noon', { at: t0, role: 'teacher' });
      const parent = draft('p-noquiet', { at: fromBeijing('2027-05-12 23:00'), role: 'parent' });
      await enqueue(env, [teacher, parent], t0);
      await fire(env, 'quarterHour', t0);
      expect(sentTo(env, 't-noon')).toHaveLength(0);
      await fire(env, 'quarterHour', fromBeijing('2027-05-12 14:00'));
      expect(sentTo(env, 't-noon')).toHaveLength(1);
      await fire(env, 'quarterHour', fromBeijing('2027-05-12 23:00'));
      expect(sentTo(env, 'p-noquiet')).toHaveLength(1);
    } finally {
      await configureTemplates(env, { quietHours: { teacher: null, parent: { start: '22:00', end: '07:00' } } });
    }
  });
});

describe('consent', () => {
  test('without a subscription nothing is sent, but the inbox has the reminder; each accept allows exactly one', async () => {
    const t0 = fromBeijing('2027-06-01 09:00');
    const first = draft('p-nosub', { at: t0, occurrence: 'first' });
    await enqueue(env, [first], t0);
    const run = await fire(env, 'quarterHour', t0);
    expect(run.delivery.skipped).toBeGreaterThanOrEqual(1);
    expect(sentTo(env, 'p-nosub', true)).toHaveLength(0);
    expect(await outboxEntry(env, idOf(first))).toMatchObject({ status: 'skipped', skipReason: 'no_subscription' });
    const inbox = await inboxOf(env, 'p-nosub');
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ title: '亲情视频提醒', readAt: null });

    await subscribe(env, 'p-nosub', 1);
    const t1 = after(t0, 60);
    await enqueue(env, [draft('p-nosub', { at: t1, occurrence: 'second' }), draft('p-nosub', { at: t1, occurrence: 'third' })], t1);
    await fire(env, 'quarterHour', t1);
    expect(sentTo(env, 'p-nosub')).toHaveLength(1);
    const statuses = ((await env.app.database().collection('outbox').where({ to: 'p-nosub' }).get()).data as { status: string }[]).map((e) => e.status).sort();
    expect(statuses).toEqual(['sent', 'skipped', 'skipped']);
    expect(await inboxOf(env, 'p-nosub')).toHaveLength(3);
  });

  test('"ban" stops messages even with sends left; accepting again resumes', async () => {
    const t0 = fromBeijing('2027-06-02 09:00');
    await subscribe(env, 'p-ban', 2);
    const ban = await env.api('p-ban', 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'ban' } });
    expect(ban.ok && ban.data.templates.find((t) => t.key === 'schedule')).toMatchObject({ banned: true, remaining: 0 });
    await enqueue(env, [draft('p-ban', { at: t0 })], t0);
    await fire(env, 'quarterHour', t0);
    expect(sentTo(env, 'p-ban', true)).toHaveLength(0);

    await subscribe(env, 'p-ban', 1);
    await enqueue(env, [draft('p-ban', { at: t0, occurrence: 'again' })], t0);
    await fire(env, 'quarterHour', t0);
    expect(sentTo(env, 'p-ban')).toHaveLength(1);
  });

  test('a template this deployment has not configured: inbox only', async () => {
    const t0 = fromBeijing('2027-06-03 09:00');
    const d = draft('s-bday', {
      at: t0,
      role: 'student',
      template: 'birthday',
      kind: 'birthday.today',
      fields: { name: '林小禾', date: '2027-06-03' },
    });
    await enqueue(env, [d], t0);
    await fire(env, 'quarterHour', t0);
    expect(await outboxEntry(env, idOf(d))).toMatchObject({ status: 'skipped', skipReason: 'no_template' });
    expect(await inboxOf(env, 's-bday')).toHaveLength(1);
    expect(sentTo(env, 's-bday', true)).toHaveLength(0);
  });

  test('a long-term template needs one acceptance for every message', async () => {
    await configureTemplates(env, { templates: { ...TEMPLATES, notice: { ...TEMPLATES.notice, longTerm: true } } });
    try {
      const t0 = fromBeijing('2027-06-04 09:00');
      await subscribe(env, 't-long', 1, TEMPLATES.notice.id);
      const notices = [1, 2, 3].map((n) =>
        draft('t-long', {
          at: t0,
          role: 'teacher',
          template: 'notice',
          kind: 'notice.test',
          occurrence: String(n),
          fields: { title: '通知', note: '说明', count: String(n) },
        }),
      );
      await enqueue(env, notices, t0);
      await fire(env, 'quarterHour', t0);
      expect(sentTo(env, 't-long')).toHaveLength(3);
    } finally {
      await configureTemplates(env);
    }
  });
});

test('what WeChat receives: the template id, values cut to its limits, and the page to open', async () => {
  const t0 = fromBeijing('2027-06-05 09:00');
  await subscribe(env, 'p-fit', 1);
  // The message's title is the reminder's own title (the inbox shows the same): a title in `fields` is not used.
  const d = draft('p-fit', {
    at: t0,
    page: 'pages/family-calls/index?id=call-77',
    title: '三年级(1)班林小禾同学与在广东务工的妈妈亲情视频通话',
    fields: { title: '今日亲情视频', time: fromBeijing('2027-06-05 19:30'), child: 'Lin 林小禾(三年级一班)', note: '' },
  });
  await enqueue(env, [d], t0);
  await fire(env, 'quarterHour', t0);
  const [message] = sentTo(env, 'p-fit');
  expect(message.templateId).toBe(TEMPLATES.schedule.id);
  expect(message.page).toBe('pages/family-calls/index?id=call-77');
  expect(message.data).toEqual({
    thing1: { value: '三年级(1)班林小禾同学与在广东务工的…' },
    time2: { value: '2027年6月5日 19:30' },
    name3: { value: '林小禾三年级一班' },
    thing4: { value: '-' },
  });
  expect(Array.from(message.data.thing1.value)).toHaveLength(20);
});

test('the scheduler refuses a call that carries a user identity', async () => {
  const { result } = await env.callFunction<{ ok: boolean; error: { code: string } }>(
    'scheduler',
    { Type: 'Timer', TriggerName: 'quarterHour' },
    { openid: 'demo-parent' },
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  const { result: unknown } = await env.callFunction<{ ok: boolean; error: { code: string } }>('scheduler', { TriggerName: 'toString' });
  expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
});
