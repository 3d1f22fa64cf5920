/**
 * One-time subscribe-message consent, asked at natural taps (预约、确认) and reported to the server, which counts
 * how many messages it may still send. wx.requestSubscribeMessage only works inside a tap handler, so the template
 * ids are fetched beforehand (prefetchTemplates in the page's onLoad) and the tap asks at once.
 *
 *   onLoad() { prefetchTemplates(); }
 *   async onBook() { await askSubscribe(['schedule']); ...book the call... }
 */
import type { MyReminders, ReminderTemplateKey, SubscribeDecision } from '../../typings/actions/reminders';
import { call } from './api';

let templateIds: Partial<Record<ReminderTemplateKey, string>> = {};

/** Remember the deployment's template ids from a reminders.mine / reminders.subscribe answer. */
export function rememberTemplates(mine: MyReminders): void {
  templateIds = {};
  for (const t of mine.templates) if (t.templateId) templateIds[t.key] = t.templateId;
}

/** Load the template ids so a later tap can ask without a network round trip first. Never throws. */
export async function prefetchTemplates(): Promise<void> {
  try {
    rememberTemplates(await call('reminders.mine', {}));
  } catch {
    // No ids: askSubscribe does nothing and reminders still reach the inbox.
  }
}

export type SubscribeResult =
  /** The user answered; the server's updated view. */
  | { ok: true; mine: MyReminders; accepted: number }
  /** Nothing to ask (no template configured) or WeChat refused to ask (e.g. the main switch is off: errCode 20004). */
  | { ok: false; reason: 'none' | 'refused'; errCode?: number };

/** Ask for these template ids now (call from a tap handler), then report the answers to the server. */
export function requestSubscribe(ids: string[]): Promise<SubscribeResult> {
  const tmplIds = [...new Set(ids)].slice(0, 3); // WeChat asks for at most 3 templates at once
  if (!tmplIds.length) return Promise.resolve({ ok: false, reason: 'none' });
  return new Promise((resolve, reject) => {
    wx.requestSubscribeMessage({
      tmplIds,
      success: (res) => {
        const answers = res as unknown as Record<string, string>;
        const results: Record<string, SubscribeDecision> = {};
        for (const id of tmplIds) {
          const d = answers[id];
          if (d === 'accept' || d === 'reject' || d === 'ban' || d === 'filter') results[id] = d;
        }
        if (!Object.keys(results).length) return resolve({ ok: false, reason: 'refused' });
        call('reminders.subscribe', { results })
          .then((mine) => {
            rememberTemplates(mine);
            resolve({ ok: true, mine, accepted: Object.values(results).filter((d) => d === 'accept').length });
          })
          .catch(reject);
      },
      fail: (err) => resolve({ ok: false, reason: 'refused', errCode: (err as { errCode?: number }).errCode }),
    } as WechatMiniprogram.RequestSubscribeMessageOption);
  });
}

/** Ask for the templates of these kinds of reminder (ids from prefetchTemplates). */
export function askSubscribe(keys: ReminderTemplateKey[]): Promise<SubscribeResult> {
  return requestSubscribe(keys.map((k) => templateIds[k]).filter((id): id is string => !!id));
}
