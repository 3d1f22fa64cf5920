/**
 * Beijing time at month and year boundaries while the process runs in New York (the functions run in this process
 * too, inside the emulator), and a job that pages through more children than one database read returns.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { InboxEntry, OutboxEntry } from '../../cloudfunctions/core/reminders/types';
import { configureTemplates, draft, enqueue, fire, idOf, outboxEntry, sentTo, subscribe } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await configureTemplates(env);
}, 60000);
afterAll(() => env.stop());

const talkRoundFor = async (openid: string) =>
  ((await env.app.database().collection('outbox').where({ to: openid, kind: 'talkRound.class' }).limit(100).get()).data as OutboxEntry[]).sort((a, b) =>
    a.occurrence.localeCompare(b.occurrence),
  );

test('the process really runs in New York time', () => {
  expect(new Date('2027-01-01T00:00:00Z').getTimezoneOffset()).toBe(300);
  expect(new Date('2027-01-01T00:00:00Z').getDate()).toBe(31);
});

test('the triggers fire on Beijing time: morning at 07:30, the talk round on the 1st at 08:00', () => {
  const schedule = env.emulator.timers.schedule(fromBeijing('2027-02-28 00:00'), fromBeijing('2027-03-01 23:59'));
  const of = (name: string) => schedule.filter((s) => s.trigger.functionName === 'scheduler' && s.trigger.name === name).map((s) => s.at);
  expect(of('monthly')).toEqual([fromBeijing('2027-03-01 08:00')]);
  expect(of('morning')).toEqual([fromBeijing('2027-02-28 07:30'), fromBeijing('2027-03-01 07:30')]);
  expect(of('quarterHour')).toHaveLength(2 * 96 - 1);
  expect(of('quarterHour')[0]).toEqual(fromBeijing('2027-02-28 00:15'));
});

test('the talk round of January runs on 1 January Beijing time (still 31 December in New York), once, even twice at once', async () => {
  const newYear = fromBeijing('2027-01-01 08:00');
  const runs = await Promise.all([fire(env, 'monthly', newYear), fire(env, 'monthly', newYear)]);
  const created = runs.reduce((n, r) => n + r.sources.talkRound.created, 0);
  expect(created).toBe(1); // demo-teacher, head teacher of 三年级(1)班

  let entries = await talkRoundFor('demo-teacher');
  expect(entries.map((e) => e.occurrence)).toEqual(['2027-01']);
  expect(entries[0]).toMatchObject({ title: '1月谈心任务', subject: 'demo-class-3-1', role: 'teacher', template: 'notice' });
  expect(entries[0].body).toContain('三年级(1)班有 3 名留守儿童');

  const inbox = await env.api('demo-teacher', 'inbox.list', {}, fromBeijing('2027-01-01 08:01'));
  expect(inbox.ok && inbox.data.items.map((i) => i.title)).toContain('1月谈心任务');

  // Fired again later in the month: nothing new. On 1 February: the February round.
  await fire(env, 'monthly', fromBeijing('2027-01-20 08:00'));
  expect(await talkRoundFor('demo-teacher')).toHaveLength(1);
  await fire(env, 'monthly', fromBeijing('2027-02-01 08:00'));
  entries = await talkRoundFor('demo-teacher');
  expect(entries.map((e) => [e.occurrence, e.title])).toEqual([
    ['2027-01', '1月谈心任务'],
    ['2027-02', '2月谈心任务'],
  ]);
});

test('a 31 December reminder at 23:50 Beijing time waits for 07:00 on 1 January', async () => {
  const t0 = fromBeijing('2026-12-31 23:50');
  await subscribe(env, 'p-newyear', 1);
  const d = draft('p-newyear', { at: t0, role: 'guardian' });
  await enqueue(env, [d], t0);
  await fire(env, 'quarterHour', t0);
  expect(await outboxEntry(env, idOf(d))).toMatchObject({ status: 'pending', deferredUntil: fromBeijing('2027-01-01 07:00') });
  await fire(env, 'quarterHour', fromBeijing('2027-01-01 06:45'));
  expect(sentTo(env, 'p-newyear')).toHaveLength(0);
  await fire(env, 'quarterHour', fromBeijing('2027-01-01 07:00'));
  const [message] = sentTo(env, 'p-newyear');
  expect(message.data.time2.value).toBe('2027年3月5日 19:00');
});

test('the talk round pages through 2,300 children in batches: every class and mentor is reminded, with few database requests', async () => {
  const db = env.app.database();
  const schoolId = 'paging-school';
  const now = new Date('2027-03-01T00:00:00Z');
  await db.collection('schools').add({ _id: schoolId, name: '分页小学', createdAt: now });
  const classes = Array.from({ length: 46 }, (_, i) => ({
    _id: `pg-class-${String(i).padStart(2, '0')}`,
    schoolId,
    grade: 1 + (i % 6),
    name: `${1 + (i % 6)}年级(${i})班`,
    communityId: null,
    archivedAt: null,
  }));
  await db.collection('classes').add(classes);
  const types = ['both_away', 'one_away_other_unable', 'not_left_behind'];
  const children = Array.from({ length: 2300 }, (_, i) => ({
    _id: `pg-child-${String(i).padStart(4, '0')}`,
    schoolId,
    classId: classes[i % 46]._id,
    communityId: null,
    name: `学生${i}`,
    gender: 'male',
    birthDate: '2017-01-01',
    leftBehindType: types[i % 3],
    createdAt: now,
    updatedAt: now,
    deletedAt: i === 3 ? now : null, // a child who left: not counted
  }));
  for (let i = 0; i < children.length; i += 1000) await db.collection('children').add(children.slice(i, i + 1000));
  const base = { schoolId, communityId: null, createdAt: now, revokedAt: null, role: 'teacher' };
  await db
    .collection('bindings')
    .add(classes.map((c) => ({ ...base, openid: `pg-head-${c._id}`, classId: c._id, childId: null, title: 'head', label: '班主任' })));
  // Mentors of the first 30 left-behind children (those with i % 3 != 2), spread over the batches.
  const mentored = children
    .filter((c, i) => i % 3 !== 2 && !c.deletedAt)
    .filter((_, k) => k % 50 === 0)
    .slice(0, 30);
  await db.collection('bindings').add(mentored.map((c, k) => ({ ...base, openid: `pg-mentor-${k}`, classId: c.classId, childId: c._id, label: '帮扶教师' })));

  const run = await fire(env, 'monthly', fromBeijing('2027-03-01 08:00'));
  const round = run.sources.talkRound;
  // demo-teacher's March round too
  expect(round.created).toBe(46 + mentored.length + 1);

  const expected = new Map<string, number>();
  for (const c of children) if (c.leftBehindType !== 'not_left_behind' && !c.deletedAt) expected.set(c.classId, (expected.get(c.classId) ?? 0) + 1);
  const entries = (await db.collection('outbox').where({ schoolId, kind: 'talkRound.class' }).limit(1000).get()).data as OutboxEntry[];
  expect(entries).toHaveLength(46);
  for (const e of entries) expect(e.fields.count).toBe(String(expected.get(e.subject)));
  const mentorInbox = (await db.collection('inbox').where({ schoolId, kind: 'talkRound.child' }).limit(1000).get()).data as InboxEntry[];
  expect(new Set(mentorInbox.map((e) => e.childId))).toEqual(new Set(mentored.map((c) => c._id)));

  // 3 batches of children, a handful of reads per batch, not one per child or class.
  expect(run.dbRequests).toBeLessThan(60);
});
