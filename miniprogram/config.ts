/**
 * Where the pages' calls go.
 *
 * - Production (体验版、正式版): always `wx.cloud.callFunction` to the `api` function in CLOUD_ENV.
 * - Development (开发版, i.e. WeChat DevTools and 真机预览): DEVELOP_TRANSPORT, by default `local`:
 *   `wx.request` POST `${LOCAL_BASE_URL}/functions/api` to the local emulator (`npm start`), acting as the
 *   demo identity picked on the home page. DevTools needs 「不校验合法域名」 (project.config.json urlCheck: false).
 *   On a phone, 127.0.0.1 is the phone itself: put the computer's LAN address here, or use `cloud`.
 */
export type TransportKind = 'cloud' | 'local';

/** 云开发环境 ID (云开发控制台 → 设置). Placeholder: replace it before using the cloud transport. */
export const CLOUD_ENV = 'care-room-placeholder-env';

/** The local emulator started by `npm start`. */
export const LOCAL_BASE_URL = 'http://127.0.0.1:3000';

/** Transport of the development version; set to 'cloud' to try DevTools against a real cloud environment. */
export const DEVELOP_TRANSPORT: TransportKind = 'local';

/** Which transport this run of the app uses. Anything that is not the development version talks to the cloud. */
export function transportKind(): TransportKind {
  let envVersion: string = 'release';
  try {
    envVersion = wx.getAccountInfoSync().miniProgram.envVersion;
  } catch {
    // very old base libraries: treat as production
  }
  return envVersion === 'develop' ? DEVELOP_TRANSPORT : 'cloud';
}

/** The demo identities the local emulator seeds (fixed OPENIDs); the home page offers them when running locally. */
export const DEMO_IDENTITIES: readonly { openid: string; label: string }[] = [
  { openid: 'demo-admin', label: '管理员' },
  { openid: 'demo-teacher', label: '教师' },
  { openid: 'demo-parent', label: '家长' },
  { openid: 'demo-guardian', label: '监护人' },
  { openid: 'demo-student', label: '学生' },
  { openid: 'demo-community', label: '儿童主任' },
  { openid: 'demo-township', label: '儿童督导员' },
  { openid: 'demo-county', label: '县教育局' },
];

/** Local identity used until another one is picked. */
export const DEFAULT_LOCAL_OPENID = 'demo-teacher';
