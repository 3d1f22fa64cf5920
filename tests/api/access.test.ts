/**
 * The access rules themselves (core/access.ts), role by role: whom a binding covers, which binding a call is granted
 * under, the ids a list screen reaches, and the principal as loaded through the real SDK (live bindings only, a
 * 儿童督导员's township communities with them).
 */
import { startEmulator, type TestEmulator } from '../helpers/emulator';
import {
  assertHoldsRole,
  covers,
  FORBIDDEN_SCOPE,
  grantFor,
  hasRole,
  loadPrincipal,
  scopeIds,
  type Binding,
  type Target,
} from '../../cloudfunctions/core/access';
import type { Role } from '../../typings/roles';

const binding = (over: Partial<Binding>): Binding => ({
  _id: 'b',
  openid: 'o',
  role: 'teacher',
  schoolId: 's1',
  classId: null,
  childId: null,
  communityId: null,
  label: '',
  createdAt: new Date(0),
  revokedAt: null,
  ...over,
});
const place = (over: Partial<Target>): Target => ({ schoolId: 's1', classId: null, childId: null, communityId: null, ...over });

describe('covers', () => {
  const child = place({ classId: 'c1', childId: 'k1', communityId: 'v1', countyId: 'x1' });
  const school = place({ countyId: 'x1' });

  test('a county admin reaches its county’s schools school-wide, never a class, a child or a community', () => {
    const county = binding({ role: 'county', schoolId: null, countyId: 'x1' });
    expect(covers(county, school)).toBe(true);
    expect(covers(county, place({ countyId: 'x2' }))).toBe(false);
    expect(covers(binding({ role: 'county', schoolId: null, countyId: null }), place({ countyId: null }))).toBe(false);
    expect(covers(county, child)).toBe(false);
    expect(covers(county, place({ countyId: 'x1', classId: 'c1' }))).toBe(false);
    expect(covers(county, place({ countyId: 'x1', childId: 'k1' }))).toBe(false);
    expect(covers(county, place({ countyId: 'x1', communityId: 'v1' }))).toBe(false);
  });

  test('a school-wide target is reached by any binding in that school, and by none elsewhere', () => {
    for (const role of ['teacher', 'parent', 'student', 'community', 'admin'] as Role[]) {
      expect(covers(binding({ role, childId: 'k9', classId: 'c9' }), school)).toBe(true);
      expect(covers(binding({ role, schoolId: 's2' }), school)).toBe(false);
    }
    // a township target is not school-wide: the school's admin and the township's 儿童督导员 reach it, not a teacher
    expect(covers(binding({ role: 'admin' }), place({ townshipId: 't1' }))).toBe(true);
    expect(covers(binding({ role: 'teacher', classId: 'c1' }), place({ townshipId: 't1' }))).toBe(false);
    expect(covers(binding({ role: 'township', townshipId: 't1' }), place({ townshipId: 't1' }))).toBe(true);
    expect(covers(binding({ role: 'township', townshipId: 't2' }), place({ townshipId: 't1' }))).toBe(false);
    expect(covers(binding({ role: 'township', townshipId: null }), place({ townshipId: 't1' }))).toBe(false);
  });

  test('teachers, families and students: their class or their child, nothing without one', () => {
    expect(covers(binding({ role: 'teacher', classId: null }), place({ classId: null, childId: 'k1' }))).toBe(false);
    expect(covers(binding({ role: 'guardian', childId: 'k1' }), child)).toBe(true);
    expect(covers(binding({ role: 'guardian', childId: 'k2' }), child)).toBe(false);
    expect(covers(binding({ role: 'parent', childId: null }), place({ classId: 'c1', childId: null, communityId: 'v1' }))).toBe(false);
    expect(covers(binding({ role: 'student', classId: 'c2' }), child)).toBe(false);
    expect(covers(binding({ role: 'student', classId: null }), place({ classId: null, childId: 'k1' }))).toBe(false);
    expect(covers(binding({ role: 'community', communityId: null }), place({ communityId: null, childId: 'k1' }))).toBe(false);
  });

  test('a 儿童督导员 reaches the communities of their township (as loaded with the binding), no other', () => {
    const supervisor = binding({ role: 'township', townshipId: 't1', communityIds: ['v1', 'v2'] });
    expect(covers(supervisor, child)).toBe(true);
    expect(covers(supervisor, place({ communityId: 'v3', childId: 'k3' }))).toBe(false);
    expect(covers(supervisor, place({ communityId: null, classId: 'c1' }))).toBe(false);
    expect(covers(binding({ role: 'township', townshipId: 't1' }), child)).toBe(false);
  });
});

