/**
 * Reminder sources: how features plug into the scheduler. A source answers "which reminders fall due in this
 * window?" by paging through its data and yielding drafts batch by batch; the scheduler job stores each batch in
 * the outbox (idempotently: overlapping or repeated windows are harmless) and then delivers.
 *
 * Cadences (cloudfunctions/scheduler/config.json triggers):
 *   quarterHour  every 15 minutes  e.g. a family call starting within the next hour
 *   daily        07:30 Beijing     e.g. the teachers' agenda for the day, today's birthdays
 *   monthly      1st, 08:00        e.g. the monthly talk round (每月谈心)
 *
 * A feature adds its source to cloudfunctions/scheduler/src/sources.ts.
 */
import type { Database } from '../cloud';
import { COLLECTION, type CollectionName } from '../collections';
import type { ReminderDraft } from './types';

export type Cadence = 'quarterHour' | 'daily' | 'monthly';

export interface SourceContext {
  db: Database;
  /** The run's time (the trigger's fire time). */
  now: Date;
  /** The window this run covers: (from, to]. `from` is where the previous run of the cadence stopped. */
  from: Date;
  to: Date;
}

export interface ReminderSource {
  /** Unique, e.g. 'talkRound'; shown in job results. */
  name: string;
  cadence: Cadence;
  /** Drafts due in (from, to], in batches; page through data (a get returns at most 1000 rows), never load it all. */
  collect(ctx: SourceContext): AsyncIterable<ReminderDraft[]>;
}

/** One trigger period per cadence: the window of a first run, and how far back a run looks after missed runs. */
export const CADENCE_PERIOD_MS: Record<Cadence, number> = {
  quarterHour: 15 * 60 * 1000,
  daily: 24 * 3600 * 1000,
  monthly: 31 * 24 * 3600 * 1000,
};
const MAX_LOOKBACK_MS: Record<Cadence, number> = {
  quarterHour: 24 * 3600 * 1000,
  daily: 3 * 24 * 3600 * 1000,
  monthly: 31 * 24 * 3600 * 1000,
};

interface JobStateRecord {
  _id: string;
  lastTo: Date;
}

/**
 * The window of this run: from the end of the previous run (kept in jobState), at most MAX_LOOKBACK back;
 * a previous run "in the future" (a simulation or test that went back in time) counts as none.
 */
export async function windowFor(db: Database, cadence: Cadence, now: Date): Promise<{ from: Date; to: Date }> {
  const res = await db.collection(COLLECTION.jobState).doc(cadence).get();
  const last = (res.data[0] as JobStateRecord | undefined)?.lastTo;
  const earliest = now.getTime() - MAX_LOOKBACK_MS[cadence];
  let from = now.getTime() - CADENCE_PERIOD_MS[cadence];
  if (last && last.getTime() < now.getTime()) from = Math.max(last.getTime(), earliest);
  return { from: new Date(from), to: now };
}

export async function saveWindow(db: Database, cadence: Cadence, to: Date): Promise<void> {
  await db.collection(COLLECTION.jobState).doc(cadence).set({ lastTo: to });
}

/**
 * Page through a collection where `where` names only indexed equality fields (so the database skips cheaply),
 * `size` rows at a time (CloudBase returns at most 1000 per get).
 */
export async function* pages<T>(
  db: Database,
  collection: CollectionName,
  where: Record<string, unknown>,
  opts: { size?: number; fields?: Record<string, boolean> } = {},
): AsyncGenerator<T[]> {
  const size = Math.min(opts.size ?? 1000, 1000);
  for (let offset = 0; ; offset += size) {
    let query = db.collection(collection).where(where);
    if (opts.fields) query = query.field(opts.fields);
    const res = await query.skip(offset).limit(size).get();
    const rows = res.data as T[];
    if (rows.length) yield rows;
    if (rows.length < size) return;
  }
}
