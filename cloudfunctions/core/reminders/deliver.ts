/**
 * Delivery: due outbox entries go out as WeChat subscribe messages.
 *
 * Per read of due entries (up to 500): entries in their recipient's quiet hours are pushed to the morning; entries whose
 * template is not configured, or whose kind is not worth a one-time subscription (SUBSCRIPTION_KINDS), are skipped
 * (the inbox has them), one update each way. The rest are claimed, 100 at a time, with one conditional update
 * (status pending -> sending, tagged with this run's id) and read back: only what this run tagged is sent, so two
 * runs at once never send the same entry. Then one subscription is taken per entry (none left: skipped), the
 * message is sent and, once WeChat took it, recorded as sent; other outcomes are written grouped (failed / retry later).
 *
 * A message is never sent twice. Each entry is marked `attemptedAt` just before its send. A run that dies between
 * claim and record leaves entries in `sending`; after LEASE_MS (far longer than the function's timeout, so a live
 * run is never overtaken) the next run puts back to pending those it never attempted, and closes as failed, not
 * sent again, those whose send it had begun: WeChat may have delivered them, and the inbox has them anyway. So is a
 * send that got no answer (a network error, or an answer slower than the SDK waits): its outcome is unknown. An
 * answer with an errcode is known: a transient one is retried with backoff.
 */
import crypto from 'node:crypto';
import type { CloudApp, Database } from '../cloud';
import { COLLECTION } from '../collections';
import type { ReminderConfig } from './config';
import { spendsSubscription, templateData } from './templates';
import { exhaust, giveBack, takeOne, subscriptionId, usable } from './subscriptions';
import { isPermanent, quietUntil, retryAt } from './timing';
import { renderFields } from './when';
import type { OutboxEntry, SkipReason, SubscriptionRecord } from './types';

export const LEASE_MS = 10 * 60 * 1000;
/** Due entries read at a time (500 ids in one `_.in`, as elsewhere): those that only wait (quiet hours) or go to the inbox only are written in one update each. */
const READ = 500;
/** Entries claimed and sent at a time. */
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

/** The send got no answer (a thrown error, a time-out): WeChat may or may not have delivered the message. */
export const OUTCOME_UNKNOWN = -2;
const UNKNOWN_NOTE = '发送结果未知（没有收到微信的答复或发送中断），不再重发，以免重复；消息中心已有这条提醒';

export interface SendOutcome {
  errcode: number;
  errmsg: string;
}

