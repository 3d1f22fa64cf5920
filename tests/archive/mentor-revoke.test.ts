/** Removing a mentor or a leaving teacher ends their pairings, so no roster shows a mentor without reach. */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import type { BindingRecord } from '../../typings/domain';

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

async function ok<T>(p: Promise<{ ok: boolean; data?: T; error?: { message: string } }>): Promise<T> {
  const r = await p;
  if (!r.ok) throw new Error(r.error!.message);
  return r.data as T;
}

async function teacherBinding(openid: string, classId: string): Promise<string> {
  const res = await env.app.database().collection('bindings').add({
    openid,
    role: 'teacher',
    schoolId: 'demo-school',
    classId,
    childId: null,
    communityId: null,
    label: '教师',
    createdAt: new Date(),
    revokedAt: null,
  });
  return res.id as string;
}

test('revoking a mentor binding ends the pairing; the child shows as without mentor again', async () => {
  const bindingId = await teacherBinding('mentor-1', 'demo-class-5-1');
  await ok(env.api(DEMO.admin, 'care.pair', { childId: 'demo-child-03', kind: 'mentor', teacherBindingId: bindingId, name: '王老师' } as never));
  expect((await env.api('mentor-1', 'children.get', { childId: 'demo-child-03' })).ok).toBe(true);
  const people = await ok<{ people: { bindingId: string; openid: string; childId: string | null }[] }>(
    env.api(DEMO.admin, 'people.list', { schoolId: 'demo-school' }) as never,
  );
  const mentorBinding = people.people.find((p) => p.openid === 'mentor-1' && p.childId === 'demo-child-03')!;
  await ok(env.api(DEMO.admin, 'people.revoke', { bindingId: mentorBinding.bindingId }));
  expect(await env.api('mentor-1', 'children.get', { childId: 'demo-child-03' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const pairings = await env.app.database().collection('pairings').where({ childId: 'demo-child-03', kind: 'mentor' }).get();
  expect(pairings.data.every((p: { endedAt: Date | null }) => p.endedAt)).toBe(true);
  const coverage = await ok<{ uncovered: { childId: string; noMentor: boolean }[] }>(
    env.api(DEMO.admin, 'care.coverage', { classId: 'demo-class-3-1' }) as never,
  );
  expect(coverage.uncovered.find((u) => u.childId === 'demo-child-03')).toMatchObject({ noMentor: true });
});

test('a teacher who leaves (last class binding revoked) stops mentoring; one who still teaches keeps it', async () => {
  const first = await teacherBinding('mentor-2', 'demo-class-5-1');
  const second = await teacherBinding('mentor-2', 'demo-class-3-2');
  await ok(env.api(DEMO.admin, 'care.pair', { childId: 'demo-child-02', kind: 'mentor', teacherBindingId: first, name: '李老师' } as never));
  await ok(env.api(DEMO.admin, 'people.revoke', { bindingId: first }));
  expect((await env.api('mentor-2', 'children.get', { childId: 'demo-child-02' })).ok).toBe(true);
  await ok(env.api(DEMO.admin, 'people.revoke', { bindingId: second }));
  expect(await env.api('mentor-2', 'children.get', { childId: 'demo-child-02' })).toMatchObject({
    ok: false,
    error: { code: 'FORBIDDEN' },
  });
  const live = await env.app.database().collection('bindings').where({ openid: 'mentor-2', revokedAt: null }).get();
  expect(live.data as BindingRecord[]).toEqual([]);
});
