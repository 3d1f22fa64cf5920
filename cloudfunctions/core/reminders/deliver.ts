/**
 * Delivery: due outbox entries go out as WeChat subscribe messages.
 *
 * Per batch of due entries: entries in their recipient's quiet hours are pushed to the morning; entries whose
 * template is not configured are skipped (the inbox has them). The rest are claimed with one conditional update
 * (status pending -> sending, tagged with this run's id) and read back: only what this run tagged is sent, so two
 * runs at once never send the same entry. Then one subscription is taken per entry (none left: skipped), the
 * message is sent, and outcomes are written grouped (sent / failed / retry later).
 *
 * A run that dies between claim and record leaves entries in `sending`; after LEASE_MS the next run puts them back
 * to pending (a crash in the middle of a send may so repeat that one message; the lease is far longer than the
 * function's timeout, so a live run is never overtaken).
 */
import crypto from 'node:crypto';
import type { CloudApp, Database } from '../cloud';
import type { ReminderConfig } from './config';
import { templateData } from './templates';
import { exhaust, giveBack, takeOne, subscriptionId, usable } from './subscriptions';
import { isPermanent, quietUntil, retryAt } from './timing';
import type { OutboxEntry, SkipReason, SubscriptionRecord } from './types';

export const LEASE_MS = 10 * 60 * 1000;
const BATCH = 100;
/** Sends in flight at once. */
const PARALLEL = 8;
/** Stop taking new batches after this much wall time; the rest waits for the next run (function timeout 60 s). */
const BUDGET_MS = 40 * 1000;

export interface DeliveryStats {
  sent: number;
  failed: number;
  retried: number;
  skipped: number;
  deferred: number;
  /** Entries another run claimed first. */
  lost: number;
  released: number;
  /** True when the time budget ran out with due entries left. */
  more: boolean;
}

export interface SendOutcome {
  errcode: number;
  errmsg: string;
}

/** One subscribe message through CloudBase's open API; a thrown error (network, CloudBase) counts as errcode -1. */
export async function sendSubscribeMessage(app: CloudApp, requestData: Record<string, unknown>): Promise<SendOutcome> {
  try {
    const res = (await app.callWxOpenApi({ apiName: '/cgi-bin/message/subscribe/send', requestData })) as { result?: unknown; code?: string; message?: string };
    if (res.code) return { errcode: -1, errmsg: `${res.code} ${res.message ?? ''}`.trim() };
    const result = typeof res.result === 'string' ? JSON.parse(res.result) : res.result;
    const errcode = Number((result as { errcode?: unknown })?.errcode ?? 0);
    return { errcode: Number.isFinite(errcode) ? errcode : -1, errmsg: String((result as { errmsg?: unknown })?.errmsg ?? '') };
  } catch (err) {
    return { errcode: -1, errmsg: ((err as Error)?.message ?? String(err)).slice(0, 200) };
  }
}

