/**
 * The authorization matrix: every registered action x every role (and a stranger) x own / someone else's scope.
 * Adding an action without a row here fails the first test; a row's `allowed` is the decision we promise.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { addOtherSchool, OTHER } from '../helpers/world';
import { DEMO_OPENIDS } from '../../scripts/demo-data';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import type { Role } from '../../typings/roles';

type Who = Role | 'stranger';
const CALLERS: Record<Who, string> = { ...DEMO_OPENIDS, stranger: 'someone-without-role' };
const EVERYONE: Who[] = ['admin', 'teacher', 'parent', 'guardian', 'student', 'community', 'stranger'];

interface Row {
  /** Who may act on their own scope (the demo school, class 3-1, child 林小禾). */
  allowed: Who[];
  own: Record<string, unknown>;
  /** The same request aimed at the other school; omitted for actions without a scope. */
  other?: Record<string, unknown>;
}

let env: TestEmulator;
const ids = { ownInvite: '', otherInvite: '', ownParentBinding: '', otherBinding: '' };

const matrix = (): Record<string, Row> => ({
  whoami: { allowed: EVERYONE, own: {} },
  // Local emulator: developer tooling is open; the production rule (admin only) is unit-tested in authorize.test.ts.
  'meta.actions': { allowed: EVERYONE, own: {} },
  'setup.status': { allowed: EVERYONE, own: {} },
  'setup.claimAdmin': { allowed: EVERYONE, own: { code: 'WRONG-CODE', schoolName: '新学校' } },
  'classes.create': { allowed: ['admin'], own: { schoolId: 'demo-school', grade: 6, name: '六年级(1)班' }, other: { schoolId: OTHER.schoolId, grade: 6, name: '六年级(9)班' } },
  'classes.list': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'classes.archive': { allowed: ['admin'], own: { classId: 'demo-class-5-1' }, other: { classId: OTHER.classId } },
  'communities.create': { allowed: ['admin'], own: { schoolId: 'demo-school', name: '东坡村' }, other: { schoolId: OTHER.schoolId, name: '东坡村' } },
  'communities.list': { allowed: ['admin', 'teacher'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'invites.create': {
    allowed: ['admin', 'teacher'],
    own: { role: 'parent', childId: 'demo-child-01', relation: '爸爸' },
    other: { role: 'parent', childId: OTHER.childId, relation: '爸爸' },
  },
  'invites.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'invites.revoke': { allowed: ['admin', 'teacher'], own: { inviteId: ids.ownInvite }, other: { inviteId: ids.otherInvite } },
  'invites.redeem': { allowed: EVERYONE, own: { code: 'ZZZZ-ZZZZ' } },
  'people.list': { allowed: ['admin', 'teacher'], own: { classId: 'demo-class-3-1' }, other: { classId: OTHER.classId } },
  'people.revoke': { allowed: ['admin', 'teacher'], own: { bindingId: ids.ownParentBinding }, other: { bindingId: ids.otherBinding } },
  'audit.list': { allowed: ['admin'], own: { schoolId: 'demo-school' }, other: { schoolId: OTHER.schoolId } },
  'privacy.notice': { allowed: EVERYONE, own: {} },
  'consent.record': {
    allowed: ['admin', 'teacher', 'parent', 'guardian'],
    own: { childId: 'demo-child-01', decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'wechat' },
    other: { childId: OTHER.childId, decision: 'granted', noticeVersion: PRIVACY_NOTICE.version, method: 'wechat' },
  },
  'consent.get': { allowed: ['admin', 'teacher', 'parent', 'guardian'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'children.get': { allowed: ['admin', 'teacher', 'community', 'parent', 'guardian'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  'children.export': { allowed: ['admin'], own: { childId: 'demo-child-01' }, other: { childId: OTHER.childId } },
  // A wrong confirmation name: the decision is still visible (allowed -> INVALID_INPUT), nothing is deleted.
  'children.purge': { allowed: ['admin'], own: { childId: 'demo-child-01', confirmName: '不是这个名字' }, other: { childId: OTHER.childId, confirmName: '赵小川' } },
});

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await addOtherSchool(env);
  const own = await env.api(DEMO_OPENIDS.teacher, 'invites.create', { role: 'guardian', childId: 'demo-child-01', relation: '爷爷' });
  const other = await env.api(OTHER.teacher, 'invites.create', { role: 'parent', childId: OTHER.childId, relation: '妈妈' });
  if (!own.ok || !other.ok) throw new Error('setup invites failed');
  ids.ownInvite = own.data.id;
  ids.otherInvite = other.data.id;
  const db = env.app.database();
  const b1 = await db.collection('bindings').add({ openid: 'uncle-of-01', role: 'parent', schoolId: 'demo-school', classId: 'demo-class-3-1', childId: 'demo-child-01', communityId: null, label: '林小禾的爸爸', createdAt: new Date(), revokedAt: null });
  const b2 = await db.collection('bindings').add({ openid: 'parent-b', role: 'parent', schoolId: OTHER.schoolId, classId: OTHER.classId, childId: OTHER.childId, communityId: null, label: '赵小川的妈妈', createdAt: new Date(), revokedAt: null });
  ids.ownParentBinding = b1.id as string;
  ids.otherBinding = b2.id as string;
});

afterAll(() => env.stop());

test('every registered action has a row in the matrix, and no row names an action that does not exist', async () => {
  const res = await env.api(DEMO_OPENIDS.admin, 'meta.actions', {});
  if (!res.ok) throw new Error(res.error.message);
  const registered = res.data.actions.map((a) => a.action).sort();
  expect(Object.keys(matrix()).sort()).toEqual(registered);
  for (const a of res.data.actions) expect(a.access).toBeTruthy();
});

const denied = (r: { ok: boolean; error?: { code: string } }) => !r.ok && (r.error?.code === 'FORBIDDEN' || r.error?.code === 'UNAUTHENTICATED');

describe.each(Object.keys(matrix()))('%s', (action) => {
  test.each(EVERYONE)('as %s', async (who) => {
    const row = matrix()[action];
    const own = await env.api(CALLERS[who], action as never, row.own);
    expect({ who, action, scope: 'own', allowed: !denied(own) }).toEqual({ who, action, scope: 'own', allowed: row.allowed.includes(who) });
    if (own.ok === false && row.allowed.includes(who)) expect(own.error.code).not.toBe('INTERNAL');
    if (row.other) {
      const other = await env.api(CALLERS[who], action as never, row.other);
      // Nobody of the demo school reaches the other school; a refusal carries no data.
      expect({ who, action, scope: 'other', denied: denied(other) }).toEqual({ who, action, scope: 'other', denied: true });
      expect(JSON.stringify(other)).not.toContain('赵小川');
    }
  });
});

test('the other school still has its child and nothing of it was changed by the matrix', async () => {
  const res = await env.app.database().collection('children').doc(OTHER.childId).get();
  expect(res.data[0]).toMatchObject({ name: '赵小川', deletedAt: null });
  const mine = await env.app.database().collection('children').doc('demo-child-01').get();
  expect(mine.data[0]).toMatchObject({ name: '林小禾' });
});
