/**
 * Puts the real local transport in place for a page test: wx.request goes over HTTP to the emulator,
 * storage is an in-memory map (miniprogram-simulate's storage stubs keep nothing), and the transport
 * acts as the given identity, exactly as in DevTools against `npm start`.
 */
import { httpRequest } from './wx-request';
import { networkUp } from './network';
import { localTransport, setLocalOpenid, setTransport } from '../../../miniprogram/services/transport';

export interface LocalApp {
  /** Switch the local identity (what the home page's identity switcher stores). */
  setOpenid(openid: string): void;
  storage: Map<string, unknown>;
}

/** `storage`: the phone's own, to keep across pages (phone.ts); a fresh one otherwise. */
export function installLocalTransport(opts: { baseUrl: string; openid: string; storage?: Map<string, unknown> }): LocalApp {
  const storage = opts.storage ?? new Map<string, unknown>();
  wx.getStorageSync = ((key: string) => (storage.has(key) ? storage.get(key) : '')) as typeof wx.getStorageSync;
  wx.setStorageSync = ((key: string, value: unknown) => void storage.set(key, value)) as typeof wx.setStorageSync;
  wx.removeStorageSync = ((key: string) => void storage.delete(key)) as typeof wx.removeStorageSync;
  // the asynchronous storage calls, over the same map (they answer later, as WeChat's do)
  type Callbacks = { success?(r: unknown): void; complete?(r: unknown): void };
  const later = (o: Callbacks, res: Record<string, unknown>) =>
    setTimeout(() => (o.success?.({ errMsg: 'ok', ...res }), o.complete?.({ errMsg: 'ok', ...res })), 0);
  wx.setStorage = ((o: Callbacks & { key: string; data: unknown }) => (storage.set(o.key, o.data), later(o, {}))) as unknown as typeof wx.setStorage;
  wx.removeStorage = ((o: Callbacks & { key: string }) => (storage.delete(o.key), later(o, {}))) as unknown as typeof wx.removeStorage;
  // without signal (tests/pages/helpers/network.ts) a request fails as the runtime fails it: no answer
  wx.request = ((opts: WechatMiniprogram.RequestOption) => {
    if (networkUp()) return httpRequest(opts);
    const res = { errMsg: 'request:fail -2:net::ERR_INTERNET_DISCONNECTED', errno: 600001 } as WechatMiniprogram.RequestFailCallbackErr;
    setTimeout(() => (opts.fail?.(res), opts.complete?.(res)), 0);
    return { abort: () => undefined } as unknown as WechatMiniprogram.RequestTask;
  }) as typeof wx.request;
  setTransport(localTransport(opts.baseUrl));
  setLocalOpenid(opts.openid);
  return { setOpenid: setLocalOpenid, storage };
}
