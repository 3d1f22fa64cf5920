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
 * The school an admin page works on, when the caller is an admin of it (one whoami call): the school its url names
 * (home opens it with ?schoolId=) if one of the caller's admin bindings is for that school, else, with none in the
 * url, the school of the caller's admin binding. null: not an admin of it, and the page shows its forbidden state.
 * A school id in a url is no permission (anyone can type one); the server still decides every action.
 */
export async function adminSchoolId(fromUrl: string): Promise<string | null> {
  const me = await call('whoami', {});
  const admin = me.bindings.filter((b) => b.role === 'admin' && b.schoolId);
  if (fromUrl) return admin.some((b) => b.schoolId === fromUrl) ? fromUrl : null;
  return bindingFor(admin, ['admin'])?.schoolId || null;
}

/**
 * Whether the caller keeps the roster of this class (its teacher) or of the school (its admin), by the caller's
 * bindings (one whoami call): pages that add or import pupils show their form only then, and the forbidden state to
 * a parent, student or community worker. Without a class, only an admin (of the school, when it is named) does.
 */
export async function keepsRoster(place: { classId?: string; schoolId?: string }): Promise<boolean> {
  const me = await call('whoami', {});
  return me.bindings.some(
    (b) =>
      (b.role === 'admin' && (!place.schoolId || b.schoolId === place.schoolId)) || (b.role === 'teacher' && !!place.classId && b.classId === place.classId),
  );
}