/** One subscribe message through CloudBase's open API; an error code from CloudBase counts as -1, no answer at all as OUTCOME_UNKNOWN. */
export async function sendSubscribeMessage(app: CloudApp, requestData: Record<string, unknown>): Promise<SendOutcome> {
  try {
    const res = (await app.callWxOpenApi({ apiName: '/cgi-bin/message/subscribe/send', requestData })) as {
      result?: unknown;
      code?: string;
      message?: string;
    };
    if (res.code) return { errcode: -1, errmsg: `${res.code} ${res.message ?? ''}`.trim() };
    const result = typeof res.result === 'string' ? JSON.parse(res.result) : res.result;
    const errcode = Number((result as { errcode?: unknown })?.errcode ?? 0);
    return { errcode: Number.isFinite(errcode) ? errcode : -1, errmsg: String((result as { errmsg?: unknown })?.errmsg ?? '') };
  } catch (err) {
    return { errcode: OUTCOME_UNKNOWN, errmsg: ((err as Error)?.message ?? String(err)).slice(0, 200) };
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

/** One delivery run: its database, clock, claim tag and running totals, shared by the steps below. */
interface Run {
  db: Database;
  app: CloudApp;
  now: Date;
  /** Tags the entries this run claims, so it only ever records outcomes of its own. */
  runId: string;
  stats: DeliveryStats;
}

interface Outcome {
  entry: OutboxEntry;
  errcode: number;
  errmsg: string;
}

/** What happened to the claimed entries of one batch. */
interface BatchOutcomes {
  noSubscription: string[];
  permanent: Outcome[];
  transient: Outcome[];
  /** Sent without an answer: not sent again. */
  unknown: Outcome[];
}

const outboxOf = (run: Run) => run.db.collection(COLLECTION.outbox);

/**
 * Entries a run that died left in `sending`, once their lease is over: back to pending when their send never began,
 * closed as failed (unknown outcome, not sent again) when it had.
 */
async function releaseStale(run: Run): Promise<number> {
  const _ = run.db.command;
  const stale = { status: 'sending', claimedAt: _.lt(new Date(run.now.getTime() - LEASE_MS)) };
  const [unsent, unknown] = await Promise.all([
    outboxOf(run)
      .where({ ...stale, attemptedAt: null })
      .update({ status: 'pending', claimId: null, claimedAt: null }),
    outboxOf(run)
      .where({ ...stale, attemptedAt: _.neq(null) })
      .update({ status: 'failed', claimId: null, claimedAt: null, lastErrcode: OUTCOME_UNKNOWN, lastError: UNKNOWN_NOTE, finishedAt: run.now }),
  ]);
  return (unsent.updated ?? 0) + (unknown.updated ?? 0);
}

async function dueBatch(run: Run, size: number): Promise<OutboxEntry[]> {
  const res = await outboxOf(run)
    .where({ status: 'pending', dueAt: run.db.command.lte(run.now) })
    .orderBy('dueAt', 'asc')
    .limit(size)
    .get();
  return res.data as OutboxEntry[];
}

/** Quiet hours: the WeChat message waits for the morning (the inbox entry is already there). Answers the rest. */
async function deferQuiet(run: Run, due: OutboxEntry[], config: ReminderConfig): Promise<OutboxEntry[]> {
  const _ = run.db.command;
  const ready: OutboxEntry[] = [];
  const quiet: { entry: OutboxEntry; until: Date }[] = [];
  for (const entry of due) {
    const until = quietUntil(entry.role, run.now, config);
    if (until) quiet.push({ entry, until });
    else ready.push(entry);
  }
  for (const group of groupBy(quiet, (q) => q.until.toISOString()).values()) {
    const until = group[0].until;
    const r = await outboxOf(run)
      .where({ _id: _.in(group.map((q) => q.entry._id)), status: 'pending' })
      .update({ dueAt: until, deferredUntil: until });
    run.stats.deferred += r.updated ?? 0;
  }
  return ready;
}

/** Why an entry goes to the inbox only, or null when WeChat may carry it. */
function inboxOnlyReason(entry: OutboxEntry, config: ReminderConfig): SkipReason | null {
  const template = config.templates[entry.template];
  if (!template) return 'no_template';
  // A one-time subscription is kept for the reminders that matter most (SUBSCRIPTION_KINDS).
  if (!template.longTerm && !spendsSubscription(entry.kind)) return 'inbox_only';
  return null;
}

/** Entries WeChat will not carry (no template, or not worth a one-time subscription): the inbox has them. Answers the rest. */
async function skipInboxOnly(run: Run, ready: OutboxEntry[], config: ReminderConfig): Promise<OutboxEntry[]> {
  const skipped = groupBy(
    ready.filter((e) => inboxOnlyReason(e, config)),
    (e) => inboxOnlyReason(e, config)!,
  );
  for (const [skipReason, entries] of skipped) {
    const r = await outboxOf(run)
      .where({ _id: run.db.command.in(entries.map((e) => e._id)), status: 'pending' })
      .update({ status: 'skipped', skipReason, finishedAt: run.now });
    run.stats.skipped += r.updated ?? 0;
  }
  return ready.filter((e) => !inboxOnlyReason(e, config));
}

/** Only entries still pending and due flip to this run (one conditional update); read back which ones did. */
async function claim(run: Run, entries: OutboxEntry[]): Promise<OutboxEntry[]> {
  const _ = run.db.command;
  const ids = entries.map((e) => e._id);
  await outboxOf(run)
    .where({ _id: _.in(ids), status: 'pending', dueAt: _.lte(run.now) })
    .update({ status: 'sending', claimId: run.runId, claimedAt: run.now });
  const claimed = (
    await outboxOf(run)
      .where({ _id: _.in(ids), claimId: run.runId, status: 'sending' })
      .limit(1000)
      .get()
  ).data as OutboxEntry[];
  run.stats.lost += ids.length - claimed.length;
  return claimed;
}

/** Take one send of the person's subscription for each entry, send it, and sort what WeChat answered. */
async function sendAll(run: Run, claimed: OutboxEntry[], config: ReminderConfig): Promise<BatchOutcomes> {
  const { db, now } = run;
  // Subscriptions of everyone in the batch in one read; entries of people with nothing left skip the per-entry take.
  const subIds = [...new Set(claimed.map((e) => subscriptionId(e.template, e.to)))];
  const subs = new Map(
    (
      (
        await db
          .collection(COLLECTION.subscriptions)
          .where({ _id: db.command.in(subIds) })
          .limit(1000)
          .get()
      ).data as SubscriptionRecord[]
    ).map((s) => [s._id, s]),
  );
  const out: BatchOutcomes = { noSubscription: [], permanent: [], transient: [], unknown: [] };

  await inParallel(claimed, PARALLEL, async (entry) => {
    const template = config.templates[entry.template]!;
    const left = usable(subs.get(subscriptionId(entry.template, entry.to)), config, entry.template);
    const taken = left === Infinity || (left > 0 && (await takeOne(db, entry.template, entry.to, template.id, now)));
    if (!taken) {
      out.noSubscription.push(entry._id);
      return;
    }
    // From here on the message may reach the person: a crash must not lead to a second send.
    await outboxOf(run).doc(entry._id).update({ attemptedAt: now });
    const outcome = await sendSubscribeMessage(run.app, {
      touser: entry.to,
      template_id: template.id,
      page: entry.page,
      data: templateData(template.fields, renderFields(entry.fields, entry.when, now)),
      miniprogram_state: config.miniprogramState,
      lang: 'zh_CN',
    });
    if (outcome.errcode === 0) {
      // Recorded at once, not with the batch: a crash later in the batch must not leave a delivered message unknown.
      await recordSent(run, entry._id);
      return;
    }
    // No answer: WeChat may have used the subscription and delivered the message; neither is undone or repeated.
    if (outcome.errcode === OUTCOME_UNKNOWN) {
      out.unknown.push({ entry, ...outcome });
      return;
    }
    // WeChat did not use the subscription: give it back, unless WeChat says there is none (43101).
    if (!template.longTerm) {
      if (outcome.errcode === 43101) await exhaust(db, entry.template, entry.to, now);
      else await giveBack(db, entry.template, entry.to, template.id, 1);
    }
    (isPermanent(outcome.errcode) ? out.permanent : out.transient).push({ entry, ...outcome });
  });
  return out;
}

async function recordSent(run: Run, id: string): Promise<void> {
  const _ = run.db.command;
  const { now } = run;
  const res = await outboxOf(run)
    .where({ _id: id, claimId: run.runId, status: 'sending' })
    .update({ status: 'sent', sentAt: now, finishedAt: now, attempts: _.inc(1), lastErrcode: 0, lastError: null, claimId: null, claimedAt: null });
  run.stats.sent += res.updated ?? 0;
}

/** Write the other outcomes grouped (one update per kind of outcome): skipped, failed, or retried later with backoff. */
async function recordOutcomes(run: Run, out: BatchOutcomes): Promise<void> {
  const { now, stats } = run;
  const _ = run.db.command;
  const finish = async (ids: string[], patch: Record<string, unknown>) => {
    if (ids.length)
      await outboxOf(run)
        .where({ _id: _.in(ids), claimId: run.runId, status: 'sending' })
        .update({ claimId: null, claimedAt: null, ...patch });
  };
  await finish(out.noSubscription, { status: 'skipped', skipReason: 'no_subscription' satisfies SkipReason, finishedAt: now });
  stats.skipped += out.noSubscription.length;
  for (const group of groupBy(out.permanent, (p) => String(p.errcode)).values()) {
    await finish(
      group.map((p) => p.entry._id),
      { status: 'failed', lastErrcode: group[0].errcode, lastError: group[0].errmsg.slice(0, 200), attempts: _.inc(1), finishedAt: now },
    );
    stats.failed += group.length;
  }
  await finish(
    out.unknown.map((u) => u.entry._id),
    { status: 'failed', lastErrcode: OUTCOME_UNKNOWN, lastError: UNKNOWN_NOTE, attempts: _.inc(1), finishedAt: now },
  );
  stats.failed += out.unknown.length;
  // Transient: retry with backoff until MAX_ATTEMPTS, grouped by how many attempts each has now.
  for (const group of groupBy(out.transient, (t) => `${t.entry.attempts}|${t.errcode}`).values()) {
    const attempts = group[0].entry.attempts + 1;
    const next = retryAt(attempts, now);
    const common = { lastErrcode: group[0].errcode, lastError: group[0].errmsg.slice(0, 200), attempts };
    const ids = group.map((t) => t.entry._id);
    if (next) {
      await finish(ids, { ...common, status: 'pending', dueAt: next, attemptedAt: null });
      stats.retried += group.length;
    } else {
      await finish(ids, { ...common, status: 'failed', finishedAt: now });
      stats.failed += group.length;
    }
  }
}

/** `loadConfig` is called once, and only when something is due (most quarter-hour runs find nothing). */
export async function deliverDue(
  db: Database,
  app: CloudApp,
  now: Date,
  loadConfig: () => Promise<ReminderConfig>,
  opts: { batch?: number; budgetMs?: number } = {},
): Promise<DeliveryStats> {
  const started = Date.now();
  const stats: DeliveryStats = { sent: 0, failed: 0, retried: 0, skipped: 0, deferred: 0, lost: 0, released: 0, more: false };
  const run: Run = { db, app, now, runId: crypto.randomBytes(8).toString('hex'), stats };
  let config: ReminderConfig | undefined;

  stats.released = await releaseStale(run);
  const overBudget = () => Date.now() - started > (opts.budgetMs ?? BUDGET_MS);
  for (let reads = 0; ; reads++) {
    const due = await dueBatch(run, opts.batch ?? READ);
    if (!due.length) break;
    // At least one read is handled; after that the budget decides, and `more` says entries are left.
    if (reads > 0 && overBudget()) {
      stats.more = true;
      break;
    }
    config ??= await loadConfig();
    const ready = await deferQuiet(run, due, config);
    const sendable = await skipInboxOnly(run, ready, config);
    for (let i = 0; i < sendable.length; i += BATCH) {
      // What this run does not claim stays pending for the next one.
      if (i > 0 && overBudget()) {
        stats.more = true;
        return stats;
      }
      const claimed = await claim(run, sendable.slice(i, i + BATCH));
      if (claimed.length) await recordOutcomes(run, await sendAll(run, claimed, config));
    }
  }
  return stats;
}
