/**
 * The active identity (当前身份): a person may hold several bindings (a teacher who is also a parent, a guardian of
 * two children). The one picked on 我的身份 is kept on the phone; the home page shows that binding's tiles, and
 * pages that need one scope (people, audit) start from it. Nothing here is a permission: the server decides.
 */
import type { Role } from '../../typings/roles';
import type { BindingView } from '../../typings/actions/system';
import { call } from './api';

const ACTIVE_BINDING_KEY = 'careRoom.activeBinding';

export function getActiveBindingId(): string | null {
  try {
    const stored: unknown = wx.getStorageSync(ACTIVE_BINDING_KEY);
    return typeof stored === 'string' && stored ? stored : null;
  } catch {
    return null;
  }
}

/** Remember the picked binding; null goes back to showing every binding. */
export function setActiveBindingId(id: string | null): void {
  try {
    if (id) wx.setStorageSync(ACTIVE_BINDING_KEY, id);
    else wx.removeStorageSync(ACTIVE_BINDING_KEY);
  } catch {
    // storage full or unavailable: the home page simply shows every binding
  }
}

/** The stored active binding, when the caller still holds it. */
export function activeBinding(bindings: BindingView[]): BindingView | null {
  const id = getActiveBindingId();
  return (id && bindings.find((b) => b.id === id)) || null;
}

/**
 * The binding a page with one of these roles should act in: the active one when it has such a role, otherwise the
 * first binding with the first role listed (e.g. ['admin', 'teacher']: the school before a class).
 */
export function bindingFor(bindings: BindingView[], roles: readonly Role[]): BindingView | null {
  const active = activeBinding(bindings);
  if (active && roles.includes(active.role)) return active;
  for (const role of roles) {
    const b = bindings.find((x) => x.role === role);
    if (b) return b;
  }
  return null;
}

/**
 * The school an admin page works on: the one its url names (home opens it with ?schoolId=), else the school of the
 * caller's admin binding (one whoami call). null: the caller is no admin.
 */
export async function adminSchoolId(fromUrl: string): Promise<string | null> {
  if (fromUrl) return fromUrl;
  const me = await call('whoami', {});
  return bindingFor(me.bindings, ['admin'])?.schoolId || null;
}
