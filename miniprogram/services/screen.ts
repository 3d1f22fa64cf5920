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
