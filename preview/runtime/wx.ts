/**
 * The `wx` object of the preview: the APIs the app and TDesign use, with WeChat's behaviour (callbacks or Promise,
 * errMsg, the user's answers drawn on the phone). Any other `wx.x` is a loud failure: an error in the console and
 * in the frame, and a thrown Error (the end-to-end tests fail on it), never a silent no-op.
 */
import { asyncApi, WxFail } from './callback';
import { download, fileSystemManager, pickFiles, saveFile, USER_DATA_PATH } from './files';
import { downloadFile, request, uploadFile } from './network';
import { problem } from './problems';
import { CONTRACT_NAME, onNeedPrivacyAuthorization, privacyAgreed, requirePrivacyAuthorize } from './privacy';
import * as router from './router';
import * as storage from './storage';
import * as ui from './ui';
import { ownValue } from './storage';
import { gestureActive } from './touch';

type O = Record<string, unknown>;

/** The phone the preview draws (an iPhone X in WeChat: 375 x 812, status bar 44, navigation bar 44). */
export const SCREEN = { width: 375, height: 812, statusBar: 44, navBar: 44 };
export const WINDOW_HEIGHT = SCREEN.height - SCREEN.statusBar - SCREEN.navBar;

const windowInfo = () => ({
  pixelRatio: 2,
  screenWidth: SCREEN.width,
  screenHeight: SCREEN.height,
  windowWidth: SCREEN.width,
  windowHeight: WINDOW_HEIGHT,
  statusBarHeight: SCREEN.statusBar,
  safeArea: {
    left: 0,
    right: SCREEN.width,
    top: SCREEN.statusBar,
    bottom: SCREEN.height - 34,
    width: SCREEN.width,
    height: SCREEN.height - SCREEN.statusBar - 34,
  },
  screenTop: SCREEN.statusBar + SCREEN.navBar,
});
const deviceInfo = () => ({
  brand: 'devtools',
  model: 'iPhone X',
  system: 'iOS 16.0',
  platform: 'devtools',
  benchmarkLevel: 1,
  abi: '',
  deviceAbi: '',
  cpuType: '',
  memorySize: 4096,
});
const appBaseInfo = () => ({
  SDKVersion: '3.8.0',
  enableDebug: false,
  host: { env: 'WeChat' },
  language: 'zh_CN',
  version: '8.0.50',
  theme: 'light',
  fontSizeSetting: 16,
});

const call = (name: string, fn: () => void) => {
  try {
    fn();
  } catch (err) {
    throw err instanceof WxFail ? err : new WxFail(`${name}:fail ${(err as Error).message}`);
  }
  return {};
};

/** How long WeChat keeps an "always" subscribe answer: for the templates of this identity. */
const alwaysSubscribe = ownValue<Record<string, 'accept' | 'reject'>>('subscribeAlways');

type NetworkListener = (res: { isConnected: boolean; networkType: string }) => void;
/** wx.onNetworkStatusChange listeners and the window event handlers relaying to them. */
const networkRelays = new Map<NetworkListener, () => void>();

