/**
 * The reminder engine, as features use it.
 *
 *   // from a handler (e.g. a family call booked): remind now or at a later time
 *   await remind(ctx.db, [{ kind: 'familyCall.soon', to: parentOpenid, role: 'parent', subject: call._id,
 *     occurrence: call.startsAt.toISOString(), template: 'schedule', at: halfAnHourBefore,
 *     fields: { time: call.startsAt, child: child.name, note: '请提前到关爱室' }, title: '亲情视频马上开始',
 *     body: `${WHEN}与${child.name}视频通话`, when: call.startsAt, // "今天 19:00（还有30分钟）" as of reading
 *     page: `areas/family-calls/pages/next/index?id=${call._id}`, childId: child._id }], ctx.now);
 *
 *   // from the scheduler: a ReminderSource (./sources.ts) listed in cloudfunctions/scheduler/src/sources.ts
 *
 * Either way the reminder lands in the inbox (shown from `at`) and in the outbox, which the scheduler delivers as a
 * WeChat subscribe message when the person has a subscription left and it is not their quiet hours.
 */
import type { CloudApp, Database } from '../cloud';
import { loadConfig, type ReminderConfig } from './config';
import { deliverDue, type DeliveryStats } from './deliver';
import { enqueue, type EnqueueResult } from './outbox';
import { runToDo, saveProgress, saveWindow, type Cadence, type ReminderSource } from './sources';
import type { ReminderDraft } from './types';

export type { ReminderDraft } from './types';
export type { ReminderSource, Cadence, SourceContext, CheckpointBatch } from './sources';
export type { TemplateKey } from './templates';
export { WHEN } from './when';
export { pages } from './sources';

/** Store reminders (idempotent: the same kind/subject/occurrence/recipient is stored once). */
export function remind(db: Database, drafts: ReminderDraft[], now: Date): Promise<EnqueueResult> {
  return enqueue(db, drafts, now);
}

export interface CadenceRun {
  window: { from: string; to: string };
  sources: Record<string, EnqueueResult>;
  /** The run stopped at its time budget with work left: the next invocation goes on from where it stopped. */
  more: boolean;
}

/**
 * How long one scheduler invocation works (CloudBase ends it at the function's timeout, 60 s): no new batch is
 * collected after `collectMs`, and delivery stops taking batches after `totalMs`; both from the invocation's start.
 */
export interface RunBudget {
  collectMs: number;
  totalMs: number;
}
export const RUN_BUDGET: RunBudget = { collectMs: 25_000, totalMs: 40_000 };

type Run = NonNullable<Awaited<ReturnType<typeof runToDo>>>;

/** Collect one run batch by batch, writing where it stands after each checkpoint; false when it stopped at `stopAt`. */
async function collectRun(
  db: Database,
  cadence: Cadence,
  mine: ReminderSource[],
  todo: Run,
  now: Date,
  stopAt: number,
  results: Record<string, EnqueueResult>,
): Promise<boolean> {
  const { from, to } = todo.run;
  // A source renamed or removed since the run stopped: the run starts over (reminders are idempotent).
  const start = Math.max(0, todo.resumed ? mine.findIndex((s) => s.name === todo.run.source) : 0);
  const stop = (source: string, after: string | null) => saveProgress(db, cadence, todo.lastTo, { from, to, source, after }).then(() => false);
  // Written first, so a run cut short before its first checkpoint is gone on with by the next invocation.
  if (!todo.resumed) await stop(mine[0].name, null);
  for (let i = start; i < mine.length; i++) {
    const source = mine[i];
    const total = (results[source.name] ??= { created: 0, existing: 0 });
    let after = i === start && todo.resumed ? todo.run.after : null;
    for await (const batch of source.collect({ db, now: to, from, to, after })) {
      const { drafts, cursor } = Array.isArray(batch) ? { drafts: batch, cursor: null } : batch;
      const r = await enqueue(db, drafts, now);
      total.created += r.created;
      total.existing += r.existing;
      if (cursor === null) continue;
      after = cursor;
      if (Date.now() >= stopAt) return stop(source.name, after);
      await saveProgress(db, cadence, todo.lastTo, { from, to, source: source.name, after });
    }
    if (i + 1 < mine.length && Date.now() >= stopAt) return stop(mine[i + 1].name, null);
  }
  await saveWindow(db, cadence, to);
  return true;
}

