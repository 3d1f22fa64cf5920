/**
 * Who the caller is in the school (their live bindings), and whether a binding covers a place in the school.
 * The router loads the principal once per invocation and the record an action's scope names (core/scopes.ts);
 * handlers get the grant (the role under which access was given, and that record) to decide what the caller may see.
 */
import type { Role } from '../../typings/roles';
import type { BindingRecord, Child, SchoolClass } from '../../typings/domain';
import type { Database } from './cloud';
import { AppError } from './errors';
import { COLLECTION } from './collections';

/** A binding as loaded with its principal; a township binding carries the communities of its township. */
export type Binding = BindingRecord & {
  /** For a 儿童督导员 (township role): the communities of their township, read with the bindings. */
  communityIds?: string[];
};

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
  /** A township (乡镇/街道) itself, when the target is one. */
  townshipId?: string | null;
  /** The county a school (or the county itself) belongs to: what a county admin's binding reaches. */
  countyId?: string | null;
  /** The loaded child or class, so handlers need not read it again. */
  child?: Child;
  schoolClass?: SchoolClass;
}

/** The role and binding under which access was given, the place, and the record the rule named (null if none). */
export interface Grant<R = unknown> {
  role: Role;
  binding: Binding;
  target: Target | null;
  record: R;
}

/** Most privileged first: when a person holds several roles over the same child, they act as the first. */
export const ROLE_PRECEDENCE: Role[] = ['admin', 'teacher', 'community', 'township', 'guardian', 'parent', 'student', 'county'];

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.bindings.some((b) => b.role === role);
}

export async function loadPrincipal(db: Database, openid: string): Promise<Principal> {
  if (!openid) return { openid, bindings: [] };
  const res = await db.collection(COLLECTION.bindings).where({ openid, revokedAt: null }).limit(1000).get();
  return { openid, bindings: await withTownshipReach(db, res.data as Binding[]) };
}

/** A 儿童督导员 reaches the communities of their township: one more read, only for people who hold that role. */
async function withTownshipReach(db: Database, bindings: Binding[]): Promise<Binding[]> {
  const townshipIds = [...new Set(bindings.map((b) => (b.role === 'township' ? b.townshipId : null)).filter((x): x is string => !!x))];
  if (!townshipIds.length) return bindings;
  const res = await db
    .collection(COLLECTION.communities)
    .where({ townshipId: db.command.in(townshipIds) })
    .field({ townshipId: true })
    .limit(1000)
    .get();
  const communities = res.data as { _id: string; townshipId: string }[];
  return bindings.map((b) => (b.role === 'township' ? { ...b, communityIds: communities.filter((c) => c.townshipId === b.townshipId).map((c) => c._id) } : b));
}

/** Does this binding reach the target? One rule per role, in one place. */
export function covers(binding: Binding, target: Target): boolean {
  // A county admin reaches its county and, school-wide only, the schools in it: never a class, a child or a community.
  if (binding.role === 'county') return !!binding.countyId && binding.countyId === target.countyId && !target.classId && !target.childId && !target.communityId;
  // A school-wide target (no class, child or community named) is reached by any binding in that school;
  // the action's role list decides who may ask at all.
  if (!target.classId && !target.childId && !target.communityId && !target.townshipId) return binding.schoolId === target.schoolId;
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
      // 儿童主任: the children and records of their village or neighbourhood.
      return !!binding.communityId && binding.communityId === target.communityId;
    case 'township':
      // 儿童督导员: their township, and every community in it.
      if (target.townshipId) return !!binding.townshipId && binding.townshipId === target.townshipId;
      return !!target.communityId && (binding.communityIds ?? []).includes(target.communityId);
  }
}

/** Unknown ids are answered exactly like someone else's: no probing for ids. */
export const FORBIDDEN_SCOPE = '无权访问该范围的数据';

/** FORBIDDEN unless the caller holds one of `roles` somewhere (where is the scope's question). */
export function assertHoldsRole(principal: Principal, roles: readonly Role[]): void {
  if (!principal.bindings.some((b) => roles.includes(b.role))) throw new AppError('FORBIDDEN', '您的身份无权进行此操作');
}

/** The caller's strongest binding among `roles` that covers the target, or FORBIDDEN. */
export function grantFor(principal: Principal, roles: readonly Role[], target: Target | null): Grant<null> {
  assertHoldsRole(principal, roles);
  const ranked = principal.bindings
    .filter((b) => roles.includes(b.role) && (target === null || covers(b, target)))
    .sort((a, b) => ROLE_PRECEDENCE.indexOf(a.role) - ROLE_PRECEDENCE.indexOf(b.role));
  if (ranked.length === 0) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  return { role: ranked[0].role, binding: ranked[0], target, record: null };
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
