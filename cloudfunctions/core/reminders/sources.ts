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
 *
 * A run that cannot finish in one invocation (a county's worth of children) stops between batches and goes on in the
 * next one: a source that walks its data in key order yields `{ drafts, cursor }` (every reminder up to that key is in
 * those drafts or earlier ones), the job state keeps the last cursor stored, and the next invocation asks the source
 * again with `after` set to it. A source without cursors is run to its end once begun (so a run always moves on), and
 * from its start again after a crash: reminders are idempotent, so nothing is sent twice and nothing is left out.
 */
import type { Database } from '../cloud';
import { COLLECTION, type CollectionName } from '../collections';
import { keyPages } from '../paging';
import type { ReminderDraft } from './types';

export type Cadence = 'quarterHour' | 'daily' | 'monthly';

export interface SourceContext {
  db: Database;
  /** The run's time (the trigger's fire time). */
  now: Date;
  /** The window this run covers: (from, to]. `from` is where the previous run of the cadence stopped. */
  from: Date;
  to: Date;
  /** Resume after this cursor (one the source yielded in an earlier invocation of the same run); null: from the start. */
  after: string | null;
}

/** Drafts, and where the source stands once they are stored: everything up to `cursor` (in the source's key order). */
export interface CheckpointBatch {
  drafts: ReminderDraft[];
  cursor: string;
}

export interface ReminderSource {
  /** Unique, e.g. 'talkRound'; shown in job results. */
  name: string;
  cadence: Cadence;
  /**
   * Drafts due in (from, to], in batches; page through data (a get returns at most 1000 rows), never load it all.
   * A source over a whole county yields CheckpointBatches so a run can stop and go on between them.
   */
  collect(ctx: SourceContext): AsyncIterable<ReminderDraft[] | CheckpointBatch>;
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

/** A run of a cadence that stopped before its end: its window, and the source (and cursor in it) to go on from. */
export interface OpenRun {
  from: Date;
  to: Date;
  source: string;
  after: string | null;
}

interface JobStateRecord {
  _id: string;
  /** The end of the last finished run's window. */
  lastTo: Date | null;
  open?: OpenRun | null;
}

async function jobState(db: Database, cadence: Cadence): Promise<JobStateRecord | undefined> {
  const res = await db.collection(COLLECTION.jobState).doc(cadence).get();
  return res.data[0] as JobStateRecord | undefined;
}

/**
 * The window of a new run: from the end of the previous run (kept in jobState), at most MAX_LOOKBACK back;
 * a previous run "in the future" (a simulation or test that went back in time) counts as none.
 */
function newWindow(cadence: Cadence, last: Date | null | undefined, now: Date): { from: Date; to: Date } {
  const earliest = now.getTime() - MAX_LOOKBACK_MS[cadence];
  let from = now.getTime() - CADENCE_PERIOD_MS[cadence];
  if (last && last.getTime() < now.getTime()) from = Math.max(last.getTime(), earliest);
  return { from: new Date(from), to: now };
}

export async function windowFor(db: Database, cadence: Cadence, now: Date): Promise<{ from: Date; to: Date }> {
  return newWindow(cadence, (await jobState(db, cadence))?.lastTo, now);
}

/**
 * The run to do now: the one an earlier invocation left open (unless it is older than the cadence looks back), or,
 * unless `resumeOnly`, a new one whose window ends now. `lastTo` is kept to write back with the progress.
 */
export async function runToDo(
  db: Database,
  cadence: Cadence,
  now: Date,
  resumeOnly: boolean,
): Promise<{ run: OpenRun; resumed: boolean; lastTo: Date | null } | null> {
  const state = await jobState(db, cadence);
  const open = state?.open;
  if (open && now.getTime() - open.to.getTime() <= MAX_LOOKBACK_MS[cadence] && open.to.getTime() <= now.getTime())
    return { run: open, resumed: true, lastTo: state?.lastTo ?? null };
  if (resumeOnly) return null;
  return { run: { ...newWindow(cadence, state?.lastTo, now), source: '', after: null }, resumed: false, lastTo: state?.lastTo ?? null };
}

/** Where a run stands, written after each stored batch that moved it on: a crash or a time-out goes on from here. */
export async function saveProgress(db: Database, cadence: Cadence, lastTo: Date | null, open: OpenRun): Promise<void> {
  await db.collection(COLLECTION.jobState).doc(cadence).set({ lastTo, open });
}

/** The run is over: the next one starts where its window ended. */
export async function saveWindow(db: Database, cadence: Cadence, to: Date): Promise<void> {
  await db.collection(COLLECTION.jobState).doc(cadence).set({ lastTo: to, open: null });
}

/**
 * Page through a collection in `_id` order, `size` rows at a time (CloudBase returns at most 1000 per get), each page
 * starting after the last id of the one before; `after` resumes after that id. `where` must not name `_id`.
 */
export async function* pages<T extends { _id: string }>(
  db: Database,
  collection: CollectionName,
  where: Record<string, unknown>,
  opts: { size?: number; fields?: Record<string, boolean>; after?: string | null } = {},
): AsyncGenerator<T[]> {
  const _ = db.command;
  yield* keyPages<T>(
    (after) => {
      const query = db
        .collection(collection)
        .where(after === null ? where : { ...where, _id: _.gt(after) })
        .orderBy('_id', 'asc');
      return opts.fields ? query.field({ ...opts.fields, _id: true }) : query;
    },
    { after: opts.after, size: opts.size },
  );
}
