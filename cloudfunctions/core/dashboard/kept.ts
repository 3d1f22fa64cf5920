/**
 * Each school's counts, kept. Judging a county's hundred thousand children while the county admin waits takes far
 * longer than a screen may, so every morning the daily run walks the schools in id order and keeps, per school, the
 * counts of its current term as of that day (schoolCounts, one document per school: counts only, no child), and the
 * month's rates of the school and each class for the trend (dashboardSnapshots), so the trend fills in even when
 * nobody opened a dashboard. A school's own dashboard keeps its live counts the same way when opened. The county's
 * dashboard reads them with the schools and says when each was counted; a school with none yet (a new one) is
 * counted live.
 *
 * It is a daily source of the reminder engine for its resumable walk only: it yields no reminders, just where it
 * stands (a school's id), so a run cut short by the function's time limit goes on from the next school.
 */
import type { RateKey, TermView } from '../../../typings/actions/dashboard';
import type { School, SchoolCalendar } from '../../../typings/domain';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { pages, type CheckpointBatch, type ReminderSource, type SourceContext } from '../reminders/sources';
import { beijingDate } from '../time';
import { tallyRates, type Tally } from './counts';
import { ratesOfTally, sumTallies } from './rates';
import { asOfDay, resolveTerm } from './terms';

/** A month's rates of a school (classId null) or a class, for the trend. */
export interface Snapshot {
  _id: string;
  schoolId: string;
  classId: string | null;
  month: string;
  rates: Partial<Record<RateKey, number | null>>;
  updatedAt: Date;
}

/** A school's latest counts: the term, the day they stand at, per class, and when they were counted. */
export interface KeptCounts {
  _id: string;
  term: string;
  asOf: string;
  tally: Tally;
  /** Each class's counts (class id → counts), from classCounts; absent when those were not kept with the total. */
  classes?: Record<string, Tally>;
  countedAt: Date;
}

export type SchoolWithCalendar = Pick<School, '_id'> & { calendar: Pick<SchoolCalendar, 'terms'>[] };

/** The month's figures of a class or school, under the id the trend reads them by. */
export function snapshotOf(schoolId: string, classId: string | null, month: string, tally: Tally, now: Date): Snapshot {
  const rates = Object.fromEntries(ratesOfTally(tally).map((r) => [r.key, r.rate]));
  return { _id: `${classId ?? schoolId}_${month}`, schoolId, classId, month, rates, updatedAt: now };
}

/** Write a snapshot (its id is the document's). */
export function keepSnapshot(db: Database, snapshot: Snapshot) {
  const { _id, ...fields } = snapshot;
  return db.collection(COLLECTION.dashboardSnapshots).doc(_id).set(fields);
}

/**
 * Keep a school's counts of a term at a day: its total (schoolCounts, what the county sums) and each class's
 * (classCounts, what the school's own dashboard shows), both stamped with the same moment.
 */
export function keepSchoolCounts(db: Database, schoolId: string, term: TermView, asOf: string, perClass: Map<string, Tally>, now: Date) {
  const stamp = { term: term.name, asOf, countedAt: now };
  return Promise.all([
    db
      .collection(COLLECTION.schoolCounts)
      .doc(schoolId)
      .set({ ...stamp, tally: sumTallies(perClass.values()) }),
    db
      .collection(COLLECTION.classCounts)
      .doc(schoolId)
      .set({ ...stamp, classes: Object.fromEntries(perClass) }),
  ]);
}

/** The per-class counts kept for the term at the day asked, if those are what was kept. */
export function keptPerClass(kept: KeptCounts | null, term: TermView, asOf: string): Map<string, Tally> | null {
  if (!kept?.classes || kept.term !== term.name || kept.asOf !== asOf) return null;
  return new Map(Object.entries(kept.classes));
}

const keptDoc = <T>(db: Database, collection: string, schoolId: string): Promise<T | null> =>
  db
    .collection(collection)
    .doc(schoolId)
    .get()
    .then((res: { data: T[] }) => res.data[0] ?? null);

/**
 * A school's kept counts with its classes' (when both were kept at the same moment), if any (a failed read counts
 * as none: the caller counts afresh).
 */
export function keptCountsOf(db: Database, schoolId: string): Promise<KeptCounts | null> {
  return Promise.all([
    keptDoc<KeptCounts>(db, COLLECTION.schoolCounts, schoolId),
    keptDoc<Pick<KeptCounts, 'classes' | 'countedAt'>>(db, COLLECTION.classCounts, schoolId),
  ])
    .then(([total, perClass]) => {
      if (!total) return null;
      const same = perClass && new Date(perClass.countedAt).getTime() === new Date(total.countedAt).getTime();
      return { ...total, classes: same ? perClass.classes : undefined };
    })
    .catch(() => null);
}

