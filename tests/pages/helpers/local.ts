/**
 * Puts the real local transport in place for a page test: wx.request goes over HTTP to the emulator,
 * storage is an in-memory map (miniprogram-simulate's storage stubs keep nothing), and the transport
 * acts as the given identity, exactly as in DevTools against `npm start`.
 */
import { httpRequest } from './wx-request';
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
  wx.request = httpRequest as typeof wx.request;
  setTransport(localTransport(opts.baseUrl));
  setLocalOpenid(opts.openid);
  return { setOpenid: setLocalOpenid, storage };
}
