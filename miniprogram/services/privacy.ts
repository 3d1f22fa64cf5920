/**
 * WeChat's privacy authorization (2023, app.json `__usePrivacyCheck__`): before a page loads any child data it
 * waits for `privacyReady()`. When `wx.getPrivacySetting` says the user has not agreed to the mini-program's
 * privacy guide (needAuthorization), the page's <privacy-gate> shows the guide's name with a
 * `<button open-type="agreePrivacyAuthorization">`; agreeing there releases every waiting page.
 *
 *   async load() { await privacyReady(); const detail = await call('children.get', ...); }
 *
 * Older base libraries (before 2.32.3) have no wx.getPrivacySetting, and test runtimes may have none either:
 * nothing to agree to there, and pages load at once.
 */

export const DEFAULT_CONTRACT_NAME = '《关爱室小程序隐私保护指引》';

export interface PrivacyPrompt {
  /** The guide's name as WeChat reports it, e.g. 《关爱室小程序隐私保护指引》. */
  contractName: string;
}

type PromptListener = (prompt: PrivacyPrompt | null) => void;

/** The prompt waiting for an answer (null: nothing to ask). */
let pending: PrivacyPrompt | null = null;
let waiters: (() => void)[] = [];
const listeners = new Set<PromptListener>();

interface PrivacySetting {
  needAuthorization: boolean;
  contractName: string;
}

type GetPrivacySetting = (option: {
  success?: (res: { needAuthorization?: boolean; privacyContractName?: string }) => void;
  fail?: (err: unknown) => void;
}) => void;

/** wx.getPrivacySetting, when the base library has it. */
function privacyApi(): GetPrivacySetting | null {
  if (typeof wx === 'undefined' || !wx) return null;
  const api = (wx as unknown as { getPrivacySetting?: unknown }).getPrivacySetting;
  return typeof api === 'function' ? (api as GetPrivacySetting) : null;
}

export function readPrivacySetting(): Promise<PrivacySetting> {
  const api = privacyApi();
  const none: PrivacySetting = { needAuthorization: false, contractName: DEFAULT_CONTRACT_NAME };
  if (!api) return Promise.resolve(none);
  return new Promise((resolve) => {
    try {
      api.call(wx, {
        success: (res) => resolve({ needAuthorization: res?.needAuthorization === true, contractName: res?.privacyContractName || DEFAULT_CONTRACT_NAME }),
        // The setting could not be read: WeChat itself still guards its privacy APIs, so do not block the page.
        fail: () => resolve(none),
      });
    } catch {
      resolve(none);
    }
  });
}

function notify(): void {
  for (const listener of [...listeners]) listener(pending);
}

/** Resolves once the user has agreed to the privacy guide; at once when there is nothing to agree to. */
export async function privacyReady(): Promise<void> {
  const setting = await readPrivacySetting();
  if (!setting.needAuthorization) return;
  await new Promise<void>((resolve) => {
    waiters.push(resolve);
    pending = { contractName: setting.contractName };
    notify();
  });
}

/** A gate listens for prompts; it is told at once of one already waiting. Returns the unsubscribe function. */
export function onPrivacyPrompt(listener: PromptListener): () => void {
  listeners.add(listener);
  if (pending) listener(pending);
  return () => {
    listeners.delete(listener);
  };
}

/** The user tapped the agreePrivacyAuthorization button: every waiting page goes on. */
export function privacyAgreed(): void {
  pending = null;
  notify();
  const release = waiters;
  waiters = [];
  for (const resolve of release) resolve();
}

/** Open WeChat's page of the privacy guide (base library 2.32.3+). */
export function openPrivacyContract(): void {
  const open = (wx as unknown as { openPrivacyContract?: (o: { fail?: () => void }) => void }).openPrivacyContract;
  if (typeof open === 'function') open.call(wx, { fail: () => wx.showToast({ title: '暂时无法打开隐私保护指引', icon: 'none' }) });
}
