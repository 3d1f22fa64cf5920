/**
 * How a page loads its first screen, the same on every page; the page shows it with <screen-state> (loading, error
 * with 重试, forbidden) and its own content once data.state is 'ready' (or a state of its own, such as 'unbound'):
 *   - state 'loading' while `load` runs (unless `refresh`: the screen shown stays until the answer is in);
 *   - `load` sets the state it ends in ('ready', 'forbidden', ...);
 *   - if it throws, state 'error' with the Chinese message and 重试; a refusal (FORBIDDEN: someone else's child, a
 *     role that may not open the page) is state 'forbidden' with the server's reason, since no retry changes it;
 *   - a newer load makes an older one stale: `screen.current()` says whether this load is still the latest, and an
 *     older load's error is dropped.
 *
 *   load() {
 *     return loadScreen(this, async (screen) => {
 *       const page = await call('inbox.list', { limit: PAGE_SIZE });
 *       if (screen.current()) this.setData({ state: 'ready', items: rows(page.items) });
 *     });
 *   },
 */
import { CallError, errorMessage } from './api';
import { instanceState } from './instance';
import { adminSchoolId } from './session';

interface Page {
  setData(data: WechatMiniprogram.IAnyObject): void;
}

export interface Screen {
  /** Whether this load is still the page's latest. */
  current(): boolean;
}

const loads = instanceState(() => ({ latest: 0 }));

/** Resolves true when this load finished and is still the latest. */
export async function loadScreen(page: Page, load: (screen: Screen) => Promise<void>, options: { refresh?: boolean } = {}): Promise<boolean> {
  const record = loads(page);
  const seq = ++record.latest;
  const screen: Screen = { current: () => record.latest === seq };
  if (!options.refresh) page.setData({ state: 'loading', errorMessage: '' });
  try {
    await load(screen);
    return screen.current();
  } catch (err) {
    const refused = err instanceof CallError && err.code === 'FORBIDDEN';
    if (screen.current()) page.setData({ state: refused ? 'forbidden' : 'error', errorMessage: errorMessage(err) });
    return false;
  }
}

/**
 * loadScreen for a page an admin uses for one school: the school the url names (home passes ?schoolId=) or, without
 * one, the school of the caller's admin binding; someone who is not an admin of that school sees the page's
 * 'forbidden' state (a teacher opening the page with a school id in its url included).
 */
export function loadAdminScreen(
  page: Page & { data: { schoolId: string } },
  load: (schoolId: string, screen: Screen) => Promise<void>,
  options: { refresh?: boolean } = {},
): Promise<boolean> {
  return loadScreen(
    page,
    async (screen) => {
      const schoolId = await adminSchoolId(page.data.schoolId);
      if (!screen.current()) return;
      if (!schoolId) {
        page.setData({ state: 'forbidden' });
        return;
      }
      page.setData({ schoolId });
      await load(schoolId, screen);
    },
    options,
  );
}