describe('grants', () => {
  const target = place({ classId: 'c1', childId: 'k1', communityId: 'v1' });

  test('the strongest covering binding wins, whatever order the bindings come in', () => {
    const roles: Role[] = ['admin', 'teacher', 'community', 'township', 'guardian', 'parent', 'student'];
    const all = [
      binding({ _id: 'p', role: 'parent', childId: 'k1' }),
      binding({ _id: 'g', role: 'guardian', childId: 'k1' }),
      binding({ _id: 'c', role: 'community', communityId: 'v1' }),
      binding({ _id: 't', role: 'teacher', classId: 'c1' }),
      binding({ _id: 'a', role: 'admin' }),
      binding({ _id: 's', role: 'student', classId: 'c1' }),
      binding({ _id: 'w', role: 'township', townshipId: 't1', communityIds: ['v1'] }),
    ];
    expect(grantFor({ openid: 'o', bindings: all }, roles, target)).toMatchObject({ role: 'admin', binding: { _id: 'a' }, target, record: null });
    expect(grantFor({ openid: 'o', bindings: [...all].reverse() }, roles, target).role).toBe('admin');
    expect(grantFor({ openid: 'o', bindings: all.filter((b) => b.role !== 'admin') }, roles, target).role).toBe('teacher');
    expect(grantFor({ openid: 'o', bindings: all.filter((b) => !['admin', 'teacher'].includes(b.role)) }, roles, target).role).toBe('community');
    expect(grantFor({ openid: 'o', bindings: [all[0], all[1]] }, roles, target).role).toBe('guardian');
    expect(grantFor({ openid: 'o', bindings: [all[5], all[0]] }, roles, target).role).toBe('parent');
  });

  test('holding a role somewhere else is not enough: the unknown-looking refusal; no role at all: the role refusal', () => {
    const elsewhere = { openid: 'o', bindings: [binding({ role: 'teacher', classId: 'c2' })] };
    expect(() => grantFor(elsewhere, ['teacher'], target)).toThrow(expect.objectContaining({ code: 'FORBIDDEN', message: FORBIDDEN_SCOPE }));
    expect(() => grantFor({ openid: 'o', bindings: [] }, ['teacher'], null)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(grantFor(elsewhere, ['teacher'], null)).toMatchObject({ role: 'teacher', target: null });
    expect(() => grantFor({ openid: 'o', bindings: [] }, ['teacher'], null)).toThrow('您的身份无权进行此操作');
    expect(() => assertHoldsRole(elsewhere, ['admin', 'parent'])).toThrow('您的身份无权进行此操作');
    expect(() => assertHoldsRole(elsewhere, ['admin', 'teacher'])).not.toThrow();
    expect(hasRole(elsewhere, 'teacher')).toBe(true);
    expect(hasRole(elsewhere, 'admin')).toBe(false);
    const both = { openid: 'o', bindings: [binding({ role: 'parent', childId: 'k1' }), binding({ role: 'teacher', classId: 'c1' })] };
    expect(hasRole(both, 'teacher')).toBe(true);
    expect(hasRole(both, 'parent')).toBe(true);
  });

  test('a list screen’s ids per role: class ids only from class bindings (a student’s from theirs), child ids from child bindings', () => {
    const principal = {
      openid: 'o',
      bindings: [
        binding({ role: 'teacher', classId: 'c1' }),
        binding({ role: 'teacher', classId: 'c2', childId: 'k7' }),
        binding({ role: 'teacher', classId: 'c1', schoolId: 's1' }),
        binding({ role: 'community', communityId: 'v1', schoolId: 's2' }),
        binding({ role: 'student', classId: 'c3', childId: 'k3' }),
      ],
    };
    expect(scopeIds(principal, 'teacher')).toEqual({ classIds: ['c1'], childIds: ['k7'], schoolIds: ['s1'], communityIds: [] });
    expect(scopeIds(principal, 'student')).toEqual({ classIds: ['c3'], childIds: [], schoolIds: ['s1'], communityIds: [] });
    expect(scopeIds(principal, 'community')).toEqual({ classIds: [], childIds: [], schoolIds: ['s2'], communityIds: ['v1'] });
    expect(scopeIds(principal, 'admin')).toEqual({ classIds: [], childIds: [], schoolIds: [], communityIds: [] });
  });
});

describe('the principal, through the real SDK', () => {
  let env: TestEmulator;
  beforeAll(async () => {
    env = await startEmulator();
    const db = env.app.database();
    await db.collection('communities').add([
      { _id: 'v1', schoolId: 's1', name: '青山村', townshipId: 't1' },
      { _id: 'v2', schoolId: 's1', name: '河西村', townshipId: 't1' },
      { _id: 'v3', schoolId: 's1', name: '东岭村', townshipId: 't2' },
    ]);
    await db.collection('bindings').add([
      binding({ _id: 'b1', openid: 'sup', role: 'township', townshipId: 't1' }),
      binding({ _id: 'b2', openid: 'sup', role: 'teacher', classId: 'c1' }),
      binding({ _id: 'b3', openid: 'sup', role: 'parent', childId: 'k1', revokedAt: new Date(0) }),
      binding({ _id: 'b4', openid: 'teach', role: 'teacher', classId: 'c1' }),
      binding({ _id: 'b5', openid: 'sup2', role: 'township', townshipId: 't1' }),
      binding({ _id: 'b6', openid: 'sup2', role: 'township', townshipId: 't2' }),
      // a stored binding without an OPENID is nobody's: a caller without one gets nothing from it
      binding({ _id: 'b7', openid: '', role: 'admin' }),
    ]);
  });
  afterAll(() => env.stop());

  test('live bindings only; a 儿童督导员’s binding carries exactly the communities of their township', async () => {
    const sup = await loadPrincipal(env.app.database(), 'sup');
    expect(sup.openid).toBe('sup');
    expect(sup.bindings.map((b) => [b._id, b.communityIds?.sort()]).sort()).toEqual([
      ['b1', ['v1', 'v2']],
      ['b2', undefined],
    ]);
    // two townships: each binding carries its own township's communities only
    const sup2 = await loadPrincipal(env.app.database(), 'sup2');
    expect(sup2.bindings.map((b) => [b._id, b.communityIds?.sort()]).sort()).toEqual([
      ['b5', ['v1', 'v2']],
      ['b6', ['v3']],
    ]);
    const teacher = await loadPrincipal(env.app.database(), 'teach');
    expect(teacher.bindings.map((b) => [b._id, b.communityIds])).toEqual([['b4', undefined]]);
  });

  test('no OPENID, or one without bindings, is nobody', async () => {
    expect(await loadPrincipal(env.app.database(), '')).toEqual({ openid: '', bindings: [] });
    expect(await loadPrincipal(env.app.database(), 'stranger')).toEqual({ openid: 'stranger', bindings: [] });
  });
});
