/**
 * The first screens of birthdays: each one call, its database requests in a short chain (independent reads in
 * parallel, batched, no N+1); the teacher's list of the week and the month, with who is reminded; and every
 * birthday shown is a read of the archive, in the audit log.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { fromBeijing } from '../../cloudfunctions/core/time';
import { birthdayWorld, must, NOW, STUDENT, TEACHER } from './helpers';

jest.setTimeout(60000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await birthdayWorld(env);
  await must(env, STUDENT.buddy, 'wishes.send', { childId: 'demo-child-01', design: 'cake', text: '生日快乐！' });
  await must(env, TEACHER.mentor, 'wishes.send', { childId: 'demo-child-01', design: 'star', text: '小笨蛋，生日快乐' });
  await must(env, STUDENT.buddy, 'corner.post', { classId: 'demo-class-3-1', kind: 'declaration', title: '宣言', text: '手拉手' });
}, 60000);
afterAll(() => env.stop());

/**
 * The answer and the x-db-requests / x-db-depth headers of one call, the function warm (a first call after start
 * opens the SDK's connections one by one, which the emulator counts as a chain).
 */
async function measured(openid: string, action: string, input: Record<string, unknown>) {
  await env.api(openid, action as never, input, NOW);
  const res = await fetch(`${env.url}/functions/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-openid': openid, 'x-now': NOW.toISOString() },
    body: JSON.stringify({ action, input }),
  });
  const body = (await res.json()) as { ok: boolean };
  return { ok: body.ok, requests: Number(res.headers.get('x-db-requests')), depth: Number(res.headers.get('x-db-depth')) };
}

test.each([
  [STUDENT.buddy, 'birthdays.home', {}],
  [STUDENT.opted, 'wishes.compose', { childId: 'demo-child-01' }],
  ['demo-parent', 'wishes.wall', { childId: 'demo-child-01' }],
  ['demo-parent', 'corner.board', { childId: 'demo-child-01' }],
  [TEACHER.head, 'birthdays.list', { classId: 'demo-class-3-1' }],
  [TEACHER.head, 'birthdays.list', {}],
  [TEACHER.head, 'wishes.queue', { classId: 'demo-class-3-1' }],
])('%s: %s answers in a chain of at most 4 database requests', async (openid, action, input) => {
  const m = await measured(openid, action, input);
  expect(m).toMatchObject({ ok: true });
  expect(m.depth).toBeLessThanOrEqual(4);
  expect(m.requests).toBeLessThanOrEqual(14);
});

test('the teacher’s list: this week and this month, who hears of each birthday, the cards received and waiting', async () => {
  const list = await must(env, TEACHER.head, 'birthdays.list', {});
  expect(list).toMatchObject({
    className: '三年级(1)班',
    today: '2027-03-10',
    week: { from: '2027-03-08', to: '2027-03-14' },
    month: '2027-03',
    approvalRequired: false,
    waiting: 1,
    pairs: 2,
  });
  const row = (childId: string) => list.rows.find((r) => r.childId === childId);
  expect(row('demo-child-01')).toMatchObject({
    name: '林小禾',
    date: '2027-03-12',
    daysUntil: 2,
    audience: 'everyone',
    cards: { approved: 1, pending: 1 },
    inWeek: true,
    inMonth: true,
  });
  expect(row('demo-child-01')!.lunar).toMatch(/^农历二月/);
  expect(row('demo-child-02')).toMatchObject({ audience: 'teacher', lunar: null });
  expect(row('demo-child-03')).toMatchObject({ audience: 'nobody' });
  expect(row('demo-child-04')).toMatchObject({ audience: 'nobody' });
  // the class's children only: 郑可欣 of 3-2 is not on it
  expect(row('demo-child-05')).toBeUndefined();
  const audits = (await env.app.database().collection('auditLog').where({ action: 'birthdays.list' }).limit(100).get()).data as {
    childId: string;
    kind: string;
    fields: string[];
  }[];
  expect([...new Set(audits.map((a) => a.childId))].sort()).toEqual(['demo-child-01', 'demo-child-02', 'demo-child-03', 'demo-child-04']);
  expect(audits.every((a) => a.kind === 'read' && a.fields.join() === 'birthDate,lunarBirthday')).toBe(true);
});

test('a birthday later in the month is in 本月, not 本周; the next week’s is in neither', async () => {
  await env.app.database().collection('children').doc('demo-child-04').update({ birthDate: '2018-03-25' });
  const list = await must(env, TEACHER.head, 'birthdays.list', {}, fromBeijing('2027-03-10 10:00'));
  expect(list.rows.find((r) => r.childId === 'demo-child-04')).toMatchObject({ date: '2027-03-25', inWeek: false, inMonth: true });
  const early = await must(env, TEACHER.head, 'birthdays.list', {}, fromBeijing('2027-02-22 10:00'));
  expect(early.rows.map((r) => r.childId)).toEqual([]);
});

test('a student’s home audits the birthdays it shows', async () => {
  await must(env, STUDENT.opted, 'birthdays.home', {});
  const audits = (await env.app.database().collection('auditLog').where({ action: 'birthdays.home', openid: STUDENT.opted }).limit(100).get()).data as {
    childId: string;
  }[];
  expect([...new Set(audits.map((a) => a.childId))]).toEqual(['demo-child-01']);
});