/** The audit kinds that record a change to a child's records (reads, exports and access changes count nothing). */
const CHANGES = ['change', 'delete', 'consent'];

/**
 * When a change of the school was last audited: every change is audited with its school in the same transaction, so
 * this says whether kept counts still stand. Read beside the kept counts (a failed read says they may not).
 */
export function lastChangeOf(db: Database, schoolId: string): Promise<Date | 'unknown' | null> {
  return db
    .collection(COLLECTION.auditLog)
    .where({ schoolId, kind: db.command.in(CHANGES) })
    .orderBy('at', 'desc')
    .field({ at: true })
    .limit(1)
    .get()
    .then((res: { data: { at: Date }[] }) => (res.data[0] ? new Date(res.data[0].at) : null))
    .catch(() => 'unknown' as const);
}

/** The per-class counts kept for the term at the day asked, if no change was audited in the school since they were counted. */
export function standingCounts(kept: KeptCounts | null, lastChange: Date | 'unknown' | null, term: TermView, asOf: string): Map<string, Tally> | null {
  const perClass = keptPerClass(kept, term, asOf);
  if (!perClass || lastChange === 'unknown') return null;
  return lastChange && lastChange.getTime() >= new Date(kept!.countedAt).getTime() ? null : perClass;
}

/** When the counts shown were kept, as the screens say it; null when they were counted live (none stood). */
export function countedAtOf(kept: KeptCounts | null, standing: Map<string, Tally> | null): string | null {
  return standing && kept ? new Date(kept.countedAt).toISOString() : null;
}

/** A school's term today; one whose calendar has no term begun yet is counted in the usual term. */
export function currentTerm(terms: SchoolCalendar['terms'], now: Date): TermView {
  try {
    return resolveTerm(terms, undefined, now).term;
  } catch {
    return resolveTerm([], undefined, now).term;
  }
}

/** Count one school per class, then keep its counts, its month's rates and each class's, all at once. */
async function keepSchool(db: Database, school: SchoolWithCalendar, now: Date): Promise<void> {
  const term = currentTerm(school.calendar[0]?.terms ?? [], now);
  const asOf = asOfDay(term, now);
  const perClass = await tallyRates(db, { field: 'schoolId', ids: [school._id], by: 'classId' }, term, asOf);
  const total = sumTallies(perClass.values());
  // A term that is over keeps its counts; only a day within the term adds to the month's trend (as the dashboard).
  const month = asOf === beijingDate(now) ? asOf.slice(0, 7) : null;
  await Promise.all([
    keepSchoolCounts(db, school._id, term, asOf, perClass, now),
    ...(month
      ? [
          keepSnapshot(db, snapshotOf(school._id, null, month, total, now)),
          ...[...perClass].map(([classId, t]) => keepSnapshot(db, snapshotOf(school._id, classId, month, t, now))),
        ]
      : []),
  ]);
}

/** The schools after `after` in id order, with their calendars, 20 at a time. */
async function* schoolsInOrder(db: Database, after: string | null): AsyncGenerator<SchoolWithCalendar[]> {
  for await (const page of pages<{ _id: string }>(db, COLLECTION.schools, {}, { fields: { _id: true }, after, size: 20 })) {
    const calendars = await db
      .collection(COLLECTION.schoolCalendars)
      .where({ _id: db.command.in(page.map((s) => s._id)) })
      .field({ terms: true })
      .limit(page.length)
      .get();
    const byId = new Map((calendars.data as (Pick<SchoolCalendar, 'terms'> & { _id: string })[]).map((c) => [c._id, c]));
    yield page.map((s) => ({ _id: s._id, calendar: byId.has(s._id) ? [byId.get(s._id)!] : [] }));
  }
}

async function* keepCounts({ db, now, after }: SourceContext): AsyncGenerator<CheckpointBatch> {
  for await (const schools of schoolsInOrder(db, after)) {
    for (const school of schools) {
      await keepSchool(db, school, now);
      yield { drafts: [], cursor: school._id };
    }
  }
}

export const keptCountsSource: ReminderSource = { name: 'keptCounts', cadence: 'daily', collect: keepCounts };

/** The schools' kept counts that are of the school's term today (a term begun since is counted afresh). */
export function currentCounts(schools: (SchoolWithCalendar & { kept: KeptCounts[] })[], now: Date): Map<string, KeptCounts> {
  return new Map(
    schools.flatMap((s) => {
      const kept = s.kept[0];
      return kept && kept.term === currentTerm(s.calendar[0]?.terms ?? [], now).name ? [[s._id, kept] as const] : [];
    }),
  );
}
