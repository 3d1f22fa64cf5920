/**
 * The one place that decides whether a caller may run an action: the rule's roles, the place its scope names
 * (loaded from the record, core/scopes.ts), and its named check. Rules in core/access.ts (covers) and core/scopes.ts.
 */
import type { AnyAccessRule } from './handler';
import type { Database } from '../../core/cloud';
import { AppError } from '../../core/errors';
import { FORBIDDEN_SCOPE, assertHoldsRole, grantFor, hasRole, type Grant, type Principal, type Target } from '../../core/access';
import { CHECKS, SCOPE_KINDS, type CheckName, type ScopeKind } from '../../core/scopes';

type Rule = AnyAccessRule;

/** The record a rule's scope names in this input: the first named field that is present. */
export interface ScopeRequest {
  kind: ScopeKind;
  id: string;
}

export function requestedRecord(rule: Rule, input: Record<string, unknown>): ScopeRequest | null {
  if (!('roles' in rule) || typeof rule.scope === 'string') return null;
  for (const [kind, field] of Object.entries(rule.scope)) {
    if (kind === 'mine') continue;
    const id = input[field as string];
    if (typeof id === 'string' && id) return { kind: kind as ScopeKind, id };
  }
  return null;
}

export async function loadScopeRecord(db: Database, request: ScopeRequest): Promise<unknown> {
  const kind = SCOPE_KINDS[request.kind];
  const res = await db
    .collection(kind.collection)
    .doc(kind.docId ? kind.docId(request.id) : request.id)
    .get();
  return (res.data as unknown[])[0] ?? null;
}

/** The caller's own place, for rules that fall back to it: a class teacher's class, else an admin's school. */
function minePlace(principal: Principal): ScopeRequest {
  const teaches = principal.bindings.find((b) => b.role === 'teacher' && b.classId && !b.childId);
  if (teaches) return { kind: 'class', id: teaches.classId! };
  const admin = principal.bindings.find((b) => b.role === 'admin' && b.schoolId);
  if (admin) return { kind: 'school', id: admin.schoolId! };
  const county = principal.bindings.find((b) => b.role === 'county' && b.countyId);
  if (county) return { kind: 'county', id: county.countyId! };
  throw new AppError('FORBIDDEN', '您没有任教的班级，请从孩子的页面进入');
}

/** The school a place is in: what someone a record names reaches it from (any of their bindings there). */
const schoolOf = (place: Target): Target => ({ schoolId: place.schoolId, classId: null, childId: null, communityId: null });

export function checksOf(rule: Rule): readonly CheckName[] {
  if (!('roles' in rule) || !rule.check) return [];
  return typeof rule.check === 'string' ? [rule.check] : rule.check;
}

export interface AuthorizeContext {
  db: Database;
  principal: Principal;
  local: boolean;
}

/**
 * The grant for this call, or FORBIDDEN. `preloaded` is the record `requestedRecord` names, when the router already
 * started loading it (at the same time as the principal: both answers are needed, and neither depends on the other).
 */
export async function authorize(ctx: AuthorizeContext, rule: Rule, input: Record<string, unknown>, preloaded?: Promise<unknown>): Promise<Grant | null> {
  if ('anyone' in rule) return null;
  if ('adminOrLocal' in rule) {
    if (ctx.local || hasRole(ctx.principal, 'admin')) return null;
    throw new AppError('FORBIDDEN', '仅管理员可以查看');
  }
  if (typeof rule.scope === 'string') return grantFor(ctx.principal, rule.roles, null);

  // A caller without any of the roles is refused before anything about the record is told.
  assertHoldsRole(ctx.principal, rule.roles);
  let request = requestedRecord(rule, input);
  let record = request ? await (preloaded ?? loadScopeRecord(ctx.db, request)) : null;
  if (!request) {
    if (!rule.scope.mine) throw new AppError('INVALID_INPUT', '请求缺少范围（班级、孩子或学校）');
    request = minePlace(ctx.principal);
    record = await loadScopeRecord(ctx.db, request);
  }
  const kind = SCOPE_KINDS[request.kind];
  const place = record ? kind.place(record as never) : null;
  if (!place) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
  const named = place !== 'anywhere' && !!kind.named?.(record as never)?.includes(ctx.principal.openid);
  const grant: Grant = {
    ...grantFor(ctx.principal, rule.roles, place === 'anywhere' ? null : named ? schoolOf(place) : place),
    target: place === 'anywhere' ? null : place,
    record,
  };
  for (const check of checksOf(rule)) {
    const refusal = CHECKS[check].refuse({ grant, principal: ctx.principal, input });
    if (refusal) throw new AppError('FORBIDDEN', refusal);
  }
  return grant;
}
