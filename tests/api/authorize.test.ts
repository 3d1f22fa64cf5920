/** The access decision itself, outside the emulator: production (not local) rules and role precedence. */
import { authorize } from '../../cloudfunctions/api/src/authorize';
import { covers, grantFor, type Binding, type Principal } from '../../cloudfunctions/core/access';
import { AppError } from '../../cloudfunctions/core/errors';

const binding = (over: Partial<Binding>): Binding => ({
  _id: 'b',
  openid: 'o',
  role: 'teacher',
  schoolId: 's1',
  classId: null,
  childId: null,
  communityId: null,
  label: '',
  createdAt: new Date(),
  revokedAt: null,
  ...over,
});

const ctxFor = (bindings: Binding[], local: boolean) => ({ local, principal: { openid: 'o', bindings } as Principal }) as never;

test('meta.actions (adminOrLocal) is refused to a non-admin in production and allowed locally', async () => {
  const rule = { adminOrLocal: true } as const;
  await expect(authorize(ctxFor([binding({ role: 'teacher', classId: 'c1' })], false), rule, {})).rejects.toMatchObject({
    code: 'FORBIDDEN',
  });
  await expect(authorize(ctxFor([binding({ role: 'admin' })], false), rule, {})).resolves.toBeNull();
  await expect(authorize(ctxFor([], true), rule, {})).resolves.toBeNull();
});

test('a role rule checks the role before touching the database', async () => {
  const rule = { roles: ['admin' as const], scope: { child: 'childId' } };
  // No db in the context: loading the child would throw a TypeError instead of FORBIDDEN.
  await expect(authorize(ctxFor([binding({ role: 'parent', childId: 'x' })], false), rule, { childId: 'x' })).rejects.toBeInstanceOf(AppError);
});

test('covers: one rule per role', () => {
  const child = { schoolId: 's1', classId: 'c1', childId: 'k1', communityId: 'v1' };
  expect(covers(binding({ role: 'admin' }), child)).toBe(true);
  expect(covers(binding({ role: 'admin', schoolId: 's2' }), child)).toBe(false);
  expect(covers(binding({ role: 'teacher', classId: 'c1' }), child)).toBe(true);
  expect(covers(binding({ role: 'teacher', classId: 'c2' }), child)).toBe(false);
  expect(covers(binding({ role: 'teacher', classId: 'c2', childId: 'k1' }), child)).toBe(true); // mentor of this child
  expect(covers(binding({ role: 'teacher', classId: 'c1', childId: 'k9' }), child)).toBe(false); // mentor of another child only
  expect(covers(binding({ role: 'parent', childId: 'k1' }), child)).toBe(true);
  expect(covers(binding({ role: 'parent', childId: 'k2', classId: 'c1' }), child)).toBe(false);
  expect(covers(binding({ role: 'student', classId: 'c1' }), child)).toBe(true);
  expect(covers(binding({ role: 'community', communityId: 'v1' }), child)).toBe(true);
  expect(covers(binding({ role: 'community', communityId: 'v2' }), child)).toBe(false);
});

test('someone holding several roles over the same child acts under the strongest', () => {
  const target = { schoolId: 's1', classId: 'c1', childId: 'k1', communityId: null };
  const principal = { openid: 'o', bindings: [binding({ role: 'parent', childId: 'k1' }), binding({ role: 'teacher', classId: 'c1' })] };
  expect(grantFor(principal, ['teacher', 'parent'], target).role).toBe('teacher');
  expect(grantFor(principal, ['parent'], target).role).toBe('parent');
  expect(() => grantFor(principal, ['admin'], target)).toThrow('您的身份无权进行此操作');
});
