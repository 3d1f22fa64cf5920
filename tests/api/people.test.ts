/** Removing roles: a school never loses its last admin, not even to two admins removing each other at once. */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { interceptDatabase } from './faults';

jest.setTimeout(60000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

async function adminBindings() {
  const res = await env.api(DEMO.admin, 'people.list', { schoolId: 'demo-school' });
  if (!res.ok) throw new Error(res.error.message);
  return res.data.people.filter((p) => p.role === 'admin');
}

test('the only admin cannot remove their own role', async () => {
  const [only] = await adminBindings();
  expect(await env.api(DEMO.admin, 'people.revoke', { bindingId: only.bindingId })).toMatchObject({
    ok: false,
    error: { code: 'CONFLICT', message: '不能移除学校唯一的管理员' },
  });
});

test('two admins removing each other at once: one succeeds, the school keeps an admin', async () => {
  const invite = await env.api(DEMO.admin, 'invites.create', { role: 'admin', schoolId: 'demo-school' });
  if (!invite.ok) throw new Error(invite.error.message);
  expect(await env.api('second-admin', 'invites.redeem', { code: invite.data.code })).toMatchObject({ ok: true });
  const admins = await adminBindings();
  expect(admins).toHaveLength(2);
  const first = admins.find((a) => a.openid === DEMO.admin)!;
  const second = admins.find((a) => a.openid === 'second-admin')!;
  // Make the race certain: no transaction commits before both have read the school's admins (each then sees two,
  // and only a write both make can stop the second).
  let reads = 0;
  let bothRead: () => void = () => {};
  const barrier = new Promise<void>((resolve) => (bothRead = resolve));
  const restore = interceptDatabase(env, async (body, pass) => {
    if (body.action === 'database.commitTransaction') await Promise.race([barrier, new Promise((r) => setTimeout(r, 3000))]);
    const answer = await pass();
    if (body.transactionId && body.action === 'database.getDocument' && String(body.query).includes('admin') && ++reads === 2) bothRead();
    return answer;
  });
  const [a, b] = await Promise.all([
    env.api(DEMO.admin, 'people.revoke', { bindingId: second.bindingId }),
    env.api('second-admin', 'people.revoke', { bindingId: first.bindingId }),
  ]).finally(restore);
  expect(reads).toBeGreaterThanOrEqual(2);
  expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
  expect([a, b].find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: '不能移除学校唯一的管理员' } });
  const live = (await env.app.database().collection('bindings').where({ role: 'admin', schoolId: 'demo-school', revokedAt: null }).get()).data;
  expect(live).toHaveLength(1);
});

describe('people.list pages a big school', () => {
  beforeAll(async () => {
    const at = new Date();
    // 120 families of one class given their role in one import: many roles share one instant.
    const base = { schoolId: 'demo-school', classId: 'demo-class-3-2', communityId: null, createdAt: at, revokedAt: null, role: 'parent' };
    await env.app
      .database()
      .collection('bindings')
      .add(Array.from({ length: 120 }, (_, i) => ({ ...base, openid: `page-parent-${i}`, childId: `page-child-${i}`, label: `第${i + 1}个孩子的爸爸` })));
  });

  async function pages(openid: string, scope: { schoolId: string } | { classId: string }, limit?: number) {
    const seen: string[] = [];
    const sizes: number[] = [];
    let after: string | undefined;
    let total = -1;
    do {
      const res = await env.api(openid, 'people.list', { ...scope, ...(after ? { after } : {}), ...(limit ? { limit } : {}) });
      if (!res.ok) throw new Error(res.error.message);
      seen.push(...res.data.people.map((p) => p.bindingId));
      sizes.push(res.data.people.length);
      total = res.data.total;
      after = res.data.next ?? undefined;
    } while (after);
    return { seen, sizes, total };
  }

  test('every role of the school once, a page at a time, with the total', async () => {
    const all = await env.app.database().collection('bindings').where({ schoolId: 'demo-school', revokedAt: null }).limit(1000).get();
    const expected = (all.data as { _id: string }[]).map((b) => b._id).sort();
    expect(expected.length).toBeGreaterThan(120);
    const byDefault = await pages(DEMO.admin, { schoolId: 'demo-school' });
    expect(byDefault.sizes[0]).toBe(100);
    expect([...byDefault.seen].sort()).toEqual(expected);
    expect(byDefault.total).toBe(expected.length);
    const small = await pages(DEMO.admin, { schoolId: 'demo-school' }, 7);
    expect(small.sizes.every((n) => n <= 7)).toBe(true);
    expect(new Set(small.seen).size).toBe(small.seen.length);
    expect([...small.seen].sort()).toEqual(expected);
  });

  test("a teacher's pages hold only the class's people", async () => {
    const own = await pages(DEMO.teacher, { classId: 'demo-class-3-1' }, 10);
    expect(own.seen.length).toBe(own.total);
    const res = await env.api(DEMO.teacher, 'people.list', { classId: 'demo-class-3-1' });
    expect(res.ok && res.data.people.every((p) => p.classId === 'demo-class-3-1')).toBe(true);
    expect(res.ok && res.data.people.some((p) => p.openid.startsWith('page-parent-'))).toBe(false);
    expect(await env.api(DEMO.teacher, 'people.list', { classId: 'demo-class-3-2' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('a forged cursor or a page too long is refused in Chinese', async () => {
    expect(await env.api(DEMO.admin, 'people.list', { schoolId: 'demo-school', after: "x' OR 1=1" })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('翻页位置不正确，请从第一页重新查看') },
    });
    expect(await env.api(DEMO.admin, 'people.list', { schoolId: 'demo-school', limit: 101 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringContaining('每页最多 100 人') },
    });
  });
});
