/**
 * wx storage, kept in the browser's localStorage: one storage per identity (each demo identity is a different
 * person on a different phone), except the local identity itself, which belongs to the device.
 */
import { DEFAULT_IDENTITY, IDENTITY_KEY } from './identity';

const DEVICE = 'pv.device.';

export function identity(): string {
  const stored = localStorage.getItem(DEVICE + IDENTITY_KEY);
  const value = stored ? (JSON.parse(stored) as unknown) : '';
  return typeof value === 'string' && value ? value : DEFAULT_IDENTITY;
}

function storageKey(key: string): string {
  return key === IDENTITY_KEY ? DEVICE + key : `pv.storage.${identity()}.${key}`;
}

export function getItem(key: string): unknown {
  const raw = localStorage.getItem(storageKey(String(key)));
  return raw === null ? '' : (JSON.parse(raw) as unknown);
}

export function setItem(key: string, value: unknown): void {
  if (value === undefined) throw new Error('setStorageSync:fail parameter error: data should not be undefined');
  localStorage.setItem(storageKey(String(key)), JSON.stringify(value));
}

export function removeItem(key: string): void {
  localStorage.removeItem(storageKey(String(key)));
}

/** Keys of this identity's storage. */
export function keys(): string[] {
  const prefix = `pv.storage.${identity()}.`;
  const own = Object.keys(localStorage)
    .filter((k) => k.startsWith(prefix))
    .map((k) => k.slice(prefix.length));
  return localStorage.getItem(DEVICE + IDENTITY_KEY) === null ? own : [...own, IDENTITY_KEY];
}

export function clear(): void {
  for (const k of keys()) if (k !== IDENTITY_KEY) removeItem(k);
}

export function setIdentity(openid: string): void {
  setItem(IDENTITY_KEY, openid);
}

/** A per-identity value of the preview itself (privacy agreement, remembered subscribe answers). */
export function ownValue<T>(name: string): { get(): T | null; set(v: T): void } {
  const key = () => `pv.own.${identity()}.${name}`;
  return {
    get: () => JSON.parse(localStorage.getItem(key()) ?? 'null') as T | null,
    set: (v) => localStorage.setItem(key(), JSON.stringify(v)),
  };
}
