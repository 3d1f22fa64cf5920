/**
 * First screens that stay readable without signal: each answer is kept on the phone (only what the server showed
 * this role, and dropped when the role is removed: services/offline.ts); when the network is down the kept answer is
 * shown, with the time it was loaded. A refusal drops what was kept.
 */
import { call, CallError } from '../../../services/api';
import { offlineNames, readOffline, removeOffline, writeOffline } from '../../../services/offline';
import type { ActionInput, ActionName, ActionOutput } from '../../../../typings/actions';

/** Child views kept at most (the oldest go first). */
const MAX_CHILDREN = 40;

interface Kept<T> {
  at: string;
  data: T;
}

export interface Loaded<T> {
  data: T;
  /** When the shown answer was loaded, if it is a kept one (no signal now); null for a fresh answer. */
  keptAt: string | null;
}

export async function loadKept<A extends ActionName>(name: string, action: A, input: ActionInput<A>): Promise<Loaded<ActionOutput<A>>> {
  try {
    const data = await call(action, input);
    writeOffline(name, { at: new Date().toISOString(), data } satisfies Kept<ActionOutput<A>>);
    if (name.startsWith('child.')) for (const old of offlineNames('child.').slice(0, -MAX_CHILDREN)) removeOffline(old);
    return { data, keptAt: null };
  } catch (err) {
    if (err instanceof CallError && err.code === 'NETWORK') {
      const kept = readOffline<Kept<ActionOutput<A>>>(name);
      if (kept) return { data: kept.data, keptAt: kept.at };
    }
    if (err instanceof CallError && err.code === 'FORBIDDEN') removeOffline(name);
    throw err;
  }
}

/** What was kept under this name, if anything (to open a form without signal). */
export function kept<T>(name: string): T | null {
  return readOffline<Kept<T>>(name)?.data ?? null;
}
