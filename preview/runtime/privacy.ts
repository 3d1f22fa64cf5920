/**
 * WeChat's privacy authorization for this user: not agreed until they tap a button with
 * open-type="agreePrivacyAuthorization" (the app's privacy gate), remembered per identity as WeChat does.
 */
import { ownValue } from './storage';

/** The guide's name, as the mini-program's 隐私保护指引 in WeChat's console would be named. */
export const CONTRACT_NAME = '《关爱室小程序隐私保护指引》';

const agreed = ownValue<boolean>('privacyAgreed');
type Resolve = (r: { event: 'agree' | 'disagree'; buttonId?: string }) => void;
const needListeners: ((resolve: Resolve) => void)[] = [];
let pending: Resolve[] = [];

export function privacyAgreed(): boolean {
  return agreed.get() === true;
}

export function agreePrivacy(): void {
  agreed.set(true);
  const waiting = pending;
  pending = [];
  for (const r of waiting) r({ event: 'agree', buttonId: 'agree-privacy-authorization' });
}

export function onNeedPrivacyAuthorization(listener: (resolve: Resolve) => void): void {
  needListeners.push(listener);
}

/** wx.requirePrivacyAuthorize: at once when agreed, else ask through the page's listener. */
export function requirePrivacyAuthorize(): Promise<void> {
  if (privacyAgreed()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const answer: Resolve = (r) => (r.event === 'agree' ? (agreePrivacy(), resolve()) : reject(new Error('privacy permission is not authorized')));
    pending.push(answer);
    for (const l of needListeners) l(answer);
  });
}
