/**
 * A change and its audit entry commit together. The audit write is made to fail, as a crash or a lost connection
 * between the two would: the change must not be there either. Then the same request, with a working database,
 * makes the change and writes its entry. A child's deletion marks the child and writes its entry first; a deletion
 * cut short after that is finished by the scheduler, and nothing of the child remains but the audit trail.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { seedDemoWork } from '../helpers/demo';
import { COLLECTIONS } from '../../cloudfunctions/core/collections';
import { PRIVACY_NOTICE } from '../../cloudfunctions/core/consent';
import type { ActionName } from '../../typings/actions';
import { failing, writesTo } from './faults';

jest.setTimeout(60000);

let env: TestEmulator;
const db = () => env.app.database();
const NOW = new Date('2027-03-01T02:00:00Z');
const auditCount = async () => (await db().collection('auditLog').count()).total ?? 0;

beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
  await seedDemoWork(env, NOW);
});
afterAll(() => env.stop());

async function must<A extends ActionName>(openid: string, action: A, input: Record<string, unknown>) {
  const res = await env.api(openid, action, input as never, NOW);
  if (!res.ok) throw new Error(`${action}: ${res.error.code} ${res.error.message}`);
  return res.data;
}

interface Case {
  who: string;
  input: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  /** What the change leaves in the database, to compare before and after. */
  state: () => Promise<unknown>;
}

const bindingsOf = async (where: Record<string, unknown>) =>
  ((await db().collection('bindings').where(where).limit(100).get()).data as { _id: string; revokedAt?: unknown }[]).map((b) => [b._id, !!b.revokedAt]);

const CASES: Partial<Record<ActionName, Case>> = {
  'consent.record': {
    who: DEMO.parent,
    input: () => ({ childId: 'demo-child-01', decision: 'refused', noticeVersion: PRIVACY_NOTICE.version, method: 'wechat' }),
    state: async () => (await db().collection('consents').where({ childId: 'demo-child-01' }).count()).total,
  },
  'invites.create': {
    who: DEMO.teacher,
    input: () => ({ role: 'parent', childId: 'demo-child-03', relation: '妈妈' }),
    state: async () => (await db().collection('invites').count()).total,
  },
  'invites.revoke': {
    who: DEMO.teacher,
    input: async () => ({
      inviteId: (await must(DEMO.teacher, 'invites.create', { role: 'guardian', childId: 'demo-child-03', relation: '外婆' })).id,
    }),
    state: async () => (await db().collection('invites').where({ revokedAt: null }).count()).total,
  },
  'invites.redeem': {
    who: 'new-father',
    input: async () => ({
      code: (await must(DEMO.teacher, 'invites.create', { role: 'parent', childId: 'demo-child-02', relation: '爸爸' })).code,
    }),
    state: async () => [await bindingsOf({ openid: 'new-father' }), (await db().collection('invites').where({ usedBy: 'new-father' }).count()).total],
  },
  'people.revoke': {
    who: DEMO.admin,
    input: async () => ({
      bindingId: ((await db().collection('bindings').where({ openid: DEMO.guardian, childId: 'demo-child-02' }).get()).data[0] as { _id: string })._id,
    }),
    state: () => bindingsOf({ openid: DEMO.guardian }),
  },
  'classes.archive': {
    who: DEMO.admin,
    input: () => ({ classId: 'demo-class-5-1' }),
    state: async () => [(await db().collection('classes').doc('demo-class-5-1').get()).data, await bindingsOf({ classId: 'demo-class-5-1' })],
  },
};

describe.each(Object.entries(CASES))('%s', (action, c) => {
  test('with its audit entry failing, the change is not made; then it is made with its entry', async () => {
    const input = await c.input();
    const before = await c.state();
    const audits = await auditCount();
    const broken = await failing(env, writesTo('auditLog'), () => env.api(c.who, action as ActionName, input as never, NOW));
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await c.state()).toEqual(before);
    expect(await auditCount()).toBe(audits);

    expect(await env.api(c.who, action as ActionName, input as never, NOW)).toMatchObject({ ok: true });
    expect(await c.state()).not.toEqual(before);
    const entries = (await db().collection('auditLog').where({ action }).limit(1000).get()).data as { openid: string }[];
    expect(entries.some((e) => e.openid === c.who)).toBe(true);
  });
});

describe('deleting a child who leaves', () => {
  const CHILD = 'demo-child-01';
  const holdingChild = async () => {
    const found: string[] = [];
    for (const c of COLLECTIONS) {
      if (c.name === 'auditLog') continue;
      const rows = (await db().collection(c.name).limit(1000).get()).data;
      if (JSON.stringify(rows).includes(CHILD)) found.push(c.name);
    }
    return found.sort();
  };

  test('with its audit entry failing, nothing is deleted', async () => {
    const before = await holdingChild();
    expect(before).toEqual(expect.arrayContaining(['bindings', 'children', 'consents', 'contactCards', 'familyCalls', 'inbox', 'outbox', 'pairings']));
    const broken = await failing(env, writesTo('auditLog'), () => env.api(DEMO.admin, 'children.purge', { childId: CHILD, confirmName: '林小禾' }, NOW));
    expect(broken).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(await holdingChild()).toEqual(before);
    expect(await env.api(DEMO.parent, 'children.get', { childId: CHILD }, NOW)).toMatchObject({ ok: true });
  });

  test('cut short after it began: the child is gone from every screen at once, and the morning run removes the rest', async () => {
    const firstRemove = (() => {
      let seen = false;
      return (body: { action?: string }) => body.action === 'database.removeDocument' && !seen && (seen = true);
    })();
    const cut = await failing(env, firstRemove, () => env.api(DEMO.admin, 'children.purge', { childId: CHILD, confirmName: '林小禾' }, NOW));
    expect(cut).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    for (const who of [DEMO.parent, DEMO.teacher, DEMO.admin])
      expect(await env.api(who, 'children.get', { childId: CHILD }, NOW)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const log = await must(DEMO.admin, 'audit.list', { schoolId: 'demo-school', childId: CHILD });
    expect(log.entries.filter((e) => e.action === 'children.purge').map((e) => e.kind)).toEqual(['delete']);
    expect((await holdingChild()).length).toBeGreaterThan(0);

    const morning = await env.emulator.timers.fire('scheduler', 'morning', new Date('2027-03-01T23:30:00Z'));
    expect(morning.result).toMatchObject({ ok: true, data: { purgesFinished: 1 } });
    expect(await holdingChild()).toEqual([]);
    expect((await db().collection('auditLog').where({ childId: CHILD }).count()).total).toBeGreaterThan(0);
  });
});
