/**
 * The school's monthly talk round as each class's counts: a child counts in the class they are in now (with a talk
 * they had before they moved), only while they are due a talk (left behind, on the roll by the month's end), and a
 * month's talks not recorded are due while it runs and overdue once it is over. The counts agree with each class's
 * own round, child by child.
 */
process.env.TZ = 'America/New_York';

import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { addTeachers, card, ok, T } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addTeachers(env);
  const talk = (openid: string, childId: string, date: string) =>
    ok(env, openid, 'talks.record', card({ childId, date, talkerRole: 'class_teacher' }), fromBeijing(`${date} 16:00`));
  await talk(T.teacher, 'demo-child-02', '2027-02-03');
  await talk(T.teacher, 'demo-child-03', '2027-02-04');
  await talk(T.other, 'demo-child-05', '2027-02-04');
  await talk(T.other, 'demo-child-06', '2027-01-20');
  // 陈一诺 moves to 三年级(2)班 after her February talk in 三年级(1)班; 郑可欣's mother came home: she is not left
  // behind any more, so not due, and her talk no longer counts
  const children = env.app.database().collection('children');
  await children.doc('demo-child-03').update({ classId: 'demo-class-3-2' });
  await children.doc('demo-child-05').update({ leftBehindType: 'not_left_behind' });
  // a child who joins 五年级(1)班 in March is due from March, not in February
  await ok(
    env,
    T.admin,
    'archive.create',
    { classId: 'demo-class-5-1', name: '新同学', gender: 'male', birthDate: '2015-05-05', leftBehindType: 'both_away' },
    fromBeijing('2027-03-01 09:00'),
  );
}, 60000);
afterAll(() => env.stop());

const counts = (view: { classes: { name: string; total: number; done: number; due: number; overdue: number }[] }) =>
  view.classes.map((c) => [c.name, c.total, c.done, c.due, c.overdue]);

test('while February runs: each class counts its children due now and the talks they had, wherever they had them', async () => {
  const feb = await ok(env, T.admin, 'talks.month', { schoolId: 'demo-school' }, fromBeijing('2027-02-06 09:00'));
  expect(counts(feb)).toEqual([
    ['三年级(1)班', 2, 1, 1, 0],
    ['三年级(2)班', 2, 1, 1, 0],
    ['五年级(1)班', 2, 0, 2, 0],
  ]);
  expect(feb.counts).toEqual({ total: 6, done: 2, due: 4, overdue: 0 });
  expect(feb.rows).toEqual([]);
});

test("once February is over its talks not recorded are overdue; March counts the child who joined in March; January's talk stays in January", async () => {
  const march = fromBeijing('2027-03-02 09:00');
  const feb = await ok(env, T.admin, 'talks.month', { schoolId: 'demo-school', month: '2027-02' }, march);
  expect(counts(feb)).toEqual([
    ['三年级(1)班', 2, 1, 0, 1],
    ['三年级(2)班', 2, 1, 0, 1],
    ['五年级(1)班', 2, 0, 0, 2],
  ]);
  const now = await ok(env, T.admin, 'talks.month', { schoolId: 'demo-school' }, march);
  expect(counts(now)).toEqual([
    ['三年级(1)班', 2, 0, 2, 0],
    ['三年级(2)班', 2, 0, 2, 0],
    ['五年级(1)班', 3, 0, 3, 0],
  ]);
  const january = await ok(env, T.admin, 'talks.month', { schoolId: 'demo-school', month: '2027-01' }, march);
  expect(counts(january).map(([name, , done]) => [name, done])).toEqual([
    ['三年级(1)班', 0],
    ['三年级(2)班', 1],
    ['五年级(1)班', 0],
  ]);
});

test("the school's counts are each class's own round, child by child", async () => {
  const at = fromBeijing('2027-03-02 09:00');
  for (const month of ['2027-01', '2027-02', '2027-03']) {
    const school = await ok(env, T.admin, 'talks.month', { schoolId: 'demo-school', month }, at);
    for (const c of school.classes) {
      const own = await ok(env, T.admin, 'talks.month', { classId: c.classId, month }, at);
      expect([c.name, own.counts]).toEqual([c.name, { total: c.total, done: c.done, due: c.due, overdue: c.overdue }]);
    }
  }
});
