/**
 * Subscription consent (订阅消息授权). A one-time template allows one message per "accept" the user tapped
 * (wx.requestSubscribeMessage); the server counts what is left per user and template and never sends without one.
 * A long-term template needs one acceptance. The count is bound to the template id: a new id starts from zero.
 */
import { isDuplicate, type Database } from '../cloud';
import { COLLECTION } from '../collections';
import { invalid } from '../errors';
import type { ReminderConfig } from './config';
import { TEMPLATE_KEYS, type TemplateKey } from './templates';
import type { SubscriptionRecord } from './types';

/** A forged client could report "accept" endlessly; WeChat itself refuses (43101) once its real count is used up. */
export const MAX_REMAINING = 50;

export function subscriptionId(template: TemplateKey, openid: string): string {
  return `${template}-${openid}`;
}

/** What wx.requestSubscribeMessage answers per template id. */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter';

/** Which logical template a WeChat template id is configured for. */
export function templateForId(config: ReminderConfig, templateId: string): TemplateKey | null {
  return TEMPLATE_KEYS.find((k) => config.templates[k]?.id === templateId) ?? null;
}

export async function loadSubscriptions(db: Database, openid: string): Promise<SubscriptionRecord[]> {
  const res = await db.collection(COLLECTION.subscriptions).where({ openid }).limit(100).get();
  return res.data as SubscriptionRecord[];
}

/** The sends left, as the delivery sees them (0 for a record of an older template id). */
export function usable(sub: SubscriptionRecord | undefined, config: ReminderConfig, template: TemplateKey): number {
  const t = config.templates[template];
  if (!sub || !t || sub.templateId !== t.id || sub.banned) return 0;
  if (t.longTerm) return sub.acceptedAt ? Infinity : 0;
  return sub.remaining;
}

/**
 * Record one decision. accept: one more send (one-time) or accepted (long-term); ban: nothing until accepted
 * again; reject/filter: no change. Increments are atomic, so two reports at once both count.
 */
export async function recordDecision(
  db: Database,
  openid: string,
  template: TemplateKey,
  templateId: string,
  decision: SubscribeDecision,
  now: Date,
): Promise<void> {
  const _ = db.command;
  const ref = db.collection(COLLECTION.subscriptions);
  const _id = subscriptionId(template, openid);
  if (decision === 'reject' || decision === 'filter') return;

  const existing = (await ref.doc(_id).get()).data[0] as SubscriptionRecord | undefined;
  if (!existing || existing.templateId !== templateId) {
    // First decision for this template id (or the deployment switched to a new template): start afresh.
    const fresh: Omit<SubscriptionRecord, '_id'> = {
      openid,
      template,
      templateId,
      remaining: decision === 'accept' ? 1 : 0,
      acceptedAt: decision === 'accept' ? now : null,
      banned: decision === 'ban',
      updatedAt: now,
    };
    if (!existing) {
      try {
        await ref.add({ _id, ...fresh });
        return;
      } catch (err) {
        // A concurrent report created it first: fall through and add to it.
        if (!isDuplicate(err)) throw err;
      }
    } else {
      await ref.doc(_id).set(fresh);
      return;
    }
  }
  if (decision === 'ban') {
    await ref.doc(_id).update({ banned: true, remaining: 0, acceptedAt: null, updatedAt: now });
    return;
  }
  const res = await ref
    .where({ _id, templateId, remaining: _.lt(MAX_REMAINING) })
    .update({ remaining: _.inc(1), acceptedAt: now, banned: false, updatedAt: now });
  if (!res.updated) await ref.where({ _id, templateId }).update({ acceptedAt: now, banned: false, updatedAt: now });
}

/**
 * Record what the user chose in wx.requestSubscribeMessage, for each template id it answered. Every id is checked
 * first, so an id that is not one of this deployment's templates writes nothing.
 */
export async function recordDecisions(
  db: Database,
  openid: string,
  config: ReminderConfig,
  results: Record<string, SubscribeDecision>,
  now: Date,
): Promise<void> {
  const known = Object.entries(results).map(([templateId, decision]) => ({ templateId, decision, key: templateForId(config, templateId) }));
  const unknown = known.find((k) => !k.key);
  if (unknown) throw invalid('不是本小程序的订阅消息模板', `results.${unknown.templateId}`);
  for (const k of known) await recordDecision(db, openid, k.key!, k.templateId, k.decision, now);
}

/** Take one send atomically (two deliveries to the same person cannot both take the last one). */
export async function takeOne(db: Database, template: TemplateKey, openid: string, templateId: string, now: Date): Promise<boolean> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.subscriptions)
    .where({ _id: subscriptionId(template, openid), templateId, banned: false, remaining: _.gt(0) })
    .update({ remaining: _.inc(-1), usedAt: now });
  return res.updated === 1;
}

/** Give sends back that WeChat did not use (a failed send does not consume the user's subscription). */
export async function giveBack(db: Database, template: TemplateKey, openid: string, templateId: string, count: number): Promise<void> {
  const _ = db.command;
  await db
    .collection(COLLECTION.subscriptions)
    .where({ _id: subscriptionId(template, openid), templateId })
    .update({ remaining: _.inc(count) });
}

/** WeChat says the user has nothing left (43101): believe it. */
export async function exhaust(db: Database, template: TemplateKey, openid: string, now: Date): Promise<void> {
  await db
    .collection(COLLECTION.subscriptions)
    .where({ _id: subscriptionId(template, openid) })
    .update({ remaining: 0, updatedAt: now });
}
