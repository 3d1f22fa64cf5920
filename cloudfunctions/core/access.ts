/**
 * Who the caller is in the school (their live bindings), and whether a binding covers a place in the school.
 * The router loads the principal once per invocation and resolves the scope an action names; handlers get the
 * grant (the role under which access was given) to decide what the caller may see.
 */
import type { Role } from '../../typings/roles';
import type { BindingRecord, Child, SchoolClass } from '../../typings/domain';
import type { Database } from './cloud';
import { AppError } from './errors';

export type Binding = BindingRecord;

export interface Principal {
  openid: string;
  bindings: Binding[];
}

/** A resolved place: which school, class, child, community an action touches. */
export interface Target {
  schoolId: string;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  /** The loaded child or class, so handlers need not read it again. */
  child?: Child;
  schoolClass?: SchoolClass;
}

export interface Grant {
  role: Role;
  binding: Binding;
  target: Target | null;
}

/** Most privileged first: when a person holds several roles over the same child, they act as the first. */
export const ROLE_PRECEDENCE: Role[] = ['admin', 'teacher', 'community', 'guardian', 'parent', 'student'];

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.bindings.some((b) => b.role === role);
}

export async function loadPrincipal(db: Database, openid: string): Promise<Principal> {
  if (!openid) return { openid, bindings: [] };
  const res = await db.collection('bindings').where({ openid, revokedAt: null }).limit(1000).get();
  return { openid, bindings: res.data as Binding[] };
}

/** Does this binding reach the target? One rule per role, in one place. */
export function covers(binding: Binding, target: Target): boolean {
  // A school-wide target (no class, child or community named) is reached by any binding in that school;
  // the action's role list decides who may ask at all.
  if (!target.classId && !target.childId && !target.communityId) return binding.schoolId === target.schoolId;
  switch (binding.role) {
    case 'admin':
      return binding.schoolId === target.schoolId;
    case 'teacher':
      // A class teacher reaches their class; a mentor (帮扶教师) binding names one child.
      if (binding.childId) return binding.childId === target.childId;
      return !!binding.classId && binding.classId === target.classId;
    case 'parent':
    case 'guardian':
      return !!binding.childId && binding.childId === target.childId;
    case 'student':
      return !!binding.classId && binding.classId === target.classId;
    case 'community':
      return !!binding.communityId && binding.communityId === target.communityId;
  }
}

export type ScopeRef = { childId: string } | { classId: string } | { schoolId: string } | { communityId: string };

const FORBIDDEN_SCOPE = '无权访问该范围的数据';

/** Load what a scope reference points at. Unknown ids are answered like forbidden ones (no probing for ids). */
export async function resolveTarget(db: Database, ref: ScopeRef): Promise<Target> {
  if ('childId' in ref) {
    const res = await db.collection('children').doc(ref.childId).get();
    const child = res.data[0] as Child | undefined;
    if (!child || child.deletedAt) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    return { schoolId: child.schoolId, classId: child.classId, childId: child._id, communityId: child.communityId ?? null, child };
  }
  if ('classId' in ref) {
    const res = await db.collection('classes').doc(ref.classId).get();
    const schoolClass = res.data[0] as SchoolClass | undefined;
    if (!schoolClass) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    return { schoolId: schoolClass.schoolId, classId: schoolClass._id, childId: null, communityId: schoolClass.communityId ?? null, schoolClass };
  }
  if ('communityId' in ref) {
    const res = await db.collection('communities').doc(ref.communityId).get();
    const community = res.data[0] as { schoolId: string } | undefined;
    if (!community) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    return { schoolId: community.schoolId, classId: null, childId: null, communityId: ref.communityId };
  }
  return { schoolId: ref.schoolId, classId: null, childId: null, communityId: null };
}

/** The caller's strongest binding among `roles` that covers the target, or FORBIDDEN. */
export function grantFor(principal: Principal, roles: Role[], target: Target | null): Grant {
  const ranked = principal.bindings
    .filter((b) => roles.includes(b.role) && (target === null || covers(b, target)))
    .sort((a, b) => ROLE_PRECEDENCE.indexOf(a.role) - ROLE_PRECEDENCE.indexOf(b.role));
  if (ranked.length === 0) {
    const holdsRole = principal.bindings.some((b) => roles.includes(b.role));
    throw new AppError('FORBIDDEN', holdsRole ? FORBIDDEN_SCOPE : '您的身份无权进行此操作');
  }
  return { role: ranked[0].role, binding: ranked[0], target };
}

/** All children ids / class ids a principal reaches in a role, for list screens. */
export function scopeIds(principal: Principal, role: Role): { classIds: string[]; childIds: string[]; schoolIds: string[]; communityIds: string[] } {
  const mine = principal.bindings.filter((b) => b.role === role);
  const uniq = (xs: (string | null | undefined)[]) => [...new Set(xs.filter((x): x is string => !!x))];
  return {
    classIds: uniq(mine.filter((b) => !b.childId || role === 'student').map((b) => b.classId)),
    childIds: uniq(mine.map((b) => (role === 'student' ? null : b.childId))),
    schoolIds: uniq(mine.map((b) => b.schoolId)),
    communityIds: uniq(mine.map((b) => b.communityId)),
  };
}
