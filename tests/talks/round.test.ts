/**
 * The monthly talk round in Beijing time while the process runs in New York: the round of a month opens at Beijing
 * midnight on the 1st, a talk counts for the Beijing month of its day, a child is due / done / overdue; the 20th's
 * nudge goes only to those whose talks are not recorded and only once, however often the trigger fires; on the 1st
 * the class teacher hears of last month's talks left undone. The monthly reminders open the talk pages.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import type { OutboxEntry } from '../../cloudfunctions/core/reminders/types';
import { fire } from '../reminders/helpers';
import { addTeachers, card, docs, ok, T } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
}, 60000);
afterAll(() => env.stop());

const statuses = (rows: { name: string; status: string }[]) => Object.fromEntries(rows.map((r) => [r.name, r.status]));
const outbox = (kind: string) => docs<OutboxEntry>(env, 'outbox', { kind });

test('the process really runs in New York time', () => {
  expect(fromBeijing('2027-02-01 00:30').getTimezoneOffset()).toBe(300);
  expect(fromBeijing('2027-02-01 00:30').getDate()).toBe(31); // still 31 January in New York
});

test('a talk on 31 January (Beijing) counts for January; at Beijing midnight the February round opens with everyone due', async () => {
  await ok(
    env,
    T.teacher,
    'talks.record',
    card({ childId: 'demo-child-02', date: '2027-01-31', talkerRole: 'class_teacher' }),
    fromBeijing('2027-01-31 22:00'),
  );

  const lateJanuary = await ok(env, T.teacher, 'talks.month', { classId: 'demo-class-3-1' }, fromBeijing('2027-01-31 23:50'));
  expect(lateJanuary).toMatchObject({ month: '2027-01', current: true, next: null, previous: '2026-12' });
  expect(statuses(lateJanuary.rows)).toEqual({ 林小禾: 'due', 周子墨: 'done', 陈一诺: 'due' });
  expect(lateJanuary.counts).toEqual({ total: 3, done: 1, due: 2, overdue: 0 });
  expect(lateJanuary.rows.find((r) => r.name === '林小禾')).toMatchObject({ responsible: ['李老师（帮扶教师）'], mine: false, statusLabel: '待谈心' });
  // without a mentor the talk is the class teacher's, named by the nickname they chose
  expect(lateJanuary.rows.find((r) => r.name === '周子墨')).toMatchObject({ responsible: ['演示·班主任（班主任）'], mine: true });

  const february = await ok(env, T.teacher, 'talks.month', { classId: 'demo-class-3-1' }, fromBeijing('2027-02-01 00:30'));
  expect(february).toMatchObject({ month: '2027-02', current: true, previous: '2027-01' });
  expect(statuses(february.rows)).toEqual({ 林小禾: 'due', 周子墨: 'due', 陈一诺: 'due' });
  expect(february.rows.find((r) => r.name === '周子墨')!.lastTalk).toMatchObject({ date: '2027-01-31' });

  const january = await ok(env, T.teacher, 'talks.month', { classId: 'demo-class-3-1', month: '2027-01' }, fromBeijing('2027-02-01 00:30'));
  expect(january).toMatchObject({ month: '2027-01', current: false, next: '2027-02' });
  expect(statuses(january.rows)).toEqual({ 林小禾: 'overdue', 周子墨: 'done', 陈一诺: 'overdue' });
  expect(january.rows.map((r) => r.statusLabel)).toEqual(['逾期未谈', '逾期未谈', '已谈心']);

  const future = await env.api(T.teacher, 'talks.month', { month: '2027-03' }, fromBeijing('2027-02-01 00:30'));
  expect(future).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: '这个月还没到，不能查看' } });
});

test("the mentor's own list: their mentee (theirs to talk to) and the children of the class they teach (the class teacher's)", async () => {
  const mine = await ok(env, T.mentor, 'talks.mine', {}, fromBeijing('2027-02-05 09:00'));
  expect(mine.scope.kind).toBe('mine');
  expect(mine.rows.map((r) => [r.name, r.className, r.mine])).toEqual([
    ['林小禾', '三年级(1)班', true],
    ['孙浩然', '三年级(2)班', false],
    ['郑可欣', '三年级(2)班', false],
  ]);
  // 三年级(2)班's talks are its head teacher's (班主任), not every teacher's of the class
  expect(mine.rows.find((r) => r.name === '孙浩然')!.responsible).toEqual(['赵老师（班主任）']);
  // The admin sees the school as class counts; a class teacher may not ask for the whole school.
  const school = await ok(env, T.admin, 'talks.month', { schoolId: 'demo-school' }, fromBeijing('2027-02-05 09:00'));
  expect(school.rows).toEqual([]);
  expect(school.classes.map((c) => [c.name, c.total, c.due])).toEqual([
    ['三年级(1)班', 3, 3],
    ['三年级(2)班', 2, 2],
    ['五年级(1)班', 2, 2],
  ]);
  expect(await env.api(T.teacher, 'talks.month', { schoolId: 'demo-school' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
});

test('the 20th: a nudge only for the talks not recorded, to whoever they belong to, once even when the trigger fires twice', async () => {
  await ok(env, T.mentor, 'talks.record', card({ date: '2027-02-10' }), fromBeijing('2027-02-10 16:00'));
  await fire(env, 'morning', fromBeijing('2027-02-19 07:30'));
  expect(await outbox('talks.nudge')).toEqual([]);

  const the20th = fromBeijing('2027-02-20 07:30');
  const runs = await Promise.all([fire(env, 'morning', the20th), fire(env, 'morning', the20th)]);
  await fire(env, 'morning', the20th);
  expect(runs.reduce((n, r) => n + r.sources.talksNudge.created, 0)).toBe(2);
  const nudges = await outbox('talks.nudge');
  expect(nudges.map((n) => [n.to, n.title, n.body]).sort()).toEqual([
    [T.teacher, '2月还有 2 次谈心未记录', '2月还没有谈心记录：周子墨、陈一诺。请在月底前完成谈心并填写记录卡。'],
    [T.other, '2月还有 2 次谈心未记录', '2月还没有谈心记录：郑可欣、孙浩然。请在月底前完成谈心并填写记录卡。'],
  ]);
  expect(nudges.every((n) => n.page === 'areas/talks/pages/month/index' && n.occurrence === '2027-02')).toBe(true);
  // The mentor recorded their talk: nothing for them. The next day: nothing new.
  expect(nudges.some((n) => n.to === T.mentor)).toBe(false);
  await fire(env, 'morning', fromBeijing('2027-02-21 07:30'));
  expect(await outbox('talks.nudge')).toHaveLength(2);
  const inbox = await ok(env, T.teacher, 'inbox.list', {}, fromBeijing('2027-02-20 08:00'));
  expect(inbox.items.map((i) => i.title)).toContain('2月还有 2 次谈心未记录');
});

test("on the 1st the class teacher hears of last month's talks left undone, once; the month's round links open the talk pages", async () => {
  const first = fromBeijing('2027-03-01 08:00');
  await Promise.all([fire(env, 'monthly', first), fire(env, 'monthly', first)]);
  const overdue = await outbox('talks.overdue');
  expect(overdue.map((o) => [o.to, o.title, o.page]).sort()).toEqual([
    [T.teacher, '2月有 2 名孩子未谈心', 'areas/talks/pages/month/index?classId=demo-class-3-1&month=2027-02'],
    [T.other, '2月有 2 名孩子未谈心', 'areas/talks/pages/month/index?classId=demo-class-3-2&month=2027-02'],
  ]);
  expect(overdue.find((o) => o.to === T.teacher)!.body).toContain('周子墨、陈一诺');

  const round = await outbox('talkRound.class');
  expect(round.find((r) => r.to === T.teacher && r.occurrence === '2027-03')!.page).toBe('areas/talks/pages/month/index?classId=demo-class-3-1');
  const mentor = (await outbox('talkRound.child')).find((r) => r.to === T.mentor && r.occurrence === '2027-03')!;
  expect(mentor.page).toBe('areas/talks/pages/child/index?childId=demo-child-01');
});

test("a row: the month's cards, the newest card as the last talk, and the follow-ups still open on any card of the half year, newest card first", async () => {
  const record = (date: string, over: Partial<Parameters<typeof card>[0]>) =>
    ok(env, T.other, 'talks.record', card({ childId: 'demo-child-05', date, talkerRole: 'class_teacher', ...over }), fromBeijing(`${date} 16:00`));
  const first = await record('2027-03-03', {
    actions: [
      { text: '每天读书二十分钟', owner: '孩子', dueDate: '2027-03-31' },
      { text: '周末给妈妈打电话', owner: '孩子', dueDate: '2027-03-10' },
    ],
  });
  const call = first.talk.actions.find((a) => a.text === '周末给妈妈打电话')!;
  const second = await record('2027-03-12', {
    mood: 5,
    actions: [{ text: '练习写字', owner: '孩子', dueDate: '2027-03-31' }],
    followUps: [{ talkId: first.talk.id, actionId: call.id, status: 'done' }],
  });
  const row = async (month: string, at: string) =>
    (await ok(env, T.other, 'talks.month', { classId: 'demo-class-3-2', month }, fromBeijing(at))).rows.find((r) => r.name === '郑可欣')!;

  const march = await row('2027-03', '2027-03-13 09:00');
  expect(march).toMatchObject({ status: 'done', planDue: null, openPlan: false, urgent: false });
  expect(march.talks).toEqual([
    { id: second.talk.id, date: '2027-03-12' },
    { id: first.talk.id, date: '2027-03-03' },
  ]);
  expect(march.lastTalk).toMatchObject({ id: second.talk.id, date: '2027-03-12', moodLabel: second.talk.moodLabel, openActions: 1 });
  expect(march.openActions.map((a) => [a.text, a.talkId])).toEqual([
    ['练习写字', second.talk.id],
    ['每天读书二十分钟', first.talk.id],
  ]);

  // April: due again, with no card of its own, and March's still shown
  const april = await row('2027-04', '2027-04-02 09:00');
  expect(april).toMatchObject({ status: 'due', talks: [], lastTalk: { id: second.talk.id } });
  expect(april.openActions.map((a) => a.text)).toEqual(['练习写字', '每天读书二十分钟']);
  // The row of a month before any of them: neither card, nor their follow-ups
  const february = await row('2027-02', '2027-04-02 09:00');
  expect(february).toMatchObject({ status: 'overdue', talks: [], lastTalk: null, openActions: [] });
});
