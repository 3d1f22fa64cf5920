/**
 * A one-time subscription (一次性订阅) lets WeChat carry one message, so it is kept for the reminders that matter
 * most: the teacher's morning agenda goes to the 消息中心 only and leaves the subscription for the next morning's talk
 * reminder. The settings say which reminders use it, and WeChat's title is the inbox's title.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { SUBSCRIPTION_KINDS } from '../../cloudfunctions/core/reminders/templates';
import { configureTemplates, draft, enqueue, fire, idOf, inboxOf, outboxEntry, remaining, sentTo, subscribe, TEMPLATES } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await configureTemplates(env);
}, 60000);
afterAll(() => env.stop());

const teacherNotice = (kind: string, at: Date, title: string, occurrence = at.toISOString()) =>
  draft('t-agenda', {
    kind,
    at,
    role: 'teacher',
    template: 'notice',
    occurrence,
    title,
    body: `${title}。`,
    fields: { note: `${title}。`, time: at, count: '1' },
  });

test("the morning agenda does not use up the teacher's one subscription; the next morning's talk reminder gets it", async () => {
  await subscribe(env, 't-agenda', 1, TEMPLATES.notice.id);
  const day1 = fromBeijing('2027-03-01 07:30');
  const agenda = teacherNotice('familyCall.agenda', day1, '今天有 2 次亲情视频');
  await enqueue(env, [agenda], day1);
  const first = await fire(env, 'morning', day1);
  expect(first.delivery.skipped).toBeGreaterThanOrEqual(1);
  expect(await outboxEntry(env, idOf(agenda))).toMatchObject({ status: 'skipped', skipReason: 'inbox_only' });
  expect(sentTo(env, 't-agenda', true)).toHaveLength(0);
  expect(await remaining(env, 't-agenda', 'notice')).toBe(1);
  expect((await inboxOf(env, 't-agenda')).map((e) => e.title)).toEqual(['今天有 2 次亲情视频']);

  const day2 = fromBeijing('2027-03-02 08:00');
  const talks = teacherNotice('talkRound.class', day2, '3月谈心任务');
  await enqueue(env, [talks], day2);
  await fire(env, 'quarterHour', day2);
  expect(await outboxEntry(env, idOf(talks))).toMatchObject({ status: 'sent' });
  expect(sentTo(env, 't-agenda').map((m) => m.data.thing1.value)).toEqual(['3月谈心任务']);
  expect(await remaining(env, 't-agenda', 'notice')).toBe(0);

  const mine = await env.api('t-agenda', 'reminders.mine', {}, day2);
  if (!mine.ok) throw new Error(mine.error.message);
  expect(mine.data.recent.find((r) => r.kind === 'familyCall.agenda')).toMatchObject({
    status: 'skipped',
    statusLabel: '仅在消息中心（这类提醒不占用微信订阅次数）',
  });
});

test('a long-term template carries every reminder, the agenda too', async () => {
  await configureTemplates(env, { templates: { ...TEMPLATES, notice: { ...TEMPLATES.notice, longTerm: true } } });
  try {
    await subscribe(env, 't-long-agenda', 1, TEMPLATES.notice.id);
    const at = fromBeijing('2027-03-03 07:30');
    await enqueue(env, [{ ...teacherNotice('familyCall.agenda', at, '今天没有亲情视频'), to: 't-long-agenda' }], at);
    await fire(env, 'quarterHour', at);
    expect(sentTo(env, 't-long-agenda')).toHaveLength(1);
  } finally {
    await configureTemplates(env);
  }
});

test('the WeChat message says what the inbox says: the same title, whatever the fields hold', async () => {
  await subscribe(env, 't-same', 1, TEMPLATES.notice.id);
  const at = fromBeijing('2027-03-04 09:00');
  const d = draft('t-same', {
    kind: 'familyCall.rebook',
    at,
    role: 'teacher',
    template: 'notice',
    title: '有通话待登记结果',
    fields: { title: '今日亲情视频', note: '昨天的通话还未登记结果', count: '1' },
  });
  await enqueue(env, [d], at);
  await fire(env, 'quarterHour', at);
  const [message] = sentTo(env, 't-same');
  const [inbox] = await inboxOf(env, 't-same');
  expect(message.data.thing1.value).toBe('有通话待登记结果');
  expect(inbox.title).toBe('有通话待登记结果');
});

test('the settings say which reminders use a one-time subscription, and that the rest stay in the 消息中心', async () => {
  const labels = Object.values(SUBSCRIPTION_KINDS);
  const mine = await env.api('demo-teacher', 'reminders.mine', {});
  const settings = await env.api('demo-admin', 'reminders.settings', {});
  if (!mine.ok || !settings.ok) throw new Error('read failed');
  for (const use of [mine.data.subscriptionUse, settings.data.subscriptionUse]) {
    expect(use.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['familyCall.soon', 'talkRound.class', 'talkRound.child']));
    expect(use.kinds.map((k) => k.kind)).not.toContain('familyCall.agenda');
    expect(use.kinds.map((k) => k.kind)).not.toContain('familyCall.dayBefore');
    expect(use.kinds.map((k) => k.label)).toEqual(labels);
    expect(use.note).toContain('每日通话安排');
    expect(use.note).toContain('只在消息中心');
  }
});

test("a parent meeting's invitation spends the family's subscription: WeChat carries when, who and where, and opens the meeting", async () => {
  await subscribe(env, 'demo-parent', 1);
  await subscribe(env, 'demo-guardian', 1);
  const at = fromBeijing('2027-03-08 10:00');
  const meeting = { classId: 'demo-class-3-1', kind: 'parent_meeting', date: '2027-03-12', time: '15:00', topic: '开学家长会', place: '三年级(1)班教室' };
  const made = await env.api('demo-teacher', 'meetings.schedule', { ...meeting, childIds: ['demo-child-01', 'demo-child-02'] }, at);
  if (!made.ok) throw new Error(made.error.message);
  await fire(env, 'quarterHour', new Date(at.getTime() + 15 * 60000));
  const [parent] = sentTo(env, 'demo-parent');
  expect(parent.data).toEqual({
    thing1: { value: '家长会邀请' },
    time2: { value: '2027年3月12日 15:00' },
    name3: { value: '林小禾' },
    thing4: { value: '三年级(1)班教室：开学家长会' },
  });
  expect(parent.page).toBe(`areas/activities/pages/meeting/index?id=${made.data.id}&childId=demo-child-01`);
  // the guardian of 林小禾 and 周子墨: one message naming the first child (WeChat's name field keeps Chinese only)
  expect(sentTo(env, 'demo-guardian').map((m) => m.data.name3.value)).toEqual(['林小禾等']);
  expect(await remaining(env, 'demo-parent')).toBe(0);
});
