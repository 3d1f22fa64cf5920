/**
 * The reminder actions of the api function, as the mini-program calls them: the inbox is always the caller's own,
 * consent reports count, settings are the admin's, bad input writes nothing.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { configureTemplates, draft, enqueue, idOf, inboxOf, remaining, subscribe, TEMPLATES } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
const T = fromBeijing('2027-03-10 09:00');

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  await configureTemplates(env);
}, 60000);
afterAll(() => env.stop());

describe('inbox', () => {
  beforeAll(async () => {
    // 25 reminders at the same instant (like a talk round), 2 later ones, one not due yet, one for someone else.
    const same = Array.from({ length: 25 }, (_, i) => draft('inbox-user', { at: T, occurrence: `same-${i}`, title: `提醒${i}` }));
    await enqueue(
      env,
      [
        ...same,
        draft('inbox-user', { at: fromBeijing('2027-03-10 10:00'), occurrence: 'later-1', title: '稍后1' }),
        draft('inbox-user', { at: fromBeijing('2027-03-10 11:00'), occurrence: 'later-2', title: '稍后2' }),
      ],
      T,
    );
    await enqueue(
      env,
      [draft('inbox-user', { at: fromBeijing('2027-03-20 09:00'), occurrence: 'future', title: '将来' }), draft('someone-else', { at: T, title: '别人的' })],
      T,
    );
  });

  test('lists my due messages newest first, pages through equal times without gaps or repeats', async () => {
    const now = fromBeijing('2027-03-10 12:00');
    const seen: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const res = await env.api('inbox-user', 'inbox.list', after ? { limit: 10, after } : { limit: 10 }, now);
      if (!res.ok) throw new Error(res.error.message);
      expect(res.data.unread).toBe(27);
      seen.push(...res.data.items.map((i) => i.title));
      pages++;
      if (!res.data.next) break;
      after = res.data.next;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(27);
    expect(new Set(seen).size).toBe(27);
    expect(seen.slice(0, 2)).toEqual(['稍后2', '稍后1']);
    expect(seen).not.toContain('将来');
    expect(seen).not.toContain('别人的');
  });

  test('a message enqueued ahead of time appears when it falls due', async () => {
    const res = await env.api('inbox-user', 'inbox.list', { limit: 1 }, fromBeijing('2027-03-20 09:00'));
    expect(res).toMatchObject({
      ok: true,
      data: { items: [{ title: '将来', read: false, page: 'pages/family-calls/index?id=call-1' }], unread: 28 },
    });
  });

  test('marking read: my own messages only; all at once', async () => {
    const now = fromBeijing('2027-03-10 12:00');
    const mine = draft('inbox-user', { at: T, occurrence: 'same-0', title: '提醒0' });
    const theirs = draft('someone-else', { at: T, title: '别人的' });
    const r1 = await env.api('inbox-user', 'inbox.read', { ids: [idOf(mine), idOf(theirs)] }, now);
    expect(r1).toEqual({ ok: true, data: { marked: 1, unread: 26 } });
    expect((await inboxOf(env, 'someone-else'))[0].readAt).toBeNull();
    const list = await env.api('inbox-user', 'inbox.list', { unreadOnly: true, limit: 50 }, now);
    expect(list.ok && list.data.items.map((i) => i.title)).not.toContain('提醒0');

    const r2 = await env.api('inbox-user', 'inbox.read', { all: true }, now);
    expect(r2).toEqual({ ok: true, data: { marked: 26, unread: 0 } });
    // The future message was not marked: it was not visible yet.
    const later = await env.api('inbox-user', 'inbox.list', { unreadOnly: true }, fromBeijing('2027-03-21 09:00'));
    expect(later.ok && later.data.items.map((i) => i.title)).toEqual(['将来']);
  });

  test.each([
    [{ ids: [] }, '请至少选择一条消息'],
    [{ all: false }, '请指定要标为已读的消息'],
    [{ ids: ['bad id!'] }, '格式不正确'],
    [{ ids: ['x'], openid: 'someone-else' }, '不支持的字段：openid'],
    [{ all: true, openid: 'someone-else' }, '不支持的字段：openid'],
    ['all', '请指定要标为已读的消息'],
  ])('inbox.read refuses %j with a Chinese message and writes nothing', async (input, message) => {
    const res = await env.api('someone-else', 'inbox.read', input as never, fromBeijing('2027-03-10 12:00'));
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining(message) } });
    expect((await inboxOf(env, 'someone-else'))[0].readAt).toBeNull();
  });

  test('inbox.list refuses a forged cursor and a huge page', async () => {
    expect(await env.api('inbox-user', 'inbox.list', { after: 'nonsense' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '分页位置格式不正确' },
    });
    expect(await env.api('inbox-user', 'inbox.list', { limit: 500 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('每页最多 50 条') },
    });
  });
});

describe('subscriptions', () => {
  test('each accept is one more send; reject changes nothing; the page sees the count', async () => {
    await subscribe(env, 'demo-parent', 2);
    const reject = await env.api('demo-parent', 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'reject' } });
    expect(reject.ok).toBe(true);
    const mine = await env.api('demo-parent', 'reminders.mine', {});
    if (!mine.ok) throw new Error(mine.error.message);
    // A parent is offered the schedule and birthday templates, not the teachers' work notices.
    expect(mine.data.templates.map((t) => t.key)).toEqual(['schedule', 'birthday']);
    expect(mine.data.templates[0]).toMatchObject({ templateId: TEMPLATES.schedule.id, remaining: 2, longTerm: false, banned: false });
    expect(mine.data.templates[1]).toMatchObject({ templateId: null, remaining: 0 });
    expect(mine.data.quietHours).toEqual([{ role: 'parent', start: '22:00', end: '07:00' }]);
  });

  test('two reports at once both count', async () => {
    await Promise.all([subscribe(env, 'race-user', 1), subscribe(env, 'race-user', 1), subscribe(env, 'race-user', 1)]);
    expect(await remaining(env, 'race-user')).toBe(3);
  });

  test('an unknown template id is refused and nothing is recorded, not even the known one next to it', async () => {
    const res = await env.api('fresh-user', 'reminders.subscribe', {
      results: { [TEMPLATES.schedule.id]: 'accept', FORGED_TEMPLATE: 'accept' },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '不是本小程序的订阅消息模板' } });
    expect(await remaining(env, 'fresh-user')).toBeUndefined();
    const bad = await env.api('fresh-user', 'reminders.subscribe', { results: { [TEMPLATES.schedule.id]: 'maybe' } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('订阅结果只能是') } });
  });

  test('a new template id starts the count afresh', async () => {
    await subscribe(env, 'switch-user', 2);
    await configureTemplates(env, { templates: { ...TEMPLATES, schedule: { ...TEMPLATES.schedule, id: 'TPL_SCHEDULE_V2' } } });
    try {
      const mine = await env.api('switch-user', 'reminders.mine', {});
      expect(mine.ok && mine.data.templates.find((t) => t.key === 'schedule')).toMatchObject({
        templateId: 'TPL_SCHEDULE_V2',
        remaining: 0,
      });
      await subscribe(env, 'switch-user', 1, 'TPL_SCHEDULE_V2');
      expect(await remaining(env, 'switch-user')).toBe(1);
    } finally {
      await configureTemplates(env);
    }
  });
});

describe('settings and the delivery log', () => {
  test('only an admin configures; a bad mapping is refused in Chinese and nothing changes', async () => {
    const teacher = await env.api('demo-teacher', 'reminders.configure', { templates: TEMPLATES });
    expect(teacher).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const bad = await env.api('demo-admin', 'reminders.configure', { templates: { schedule: { id: 'NEW', fields: { thing1: 'bogus' } } } });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('没有字段 bogus') } });
    const badKey = await env.api('demo-admin', 'reminders.configure', { quietHours: { parent: { start: '22:00', end: '7点' } } });
    expect(badKey).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('HH:mm') } });
    const mine = await env.api('demo-parent', 'reminders.mine', {});
    expect(mine.ok && mine.data.templates[0].templateId).toBe(TEMPLATES.schedule.id);
  });

  test('the settings in force are read without writing anything; only an admin reads them', async () => {
    const before = (await env.app.database().collection('settings').doc('reminders').get()).data[0];
    const read = await env.api('demo-admin', 'reminders.settings', {});
    if (!read.ok) throw new Error(read.error.message);
    expect(read.data.templates.find((t) => t.key === 'schedule')?.setting).toMatchObject({ id: TEMPLATES.schedule.id });
    expect(read.data.quietHours.parent).toEqual({ start: '22:00', end: '07:00' });
    expect((await env.app.database().collection('settings').doc('reminders').get()).data[0]).toEqual(before);
    expect(await env.api('demo-teacher', 'reminders.settings', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('the delivery log: an admin sees their school only', async () => {
    await enqueue(
      env,
      [draft('demo-parent', { at: T, occurrence: 'log', schoolId: 'demo-school' }), draft('x', { at: T, occurrence: 'log', schoolId: OTHER.schoolId })],
      T,
    );
    const mine = await env.api('demo-admin', 'reminders.outbox', { schoolId: 'demo-school' });
    if (!mine.ok) throw new Error(mine.error.message);
    expect(mine.data.entries.length).toBeGreaterThan(0);
    expect(mine.data.entries.every((e) => e.kind && e.status)).toBe(true);
    expect(mine.data.entries.map((e) => e.to)).not.toContain('x');
    expect(await env.api('demo-admin', 'reminders.outbox', { schoolId: OTHER.schoolId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await env.api('demo-teacher', 'reminders.outbox', { schoolId: 'demo-school' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
