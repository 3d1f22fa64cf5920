/**
 * A change to a child's family calls is a change to the child's records: booking, moving, cancelling, recording,
 * confirming, asking to move and answering each write one audit entry, in the transaction that makes the change.
 * When the audit entry cannot be written, the change does not happen either.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { failing, writesTo } from '../api/faults';
import type { ActionName } from '../../typings/actions';
import { at, fails, ok, parentsOf, setUpRoom, T, type Setup } from './helpers';

jest.setTimeout(120000);

let env: TestEmulator;
let s: Setup;
const db = () => env.app.database();

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  s = await setUpRoom(env);
}, 60000);
afterAll(() => env.stop());

interface Entry {
  openid: string;
  role: string;
  action: string;
  kind: string;
  childId: string;
  fields: string[];
  note: string;
}
const entriesOf = async (action: ActionName) =>
  (await db().collection('auditLog').where({ action, childId: 'demo-child-01' }).limit(100).get()).data as Entry[];
const call = async (id: string) =>
  (await db().collection('familyCalls').doc(id).get()).data[0] as { status: string; date: string; time: string; updatedAt: Date };

/** Run the action once with audit writes failing (nothing may change), then for real (one entry, with the change). */
async function auditedOnce(openid: string, action: ActionName, input: Record<string, unknown>, callId: string, now = at('2027-03-01 08:00')) {
  const before = await call(callId);
  const broken = await failing(env, writesTo('auditLog'), () => env.api(openid, action, input, now));
  expect(broken.ok).toBe(false);
  expect(await call(callId)).toEqual(before);
  expect(await entriesOf(action)).toHaveLength(0);
  const res = await env.api(openid, action, input, now);
  if (!res.ok) throw new Error(`${action}: ${res.error.message}`);
  const entries = await entriesOf(action);
  expect(entries).toHaveLength(1);
  expect(entries[0]).toMatchObject({ openid, action, kind: 'change', childId: 'demo-child-01', fields: ['familyCalls'] });
  return { res, entry: entries[0] };
}

test('book, confirm, ask to move, answer, move, record and cancel: each audited with its change, or not done at all', async () => {
  const parents = await parentsOf(env, 'demo-child-01');
  const input = {
    childId: 'demo-child-01',
    deviceId: s.tablet,
    weekday: 5,
    time: '18:00',
    minutes: 30,
    startDate: '2027-03-01',
    weeks: 3,
    parentBindingIds: parents,
  };
  const broken = await failing(env, writesTo('auditLog'), () => env.api(T.teacher, 'familyCalls.book', input, at('2027-03-01 08:00')));
  expect(broken.ok).toBe(false);
  expect((await db().collection('familyCalls').where({ childId: 'demo-child-01' }).count()).total).toBe(0);
  expect((await db().collection('slotLocks').where({ childId: 'demo-child-01' }).count()).total).toBe(0);
  const booked = await ok(env, T.teacher, 'familyCalls.book', input);
  const [bookedEntry] = await entriesOf('familyCalls.book');
  expect(bookedEntry).toMatchObject({
    openid: T.teacher,
    role: 'teacher',
    kind: 'change',
    fields: ['familyCalls'],
    note: expect.stringContaining('预约亲情视频 3 次'),
  });
  const [first, second, third] = (await db().collection('familyCalls').where({ childId: 'demo-child-01' }).orderBy('startsAt', 'asc').get()).data as {
    _id: string;
  }[];
  expect(first._id).toBe(booked.first.id);

  await auditedOnce(T.parent, 'familyCalls.confirm', { callId: first._id }, first._id);
  expect((await call(first._id)).status).toBe('confirmed');

  await auditedOnce(T.parent, 'familyCalls.requestMove', { callId: second._id, proposals: [{ date: '2027-03-13', time: '10:00' }] }, second._id);
  const { entry } = await auditedOnce(T.teacher, 'familyCalls.answerMove', { callId: second._id, accept: 0 }, second._id);
  expect(entry.note).toBe('同意改期申请');
  expect(await call(second._id)).toMatchObject({ date: '2027-03-13', time: '10:00', status: 'confirmed' });

  await auditedOnce(T.teacher, 'familyCalls.move', { callId: third._id, scope: 'one', date: '2027-03-18', time: '19:00' }, third._id);
  expect(await call(third._id)).toMatchObject({ date: '2027-03-18', time: '19:00', status: 'moved' });

  const after = at('2027-03-05 19:00');
  await auditedOnce(T.teacher, 'familyCalls.record', { callId: first._id, result: 'missed', by: 'parent', reason: '加班' }, first._id, after);
  expect((await call(first._id)).status).toBe('missed');

  await auditedOnce(T.teacher, 'familyCalls.cancel', { callId: third._id, scope: 'one', reason: '学校活动' }, third._id);
  expect((await call(third._id)).status).toBe('cancelled');
  expect((await fails(env, T.teacher, 'familyCalls.cancel', { callId: third._id, scope: 'one' })).code).toBe('CONFLICT');
  expect(await entriesOf('familyCalls.cancel')).toHaveLength(1);
});
