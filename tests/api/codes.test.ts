/**
 * Guessing one-time codes: the lock after 5 wrong tries holds even when the guesses come all at once, for invite
 * codes and for the bootstrap code alike.
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import { DEMO_OPENIDS as DEMO } from '../../scripts/demo-data';
import { hashCode, MAX_FAILURES } from '../../cloudfunctions/core/codes';
import { countRequests } from './faults';

jest.setTimeout(60000);

let env: TestEmulator;
beforeAll(async () => {
  env = await startEmulator({ seedDemo: true });
});
afterAll(() => env.stop());

const guesses = (n: number) => Array.from({ length: n }, (_, i) => `WXYZ-${String(2000 + i).replace(/[01]/g, '9')}`);

test('50 wrong invite codes at once from one new OPENID: at most 5 are checked, then the caller is locked', async () => {
  const invite = await env.api(DEMO.teacher, 'invites.create', { role: 'student', classId: 'demo-class-3-1' });
  if (!invite.ok) throw new Error(invite.error.message);
  let answers: Awaited<ReturnType<typeof env.api<'invites.redeem'>>>[] = [];
  const lookups = await countRequests(
    env,
    (body) => body.collectionName === 'invites' && body.action === 'database.getDocument',
    async () => {
      answers = await Promise.all(guesses(50).map((code) => env.api('racer', 'invites.redeem', { code })));
    },
  );
  expect(lookups).toBeLessThanOrEqual(MAX_FAILURES);
  expect(answers.every((a) => !a.ok)).toBe(true);
  const codes = answers.map((a) => (a.ok ? 'ok' : a.error.code));
  expect(codes.filter((c) => c === 'NOT_FOUND').length).toBeLessThanOrEqual(MAX_FAILURES - 1);
  expect(codes.filter((c) => c !== 'NOT_FOUND').every((c) => c === 'RATE_LIMITED')).toBe(true);
  // Locked: even the right code is refused now, and nobody else is affected.
  expect(await env.api('racer', 'invites.redeem', { code: invite.data.code })).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED' },
  });
  expect(await env.api('patient-kid', 'invites.redeem', { code: invite.data.code })).toMatchObject({ ok: true });
});

test('a right code does not count as a wrong one, even among wrong ones sent at the same time', async () => {
  const invite = await env.api(DEMO.teacher, 'invites.create', { role: 'student', classId: 'demo-class-3-1' });
  if (!invite.ok) throw new Error(invite.error.message);
  const answers = await Promise.all([invite.data.code, ...guesses(3)].map((code) => env.api('typo-kid', 'invites.redeem', { code })));
  expect(answers[0]).toMatchObject({ ok: true });
  expect(answers.slice(1).map((a) => !a.ok && a.error.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
  // Three wrong tries so far: the fourth is answered with one try left, the fifth locks.
  expect(await env.api('typo-kid', 'invites.redeem', { code: 'QQQQ-QQQQ' })).toMatchObject({
    ok: false,
    error: { code: 'NOT_FOUND', message: expect.stringContaining('还可尝试 1 次') },
  });
  expect(await env.api('typo-kid', 'invites.redeem', { code: 'QQQQ-QQQR' })).toMatchObject({
    ok: false,
    error: { code: 'RATE_LIMITED', message: expect.stringContaining('已锁定') },
  });
});

describe('the bootstrap code of an empty deployment', () => {
  let empty: TestEmulator;
  beforeAll(async () => {
    empty = await startEmulator();
    await empty.app
      .database()
      .collection('settings')
      .doc('bootstrap')
      .set({ codeHash: hashCode('BOOT-2345'), usedAt: null });
  });
  afterAll(() => empty.stop());

  test('50 wrong guesses at once: at most 5 are compared, then the right code is refused to that caller', async () => {
    const answers = await Promise.all(guesses(50).map((code) => empty.api('claimer', 'setup.claimAdmin', { code, schoolName: '山里小学' })));
    const checked = answers.filter((a) => !a.ok && (a.error.message.includes('不正确') || a.error.message.includes('已锁定')));
    expect(checked.length).toBeLessThanOrEqual(MAX_FAILURES);
    expect(answers.every((a) => !a.ok && (a.error.code === 'NOT_FOUND' || a.error.code === 'RATE_LIMITED'))).toBe(true);
    expect(await empty.api('claimer', 'setup.claimAdmin', { code: 'BOOT-2345', schoolName: '山里小学' })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    expect(await empty.api('principal', 'setup.claimAdmin', { code: 'BOOT-2345', schoolName: '山里小学' })).toMatchObject({ ok: true });
  });
});
