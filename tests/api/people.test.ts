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