async function inParallel<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** Group ids by a key, for one update per group. */
function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/** `loadConfig` is called once, and only when something is due (most quarter-hour runs find nothing). */
export async function deliverDue(db: Database, app: CloudApp, now: Date, loadConfig: () => Promise<ReminderConfig>, opts: { batch?: number; budgetMs?: number } = {}): Promise<DeliveryStats> {
  const _ = db.command;
  const outbox = db.collection('outbox');
  const runId = crypto.randomBytes(8).toString('hex');
  const started = Date.now();
  const stats: DeliveryStats = { sent: 0, failed: 0, retried: 0, skipped: 0, deferred: 0, lost: 0, released: 0, more: false };
  let loaded: ReminderConfig | undefined;

  const stale = await outbox.where({ status: 'sending', claimedAt: _.lt(new Date(now.getTime() - LEASE_MS)) }).update({ status: 'pending', claimId: null, claimedAt: null });
  stats.released = stale.updated ?? 0;

  const mine = (ids: string[]) => ({ _id: _.in(ids), claimId: runId, status: 'sending' });
  const finish = async (ids: string[], patch: Record<string, unknown>) => {
    if (ids.length) await outbox.where(mine(ids)).update({ claimId: null, claimedAt: null, ...patch });
  };

  for (;;) {
    if (Date.now() - started > (opts.budgetMs ?? BUDGET_MS)) {
      stats.more = true;
      break;
    }
    const res = await outbox
      .where({ status: 'pending', dueAt: _.lte(now) })
      .orderBy('dueAt', 'asc')
      .limit(opts.batch ?? BATCH)
      .get();
    const due = res.data as OutboxEntry[];
    if (!due.length) break;
    const config = (loaded ??= await loadConfig());

    // Quiet hours: the WeChat message waits for the morning (the inbox entry is already there).
    const ready: OutboxEntry[] = [];
    const quiet: { entry: OutboxEntry; until: Date }[] = [];
    for (const entry of due) {
      const until = quietUntil(entry.role, now, config);
      if (until) quiet.push({ entry, until });
      else ready.push(entry);
    }
    for (const group of groupBy(quiet, (q) => q.until.toISOString()).values()) {
      const until = group[0].until;
      const r = await outbox.where({ _id: _.in(group.map((q) => q.entry._id)), status: 'pending' }).update({ dueAt: until, deferredUntil: until });
      stats.deferred += r.updated ?? 0;
    }

    const unconfigured = ready.filter((e) => !config.templates[e.template]);
    if (unconfigured.length) {
      const r = await outbox.where({ _id: _.in(unconfigured.map((e) => e._id)), status: 'pending' }).update({ status: 'skipped', skipReason: 'no_template' satisfies SkipReason, finishedAt: now });
      stats.skipped += r.updated ?? 0;
    }
    const sendable = ready.filter((e) => config.templates[e.template]);
    if (!sendable.length) continue;

    // Claim: only entries still pending and due flip to this run; read back which ones did.
    const ids = sendable.map((e) => e._id);
    await outbox.where({ _id: _.in(ids), status: 'pending', dueAt: _.lte(now) }).update({ status: 'sending', claimId: runId, claimedAt: now });
    const claimed = (await outbox.where(mine(ids)).limit(1000).get()).data as OutboxEntry[];
    stats.lost += ids.length - claimed.length;
    if (!claimed.length) continue;

    // Subscriptions of everyone in the batch in one read; entries of people with nothing left skip the per-entry take.
    const subIds = [...new Set(claimed.map((e) => subscriptionId(e.template, e.to)))];
    const subs = new Map(((await db.collection('subscriptions').where({ _id: _.in(subIds) }).limit(1000).get()).data as SubscriptionRecord[]).map((s) => [s._id, s]));

    const sent: string[] = [];
    const noSubscription: string[] = [];
    const permanent: { entry: OutboxEntry; errcode: number; errmsg: string }[] = [];
    const transient: { entry: OutboxEntry; errcode: number; errmsg: string }[] = [];

    await inParallel(claimed, PARALLEL, async (entry) => {
      const template = config.templates[entry.template]!;
      const left = usable(subs.get(subscriptionId(entry.template, entry.to)), config, entry.template);
      const taken = left === Infinity || (left > 0 && (await takeOne(db, entry.template, entry.to, template.id, now)));
      if (!taken) {
        noSubscription.push(entry._id);
        return;
      }
      const outcome = await sendSubscribeMessage(app, {
        touser: entry.to,
        template_id: template.id,
        page: entry.page,
        data: templateData(template.fields, entry.fields),
        miniprogram_state: config.miniprogramState,
        lang: 'zh_CN',
      });
      if (outcome.errcode === 0) {
        sent.push(entry._id);
        return;
      }
      // WeChat did not use the subscription: give it back, unless WeChat says there is none (43101).
      if (!template.longTerm) {
        if (outcome.errcode === 43101) await exhaust(db, entry.template, entry.to, now);
        else await giveBack(db, entry.template, entry.to, template.id, 1);
      }
      (isPermanent(outcome.errcode) ? permanent : transient).push({ entry, ...outcome });
    });

    await finish(sent, { status: 'sent', sentAt: now, finishedAt: now, attempts: _.inc(1), lastErrcode: 0, lastError: null });
    stats.sent += sent.length;
    await finish(noSubscription, { status: 'skipped', skipReason: 'no_subscription' satisfies SkipReason, finishedAt: now });
    stats.skipped += noSubscription.length;
    for (const group of groupBy(permanent, (p) => String(p.errcode)).values()) {
      await finish(
        group.map((p) => p.entry._id),
        { status: 'failed', lastErrcode: group[0].errcode, lastError: group[0].errmsg.slice(0, 200), attempts: _.inc(1), finishedAt: now },
      );
      stats.failed += group.length;
    }
    // Transient: retry with backoff until MAX_ATTEMPTS, grouped by how many attempts each has now.
    for (const group of groupBy(transient, (t) => `${t.entry.attempts}|${t.errcode}`).values()) {
      const attempts = group[0].entry.attempts + 1;
      const next = retryAt(attempts, now);
      const common = { lastErrcode: group[0].errcode, lastError: group[0].errmsg.slice(0, 200), attempts };
      const ids2 = group.map((t) => t.entry._id);
      if (next) {
        await finish(ids2, { ...common, status: 'pending', dueAt: next });
        stats.retried += group.length;
      } else {
        await finish(ids2, { ...common, status: 'failed', finishedAt: now });
        stats.failed += group.length;
      }
    }
  }
  return stats;
}
