/**
 * Who the caller is in the school: their live bindings. Loaded once per invocation by the router.
 */
import type { Role } from '../../typings/roles';
import type { Database } from './cloud';

export interface Binding {
  _id: string;
  openid: string;
  role: Role;
  schoolId: string | null;
  classId: string | null;
  childId: string | null;
  communityId: string | null;
  createdAt: Date;
  revokedAt?: Date | null;
}

export interface Principal {
  openid: string;
  bindings: Binding[];
}

export function hasRole(principal: Principal, role: Role): boolean {
  return principal.bindings.some((b) => b.role === role);
}

export async function loadPrincipal(db: Database, openid: string): Promise<Principal> {
  if (!openid) return { openid, bindings: [] };
  const res = await db.collection('bindings').where({ openid, revokedAt: null }).limit(1000).get();
  return { openid, bindings: res.data as Binding[] };
}
