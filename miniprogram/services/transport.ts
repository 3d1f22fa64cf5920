/**
 * How a call reaches the `api` cloud function. A transport takes the event and resolves with the function's
 * answer (the {ok,...} envelope, unchecked), or rejects when the call itself could not be made.
 */
import { CLOUD_ENV, DEFAULT_LOCAL_OPENID, LOCAL_BASE_URL, transportKind } from '../config';

export interface ApiEvent {
  action: string;
  input: unknown;
}

export type Transport = (event: ApiEvent) => Promise<unknown>;

/** The call did not reach the function or came back unreadable; `message` is for logs, not for users. */
export class TransportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TransportError';
  }
}

/** wx.cloud.init once (app onLaunch calls it; the cloud transport makes sure). False without wx.cloud. */
let cloudReady = false;
export function initCloud(): boolean {
  if (!wx.cloud) return false;
  if (!cloudReady) {
    wx.cloud.init({ env: CLOUD_ENV, traceUser: true });
    cloudReady = true;
  }
  return true;
}

/** Production: the `api` cloud function, through wx.cloud. */
export const cloudTransport: Transport = (event) =>
  new Promise((resolve, reject) => {
    if (!initCloud()) {
      reject(new TransportError('wx.cloud 不可用：基础库过低或未开通云开发'));
      return;
    }
    wx.cloud.callFunction({
      name: 'api',
      data: event as unknown as WechatMiniprogram.IAnyObject,
      success: (res) => resolve(res.result),
      fail: (err) => reject(new TransportError(err.errMsg || String(err))),
    });
  });

/** The local identity (OPENID) the emulator should run the function as. */
const LOCAL_OPENID_KEY = 'careRoom.localOpenid';

export function getLocalOpenid(): string {
  const stored: unknown = wx.getStorageSync(LOCAL_OPENID_KEY);
  return typeof stored === 'string' && stored ? stored : DEFAULT_LOCAL_OPENID;
}

export function setLocalOpenid(openid: string): void {
  wx.setStorageSync(LOCAL_OPENID_KEY, openid);
}

/** Development: POST the event to the local emulator, as the stored local identity. */
export function localTransport(baseUrl: string = LOCAL_BASE_URL, timeoutMs = 15000): Transport {
  return (event) =>
    new Promise((resolve, reject) => {
      wx.request({
        url: `${baseUrl}/functions/api`,
        method: 'POST',
        data: event as unknown as WechatMiniprogram.IAnyObject,
        header: { 'content-type': 'application/json', 'x-openid': getLocalOpenid() },
        timeout: timeoutMs,
        success: (res) => {
          if (res.statusCode !== 200) reject(new TransportError(`HTTP ${res.statusCode}`));
          else resolve(res.data);
        },
        fail: (err) => reject(new TransportError(err.errMsg || String(err))),
      });
    });
}

let current: Transport | null = null;

/** The transport in use: chosen from config on first use, unless a test put one in place. */
export function getTransport(): Transport {
  if (!current) current = transportKind() === 'local' ? localTransport() : cloudTransport;
  return current;
}

/** Replace the transport (tests); `null` goes back to the configured one. */
export function setTransport(transport: Transport | null): void {
  current = transport;
}
