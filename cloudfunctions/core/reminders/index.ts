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
import { saveWindow, windowFor, type Cadence, type ReminderSource } from './sources';
import type { ReminderDraft } from './types';

export type { ReminderDraft } from './types';
export type { ReminderSource, Cadence, SourceContext } from './sources';
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
  delivery: DeliveryStats;
}

/**
 * One scheduler run: ask every source of the cadence for what is due in its window, store it batch by batch, then
 * deliver whatever is due (this run's reminders and any earlier ones: retries, deferred by quiet hours).
 */
export async function runCadence(
  cadence: Cadence,
  sources: ReminderSource[],
  now: Date,
  db: Database,
  app: CloudApp,
  opts: { setting?: (name: string) => string | undefined; config?: ReminderConfig } = {},
): Promise<CadenceRun> {
  const mine = sources.filter((s) => s.cadence === cadence);
  // No source of this cadence (yet): nothing to collect, so no window to keep either.
  const window = mine.length ? await windowFor(db, cadence, now) : { from: now, to: now };
  const results: Record<string, EnqueueResult> = {};
  for (const source of mine) {
    const total: EnqueueResult = { created: 0, existing: 0 };
    for await (const batch of source.collect({ db, now, from: window.from, to: window.to })) {
      const r = await enqueue(db, batch, now);
      total.created += r.created;
      total.existing += r.existing;
    }
    results[source.name] = total;
  }
  if (mine.length) await saveWindow(db, cadence, window.to);
  const config = opts.config ? async () => opts.config! : () => loadConfig(db, opts.setting);
  const delivery = await deliverDue(db, app, now, config);
  return { window: { from: window.from.toISOString(), to: window.to.toISOString() }, sources: results, delivery };
}
export { cancelReminders, type CancelFilter } from './cancel';
