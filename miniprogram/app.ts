/**
 * App entry. Pages reach the backend only through services/api; the transport (wx.cloud or the local
 * emulator) is chosen in config.ts.
 */
import { transportKind } from './config';
import { initCloud } from './services/transport';

App({
  onLaunch() {
    if (transportKind() === 'cloud' && !initCloud()) console.error('请使用 2.2.3 或以上的基础库以使用云能力');
  },
});