const api: O = {
  // ---------- system ----------
  getSystemInfoSync: () => ({ ...windowInfo(), ...deviceInfo(), ...appBaseInfo(), fontSizeSetting: 16 }),
  getSystemInfo: (o: O) => asyncApi('getSystemInfo', o, () => ({ ...windowInfo(), ...deviceInfo(), ...appBaseInfo() })),
  getWindowInfo: windowInfo,
  getDeviceInfo: deviceInfo,
  getAppBaseInfo: appBaseInfo,
  getAccountInfoSync: () => ({ miniProgram: { appId: 'touristappid', envVersion: 'develop', version: '' }, plugin: {} }),
  getMenuButtonBoundingClientRect: () => ({
    width: 87,
    height: 32,
    top: SCREEN.statusBar + 4,
    bottom: SCREEN.statusBar + 36,
    left: SCREEN.width - 94,
    right: SCREEN.width - 7,
  }),
  canIUse: (schema: string) => typeof api[String(schema).split('.')[0]] !== 'undefined',
  nextTick: (fn: () => void) => void Promise.resolve().then(fn),
  env: { USER_DATA_PATH },
  getLaunchOptionsSync: () => ({ path: router.topPage()?.route ?? '', query: {}, scene: 1001, referrerInfo: {} }),
  getEnterOptionsSync: () => ({ path: router.topPage()?.route ?? '', query: {}, scene: 1001, referrerInfo: {} }),
  getUpdateManager: () => ({
    onCheckForUpdate: () => undefined,
    onUpdateReady: () => undefined,
    onUpdateFailed: () => undefined,
    applyUpdate: () => undefined,
  }),
  onAppShow: () => undefined,
  onAppHide: () => undefined,
  offAppShow: () => undefined,
  offAppHide: () => undefined,
  onError: () => undefined,
  onUnhandledRejection: () => undefined,
  reportAnalytics: () => undefined,

  // ---------- storage ----------
  getStorageSync: (key: string) => storage.getItem(key),
  setStorageSync: (key: string, data: unknown) => storage.setItem(key, data),
  removeStorageSync: (key: string) => storage.removeItem(key),
  clearStorageSync: () => storage.clear(),
  getStorageInfoSync: () => ({ keys: storage.keys(), currentSize: 0, limitSize: 10240 }),
  getStorage: (o: O) =>
    asyncApi('getStorage', o, () => {
      const keys = storage.keys();
      if (!keys.includes(String(o.key))) throw new WxFail('getStorage:fail data not found');
      return { data: storage.getItem(String(o.key)) };
    }),
  setStorage: (o: O) => asyncApi('setStorage', o, () => (storage.setItem(String(o.key), o.data), {})),
  removeStorage: (o: O) => asyncApi('removeStorage', o, () => (storage.removeItem(String(o.key)), {})),

  // ---------- network and files ----------
  request,
  // the browser's own signal (DevTools' offline switch, navigator.onLine) stands for the phone's
  getNetworkType: (o: O) => asyncApi('getNetworkType', o, () => ({ networkType: navigator.onLine ? 'wifi' : 'none' })),
  onNetworkStatusChange: (fn: NetworkListener) => {
    const relay = () => fn({ isConnected: navigator.onLine, networkType: navigator.onLine ? 'wifi' : 'none' });
    networkRelays.set(fn, relay);
    window.addEventListener('online', relay);
    window.addEventListener('offline', relay);
  },
  offNetworkStatusChange: (fn?: NetworkListener) => {
    for (const [listener, relay] of [...networkRelays]) {
      if (fn && listener !== fn) continue;
      window.removeEventListener('online', relay);
      window.removeEventListener('offline', relay);
      networkRelays.delete(listener);
    }
  },
  uploadFile,
  downloadFile,
  getFileSystemManager: () => fileSystemManager(unshimmed),
  openDocument: (o: O) => asyncApi('openDocument', o, () => (download(String(o.filePath)), {})),
  chooseMedia: (o: O) =>
    asyncApi('chooseMedia', o, async () => {
      const types = (o.mediaType as string[] | undefined) ?? ['image', 'video'];
      const accept = types.map((t) => (t === 'mix' ? 'image/*,video/*' : `${t}/*`)).join(',');
      const files = (await pickFiles(accept, Number(o.count ?? 9) > 1)).slice(0, Number(o.count ?? 9));
      if (!files.length) throw new WxFail('chooseMedia:fail cancel');
      const tempFiles = await Promise.all(
        files.map(async (f) => ({
          tempFilePath: await saveFile(f),
          size: f.size,
          fileType: f.type.startsWith('video') ? 'video' : 'image',
          thumbTempFilePath: '',
          width: 0,
          height: 0,
          duration: 0,
        })),
      );
      return {
        tempFiles,
        type: tempFiles.every((f) => f.fileType === 'image') ? 'image' : tempFiles.every((f) => f.fileType === 'video') ? 'video' : 'mix',
      };
    }),
  chooseImage: (o: O) =>
    asyncApi('chooseImage', o, async () => {
      const files = (await pickFiles('image/*', Number(o.count ?? 9) > 1)).slice(0, Number(o.count ?? 9));
      if (!files.length) throw new WxFail('chooseImage:fail cancel');
      const tempFiles = await Promise.all(files.map(async (f) => ({ path: await saveFile(f), size: f.size })));
      return { tempFilePaths: tempFiles.map((f) => f.path), tempFiles };
    }),
  chooseMessageFile: (o: O) =>
    asyncApi('chooseMessageFile', o, async () => {
      const ext = (o.extension as string[] | undefined) ?? [];
      const accept = ext.length ? ext.map((e) => `.${e.replace(/^\./, '')}`).join(',') : o.type === 'image' ? 'image/*' : o.type === 'video' ? 'video/*' : '';
      const files = (await pickFiles(accept, Number(o.count ?? 1) > 1)).slice(0, Number(o.count ?? 1));
      if (!files.length) throw new WxFail('chooseMessageFile:fail cancel');
      const tempFiles = await Promise.all(
        files.map(async (f) => ({
          path: await saveFile(f),
          name: f.name,
          size: f.size,
          type: f.type.startsWith('image') ? 'image' : f.type.startsWith('video') ? 'video' : 'file',
          time: Math.floor(Date.now() / 1000),
        })),
      );
      return { tempFiles };
    }),
  previewImage: (o: O) => asyncApi('previewImage', o, () => (ui.showToast({ title: '预览中不放大图片', icon: 'none' }), {})),

  // ---------- navigation ----------
  navigateTo: (o: O) =>
    asyncApi('navigateTo', o, () => {
      const { eventChannel } = router.navigateTo(String(o.url ?? ''));
      for (const [name, fn] of Object.entries((o.events as Record<string, (...a: unknown[]) => void>) ?? {})) eventChannel.on(name, fn);
      return { eventChannel };
    }),
  redirectTo: (o: O) => asyncApi('redirectTo', o, () => call('redirectTo', () => router.redirectTo(String(o.url ?? '')))),
  reLaunch: (o: O) => asyncApi('reLaunch', o, () => call('reLaunch', () => router.reLaunch(String(o.url ?? '')))),
  switchTab: (o: O) => asyncApi('switchTab', o, () => call('switchTab', () => router.switchTab(String(o.url ?? '')))),
  navigateBack: (o: O = {}) => asyncApi('navigateBack', o, () => call('navigateBack', () => router.navigateBack(Number(o.delta ?? 1)))),
  setNavigationBarTitle: (o: O) => asyncApi('setNavigationBarTitle', o, () => (router.setTitle(String(o.title ?? '')), {})),
  setNavigationBarColor: (o: O) =>
    asyncApi('setNavigationBarColor', o, () => (router.setNavigationColor(String(o.frontColor ?? '#000000'), String(o.backgroundColor ?? '#ffffff')), {})),
  showNavigationBarLoading: () => undefined,
  hideNavigationBarLoading: () => undefined,
  hideHomeButton: () => undefined,
  pageScrollTo: (o: O) => asyncApi('pageScrollTo', o, () => (router.scrollTo(Number(o.scrollTop ?? 0)), {})),
  startPullDownRefresh: (o: O) => asyncApi('startPullDownRefresh', o, () => (router.startPullDownRefresh(), {})),
  stopPullDownRefresh: (o: O) => asyncApi('stopPullDownRefresh', o, () => (router.stopPullDownRefresh(), {})),

  // ---------- what WeChat draws ----------
  showToast: (o: O) => asyncApi('showToast', o, () => (ui.showToast(o as never), {})),
  hideToast: (o: O) => asyncApi('hideToast', o, () => (ui.hideToast(false), {})),
  showLoading: (o: O) => asyncApi('showLoading', o, () => (ui.showToast({ ...(o as O), icon: 'loading' } as never, true), {})),
  hideLoading: (o: O) => asyncApi('hideLoading', o, () => (ui.hideToast(true), {})),
  showModal: (o: O) => asyncApi('showModal', o, () => ui.showModal(o as ui.ModalOptions)),
  showActionSheet: (o: O) =>
    asyncApi('showActionSheet', o, async () => {
      const tapIndex = await ui.showActionSheet(o as never);
      if (tapIndex === null) throw new WxFail('showActionSheet:fail cancel');
      return { tapIndex };
    }),
  makePhoneCall: (o: O) =>
    asyncApi('makePhoneCall', o, async () => {
      const tap = await ui.showActionSheet({ itemList: [`呼叫 ${String(o.phoneNumber ?? '')}`], alertText: '预览中不会真的拨打电话' });
      if (tap === null) throw new WxFail('makePhoneCall:fail cancel');
      return {};
    }),
  setClipboardData: (o: O) =>
    asyncApi('setClipboardData', o, async () => {
      await navigator.clipboard?.writeText(String(o.data ?? '')).catch(() => undefined);
      ui.showToast({ title: '内容已复制', icon: 'none' });
      return {};
    }),
  getClipboardData: (o: O) => asyncApi('getClipboardData', o, async () => ({ data: (await navigator.clipboard?.readText().catch(() => '')) ?? '' })),
  vibrateShort: (o: O) => asyncApi('vibrateShort', o, () => ({})),

  // ---------- privacy and subscribe messages ----------
  getPrivacySetting: (o: O) => asyncApi('getPrivacySetting', o, () => ({ needAuthorization: !privacyAgreed(), privacyContractName: CONTRACT_NAME })),
  requirePrivacyAuthorize: (o: O) => asyncApi('requirePrivacyAuthorize', o, async () => (await requirePrivacyAuthorize(), {})),
  onNeedPrivacyAuthorization: (fn: (resolve: never) => void) => onNeedPrivacyAuthorization(fn as never),
  openPrivacyContract: (o: O) =>
    asyncApi(
      'openPrivacyContract',
      o,
      async () => (
        await ui.showModal({
          title: CONTRACT_NAME,
          content: '微信在这里打开小程序的隐私保护指引全文（预览中没有正文）。',
          showCancel: false,
        }),
        {}
      ),
    ),
  requestSubscribeMessage: (o: O) => {
    const active = gestureActive();
    return asyncApi('requestSubscribeMessage', o, async () => {
      if (!active) throw new WxFail('requestSubscribeMessage:fail can only be invoked by user TAP gesture.', { errCode: 10005 });
      const ids = ((o.tmplIds as string[]) ?? []).map(String);
      if (!ids.length || ids.length > 3) throw new WxFail('requestSubscribeMessage:fail invalid tmplIds', { errCode: 10001 });
      const always = alwaysSubscribe.get() ?? {};
      const ask = ids.filter((id) => !always[id]);
      const answers = ask.length ? await ui.askSubscribe(ask) : {};
      return Object.fromEntries(ids.map((id) => [id, always[id] ?? answers[id]]));
    });
  },
};

function unshimmed(name: string): never {
  const message = `wx.${name} 在预览中没有模拟（页面调用了它）`;
  problem(message);
  throw new Error(message);
}

/** The global `wx`: the APIs above; anything else fails loudly when called. */
export function installWx(): void {
  const wx = new Proxy(api, {
    get(target, name) {
      if (typeof name !== 'string') return undefined;
      if (name in target) return target[name];
      if (name === 'cloud') return undefined; // no wx.cloud: the app runs on the local transport here
      return (..._args: unknown[]) => unshimmed(name);
    },
    set(target, name, value) {
      target[name as string] = value;
      return true;
    },
  });
  (globalThis as unknown as { wx: unknown }).wx = wx;
}
