/**
 * How a page loads its screen, the same on every page (their wxml shows data.state and data.errorMessage):
 * state 'loading' while `load` runs; `load` sets the state it ends in ('ready', or one of the page's own such as
 * 'forbidden'); if it throws, state 'error' with the Chinese message, and the page offers 重试.
 *
 *   load() {
 *     return loadScreen(this, async () => {
 *       const page = await call('inbox.list', { limit: PAGE_SIZE });
 *       this.setData({ state: 'ready', items: rows(page.items) });
 *     });
 *   },
 */
import { errorMessage } from './api';
import { adminSchoolId } from './session';

interface Page {
  setData(data: WechatMiniprogram.IAnyObject): void;
}

export async function loadScreen(page: Page, load: () => Promise<void>): Promise<void> {
  page.setData({ state: 'loading', errorMessage: '' });
  try {
    await load();
  } catch (err) {
    page.setData({ state: 'error', errorMessage: errorMessage(err) });
  }
}

/**
 * loadScreen for a page an admin uses for one school: the school comes from the url (home passes ?schoolId=), else
 * from the caller's admin binding; someone who is not an admin sees the page's 'forbidden' state.
 */
export function loadAdminScreen(page: Page & { data: { schoolId: string } }, load: (schoolId: string) => Promise<void>): Promise<void> {
  return loadScreen(page, async () => {
    const schoolId = await adminSchoolId(page.data.schoolId);
    if (!schoolId) {
      page.setData({ state: 'forbidden' });
      return;
    }
    page.setData({ schoolId });
    await load(schoolId);
  });
}