/**
 * Ask every source of the cadence for what is due and store it batch by batch: first the run an earlier invocation
 * left open (its window and its `now`), then, unless `resumeOnly`, a new run whose window ends now. Stops taking
 * batches at `stopAt` (wall-clock ms) and leaves the run open for the next invocation.
 */
export async function collectCadence(
  cadence: Cadence,
  sources: ReminderSource[],
  now: Date,
  db: Database,
  opts: { stopAt?: number; resumeOnly?: boolean } = {},
): Promise<CadenceRun | null> {
  const mine = sources.filter((s) => s.cadence === cadence);
  // No source of this cadence (yet): nothing to collect, so no window to keep either.
  if (!mine.length) return opts.resumeOnly ? null : { window: { from: now.toISOString(), to: now.toISOString() }, sources: {}, more: false };
  const results: Record<string, EnqueueResult> = {};
  let todo = await runToDo(db, cadence, now, !!opts.resumeOnly);
  if (!todo) return null;
  const window = { from: todo.run.from.toISOString(), to: todo.run.to.toISOString() };
  for (;;) {
    if (!(await collectRun(db, cadence, mine, todo, now, opts.stopAt ?? Infinity, results))) return { window, sources: results, more: true };
    // An open run went on to its end: this trigger's own run comes next, when its window is still ahead.
    if (!todo.resumed || opts.resumeOnly || todo.run.to.getTime() >= now.getTime()) return { window, sources: results, more: false };
    todo = (await runToDo(db, cadence, now, false))!;
    window.to = todo.run.to.toISOString();
  }
}

/** Deliver what is due (this run's reminders and earlier ones: retries, deferred by quiet hours) until `until`. */
export function deliverUntil(
  db: Database,
  now: Date,
  app: CloudApp,
  until: number,
  opts: { setting?: (name: string) => string | undefined; config?: ReminderConfig } = {},
): Promise<DeliveryStats> {
  const config = opts.config ? async () => opts.config! : () => loadConfig(db, opts.setting);
  return deliverDue(db, app, now, config, { budgetMs: Math.max(0, until - Date.now()) });
}

/**
 * One scheduler run: collect the cadence's reminders (and go on with the open runs of the `resume` cadences), then
 * deliver, all within the budget; `more` says the next invocation has work left.
 */
export async function runCadence(
  cadence: Cadence,
  sources: ReminderSource[],
  now: Date,
  db: Database,
  app: CloudApp,
  opts: { setting?: (name: string) => string | undefined; config?: ReminderConfig; budget?: RunBudget; resume?: Cadence[] } = {},
): Promise<CadenceRun & { continued: Partial<Record<Cadence, CadenceRun>>; delivery: DeliveryStats }> {
  const started = Date.now();
  const budget = opts.budget ?? RUN_BUDGET;
  const stopAt = started + budget.collectMs;
  const own = (await collectCadence(cadence, sources, now, db, { stopAt }))!;
  const continued: Partial<Record<Cadence, CadenceRun>> = {};
  for (const other of opts.resume ?? []) {
    const r = await collectCadence(other, sources, now, db, { stopAt, resumeOnly: true });
    if (r) continued[other] = r;
  }
  const delivery = await deliverUntil(db, now, app, started + budget.totalMs, opts);
  const more = own.more || Object.values(continued).some((r) => r.more) || delivery.more;
  return { ...own, continued, delivery, more };
}
export { cancelReminders, type CancelFilter } from './cancel';
