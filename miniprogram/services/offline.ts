/**
 * What the phone keeps to work without signal (the 儿童主任's last register and child views, visits waiting to be
 * sent), all under one prefix with an index of its keys, so it can be dropped at once. It is kept for the community
 * roles the person holds; when one of them is gone (the role was removed), whoami on the home page finds it and
 * everything kept is forgotten: a removed 儿童主任's phone no longer shows the children.
 */
import type { BindingView } from '../../typings/actions/system';

const PREFIX = 'careRoom.offline.';
const INDEX = `${PREFIX}index`;
const OWNERS = `${PREFIX}owners`;

function read<T>(key: string): T | null {
  try {
    const v: unknown = wx.getStorageSync(key);
    return v === '' || v === undefined || v === null ? null : (v as T);
  } catch {
    return null;
  }
}

function keys(): string[] {
  return read<string[]>(INDEX) ?? [];
}

export function readOffline<T>(name: string): T | null {
  return read<T>(PREFIX + name);
}

/** Keep a value (false when the phone's storage refused it, e.g. full: the page still works, only not offline). */
export function writeOffline(name: string, value: unknown): boolean {
  try {
    wx.setStorageSync(PREFIX + name, value);
    const known = keys();
    if (!known.includes(name)) wx.setStorageSync(INDEX, [...known, name]);
    return true;
  } catch {
    return false;
  }
}

/** Keep a value without holding up the page (wx.setStorage): a form saved as it is typed. */
export function writeOfflineSoon(name: string, value: unknown): void {
  const known = keys();
  if (!known.includes(name)) wx.setStorageSync(INDEX, [...known, name]);
  wx.setStorage({ key: PREFIX + name, data: value });
}

export function removeOffline(name: string): void {
  try {
    wx.removeStorageSync(PREFIX + name);
    wx.setStorageSync(
      INDEX,
      keys().filter((k) => k !== name),
    );
  } catch {
    // nothing to do: it is gone or storage is unavailable
  }
}

/** The names kept under a prefix ('child.' → every cached child view). */
export function offlineNames(prefix: string): string[] {
  return keys().filter((k) => k.startsWith(prefix));
}

export function forgetEverything(): void {
  for (const name of keys()) wx.removeStorageSync(PREFIX + name);
  wx.removeStorageSync(INDEX);
}

const COMMUNITY_ROLES = new Set(['community', 'township']);

/**
 * With the caller's bindings from whoami: if a community role the phone kept data for is no longer held, forget all
 * of it; then remember the community roles held now.
 */
export function forgetUnbound(bindings: BindingView[]): void {
  try {
    const now = bindings.filter((b) => COMMUNITY_ROLES.has(b.role)).map((b) => b.id);
    const kept = read<string[]>(OWNERS) ?? [];
    if (kept.some((id) => !now.includes(id))) forgetEverything();
    wx.setStorageSync(OWNERS, now);
  } catch {
    // storage unavailable: nothing was kept either
  }
}
