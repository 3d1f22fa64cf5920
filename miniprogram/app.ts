/**
 * App entry. Pages reach the backend only through services/api; the transport (wx.cloud or the local
 * emulator) is chosen in config.ts.
 */
import { transportKind } from './config';
import { initCloud } from './services/transport';
import { movedPage, PAGES } from './services/routes';

App({
  onLaunch() {
    if (transportKind() === 'cloud' && !initCloud()) console.error('请使用 2.2.3 或以上的基础库以使用云能力');
  },

  /** A link to a page that moved into a subpackage (a subscribe message sent before) opens it where it is now. */
  onPageNotFound(res: WechatMiniprogram.App.PageNotFoundOption) {
    const now = movedPage(res.path);
    // the query as the link carried it (the ids in our links need no encoding)
    const query = Object.entries(res.query ?? {})
      .map(([k, v]) => `${k}=${String(v)}`)
      .join('&');
    if (now) wx.redirectTo({ url: query ? `${now}?${query}` : now });
    else wx.reLaunch({ url: PAGES.home });
  },
});
