/**
 * Storing reminders (core/reminders/outbox.ts) through the real SDK on an empty emulator: one inbox and one outbox
 * entry per reminder under one id made from kind|subject|occurrence|to, stored once however often or however
 * concurrently it is written, in chunks; a malformed draft is refused before anything is written.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { enqueue, reminderId, reminderKey } from '../../cloudfunctions/core/reminders/outbox';
import { WHEN } from '../../cloudfunctions/core/reminders/when';
import type { InboxEntry, OutboxEntry, ReminderDraft } from '../../cloudfunctions/core/reminders/types';
import { draft } from './helpers';

let env: TestEmulator;
const db = () => env.app.database();
const NOW = new Date('2027-03-05T02:00:00Z');
const count = async (collection: string, where: Record<string, unknown> = {}) => (await db().collection(collection).where(where).count()).total;
const doc = async <T>(collection: string, id: string) => (await db().collection(collection).doc(id).get()).data[0] as T;

beforeAll(async () => {
  env = await startEmulator();
});
afterAll(() => env.stop());

test('the id is a short hash of kind|subject|occurrence|to: the same reminder, the same id; any part changed, another', () => {
  const d = draft('mum');
  expect(reminderKey(d)).toBe('familyCall.soon|call-1|2027-03-05T19:00|mum');
  expect(reminderId(reminderKey(d))).toMatch(/^rm[0-9a-f]{30}$/);
  expect(reminderId('a|b|c|d')).toBe(reminderId('a|b|c|d'));
  const ids = new Set(['kind', 'subject', 'occurrence', 'to'].map((k) => reminderId(reminderKey({ ...d, [k]: 'other' }))));
  expect(ids.size).toBe(4);
  expect(ids.has(reminderId(reminderKey(d)))).toBe(false);
});

test('a reminder is one inbox entry and one pending outbox entry under one id, with everything the draft said', async () => {
  const d = draft('mum', { subject: 'call-A', at: new Date('2027-03-05T10:30:00Z'), schoolId: 's1', childId: 'k1' });
  expect(await enqueue(db(), [d], NOW)).toEqual({ created: 1, existing: 0 });
  const id = reminderId(reminderKey(d));
  expect(await doc<InboxEntry>('inbox', id)).toEqual({
    _id: id,
    to: 'mum',
    kind: 'familyCall.soon',
    title: '亲情视频提醒',
    body: '今晚 19:00 与林小禾视频通话',
    page: 'pages/family-calls/index?id=call-1',
    when: null,
    visibleAt: new Date('2027-03-05T10:30:00Z'),
    readAt: null,
    createdAt: NOW,
    schoolId: 's1',
    childId: 'k1',
  });
  expect(await doc<OutboxEntry>('outbox', id)).toEqual({
    _id: id,
    key: 'familyCall.soon|call-A|2027-03-05T19:00|mum',
    kind: 'familyCall.soon',
    to: 'mum',
    role: 'parent',
    subject: 'call-A',
    occurrence: '2027-03-05T19:00',
    template: 'schedule',
    fields: { ...d.fields, title: '亲情视频提醒' },
    title: '亲情视频提醒',
    body: '今晚 19:00 与林小禾视频通话',
    page: 'pages/family-calls/index?id=call-1',
    schoolId: 's1',
    childId: 'k1',
    when: null,
    status: 'pending',
    dueAt: new Date('2027-03-05T10:30:00Z'),
    createdAt: NOW,
    attempts: 0,
    claimId: null,
    claimedAt: null,
    attemptedAt: null,
    lastErrcode: null,
    lastError: null,
    skipReason: null,
    deferredUntil: null,
    sentAt: null,
    finishedAt: null,
  });
});

test('without a due time it is due now; without a school or child those are null; a relative time is kept as its moment', async () => {
  const when = new Date('2027-03-05T11:00:00Z');
  const d = draft('dad', { subject: 'call-B', title: `亲情视频${WHEN}开始`, when });
  await enqueue(db(), [d], NOW);
  const id = reminderId(reminderKey(d));
  expect(await doc<InboxEntry>('inbox', id)).toMatchObject({ visibleAt: NOW, schoolId: null, childId: null, when, title: `亲情视频${WHEN}开始` });
  expect(await doc<OutboxEntry>('outbox', id)).toMatchObject({ dueAt: NOW, schoolId: null, childId: null, when, fields: { title: `亲情视频${WHEN}开始` } });
});

test('the same reminder twice in one call, in a second call, or in ten calls at once is stored once', async () => {
  const d = draft('gran', { subject: 'call-C' });
  expect(await enqueue(db(), [d, { ...d, body: '另一种说法' }], NOW)).toEqual({ created: 1, existing: 1 });
  expect(await enqueue(db(), [d], NOW)).toEqual({ created: 0, existing: 1 });
  const e = draft('gran', { subject: 'call-D' });
  const runs = await Promise.all(Array.from({ length: 10 }, () => enqueue(db(), [e, draft('gran', { subject: 'call-C' })], NOW)));
  expect(runs.reduce((n, r) => n + r.created, 0)).toBe(1);
  expect(runs.reduce((n, r) => n + r.existing, 0)).toBe(19);
  for (const subject of ['call-C', 'call-D']) {
    expect(await count('inbox', { _id: reminderId(reminderKey(draft('gran', { subject }))) })).toBe(1);
    expect(await count('outbox', { subject })).toBe(1);
  }
});

test('a run cut short after the inbox write is finished by the next: the outbox entry is written, the inbox one kept', async () => {
  const d = draft('uncle', { subject: 'call-E' });
  const id = reminderId(reminderKey(d));
  await db().collection('inbox').add({ _id: id, to: 'uncle', kind: d.kind, title: '旧的', body: '', page: d.page, readAt: null });
  expect(await enqueue(db(), [d], NOW)).toEqual({ created: 1, existing: 0 });
  expect((await doc<InboxEntry>('inbox', id)).title).toBe('旧的');
  expect((await doc<OutboxEntry>('outbox', id)).status).toBe('pending');
});

test('a batch of two where one was cut short after its inbox write: both are finished, the other inbox entry written too', async () => {
  const cut = draft('aunt', { subject: 'call-F' });
  const other = draft('aunt', { subject: 'call-G' });
  const [cutId, otherId] = [cut, other].map((d) => reminderId(reminderKey(d)));
  await db().collection('inbox').add({ _id: cutId, to: 'aunt', kind: cut.kind, title: '旧的', body: '', page: cut.page, readAt: null });
  // The batch write of the inbox meets the existing entry; each entry is then written on its own, the duplicate skipped.
  expect(await enqueue(db(), [cut, other], NOW)).toEqual({ created: 2, existing: 0 });
  expect((await doc<InboxEntry>('inbox', cutId)).title).toBe('旧的');
  expect(await doc<InboxEntry>('inbox', otherId)).toMatchObject({ to: 'aunt', title: other.title, readAt: null });
  expect((await doc<OutboxEntry>('outbox', cutId)).status).toBe('pending');
  expect((await doc<OutboxEntry>('outbox', otherId)).status).toBe('pending');
  expect(await count('inbox', { to: 'aunt' })).toBe(2);
});

test('many reminders are written in chunks, each once, and counted right', async () => {
  const drafts: ReminderDraft[] = Array.from({ length: 520 }, (_, i) => draft(`p${i}`, { kind: 'bulk', subject: 'notice-1' }));
  await enqueue(db(), drafts.slice(0, 300), NOW);
  expect(await enqueue(db(), drafts, NOW)).toEqual({ created: 220, existing: 300 });
  expect(await count('outbox', { kind: 'bulk' })).toBe(520);
  expect(await count('inbox', { kind: 'bulk' })).toBe(520);
  expect(await enqueue(db(), [], NOW)).toEqual({ created: 0, existing: 0 });
});

test.each([
  ['no recipient', { to: '' }, 'reminder familyCall.soon lacks to'],
  ['no role', { role: '' as never }, 'lacks role'],
  ['no subject nor occurrence', { subject: '', occurrence: '' }, 'lacks subject, occurrence'],
  ['no kind', { kind: undefined as never }, 'reminder ? lacks kind'],
  ['an empty kind', { kind: '' }, 'reminder  lacks kind'],
  ['no title', { title: '' }, 'lacks title'],
  ['no page', { page: '' }, 'lacks page'],
  ['an unknown template', { template: 'promo' as never }, 'unknown template promo'],
  ['a page with a leading slash', { page: '/pages/x' }, 'page must not start with "/" (/pages/x)'],
  ['a relative time in the title without its moment', { title: `${WHEN}开始` }, 'in its text but no `when`'],
  ['a relative time in the body without its moment', { body: `${WHEN}开始` }, 'in its text but no `when`'],
  ['a relative time in a field without its moment', { fields: { title: 't', note: `${WHEN}开始` } }, 'in its text but no `when`'],
])('%s: refused, nothing of the batch written', async (_what, over, message) => {
  const good = draft('nobody-yet', { subject: 'call-F' });
  await expect(enqueue(db(), [good, draft('nobody-yet', { subject: 'call-G', ...over })], NOW)).rejects.toThrow(message);
  expect(await count('inbox', { to: 'nobody-yet' })).toBe(0);
  expect(await count('outbox', { to: 'nobody-yet' })).toBe(0);
});
