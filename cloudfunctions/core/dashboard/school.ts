/**
 * The dashboard of a school or a class for a term: every rate, per class for a school, and the trend by month. The
 * dashboard's figures are counts from aggregate queries (counts.ts), so its requests and its answer do not grow with
 * the school; a rate's drill-down (drill.ts) judges the children it lists one by one (rates.ts), by the same rules. The first screen waits on the calendar, the counts and one write (the month's
 * figures, kept for the trend, and the school's counts, which the county sums).
 */
import type { SchoolDashboard, TermView } from '../../../typings/actions/dashboard';
import type { SchoolClass } from '../../../typings/domain';
import type { Database } from '../cloud';
import type { Target } from '../access';
import { COLLECTION } from '../collections';
import { loadCalendar } from '../familyCalls/calendar';
import { beijingDate, beijingMonth } from '../time';
import { shiftMonth } from '../talks/round';
import { RATES, ratesOfTally, sumTallies } from './rates';
import { tallyRates, type TallyPlace } from './counts';
import { asOfDay, resolveTerm, termMonths } from './terms';
import { countedAtOf, keepSchoolCounts, keepSnapshot, keptCountsOf, lastChangeOf, snapshotOf, standingCounts, type Snapshot } from './kept';

export const NOTES = ['儿童主任的入户走访按各村（社区）的走访周期计：一般每季度一次，重点对象每月一次；各村的详情在儿童督导员的「乡镇总览」里'];

/** The figures kept for a class or school from `fromMonth` on. */
async function trendOf(db: Database, t: Target, fromMonth: string): Promise<Snapshot[]> {
  const res = await db
    .collection(COLLECTION.dashboardSnapshots)
    .where({ schoolId: t.schoolId, classId: t.classId ?? null, month: db.command.gte(fromMonth) })
    .limit(100)
    .get();
  return res.data as Snapshot[];
}

/** A year of kept figures is read with the records: enough for any term but an old one. */
const TREND_READ_MONTHS = 12;

/** A school's classes (for their names and order). */
async function classesOf(db: Database, schoolId: string): Promise<ClassInfo[]> {
  const res = await db.collection(COLLECTION.classes).where({ schoolId }).field({ name: true, grade: true, archivedAt: true }).limit(1000).get();
  return (res.data as ClassInfo[]).sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'zh'));
}

type ClassInfo = Pick<SchoolClass, '_id' | 'name' | 'grade' | 'archivedAt'>;

/** The term asked for (default today's) and the day its rates stand at. */
export async function termOf(db: Database, schoolId: string, termName: string | undefined, now: Date) {
  const calendar = await loadCalendar(db, schoolId);
  const { term, terms } = resolveTerm(calendar?.terms ?? [], termName, now);
  return { term, terms, asOf: asOfDay(term, now) };
}

const placeOfTarget = (t: Target): TallyPlace =>
  t.classId ? { field: 'classId', ids: [t.classId], by: 'classId' } : { field: 'schoolId', ids: [t.schoolId], by: 'classId' };

/** The counts of a class, or of a school per class (aggregate queries: a few numbers per class, whatever its size). */
export async function schoolTallies(db: Database, t: Target, termName: string | undefined, now: Date) {
  const [{ term, terms, asOf }, classes] = await Promise.all([termOf(db, t.schoolId, termName, now), t.classId ? [] : classesOf(db, t.schoolId)]);
  const tallies = await tallyRates(db, placeOfTarget(t), term, asOf);
  return { term, terms, asOf, classes, tallies, total: sumTallies(tallies.values()) };
}

/** The same for a term already known: the classes and the counts read together. */
export async function tallyFor(db: Database, t: Target, term: TermView, asOf: string) {
  const [classes, tallies] = await Promise.all([t.classId ? [] : classesOf(db, t.schoolId), tallyRates(db, placeOfTarget(t), term, asOf)]);
  return { classes, tallies, total: sumTallies(tallies.values()) };
}

/**
 * A school's first screen shows the counts kept this morning (or when last counted) while they stand: of the term and
 * day asked, with no change audited in the school since (counting two thousand children live takes about a second).
 * Otherwise, or with `recount` (the page's 重新统计 and pull-down), it counts afresh and keeps those counts for the
 * next viewer and the county. A class is counted live.
 */
export async function schoolDashboard(
  db: Database,
  t: Target,
  viewer: { scopeName: string; drillDown: boolean },
  termName: string | undefined,
  now: Date,
  recount = false,
): Promise<SchoolDashboard> {
  const yearBack = shiftMonth(beijingMonth(now), -TREND_READ_MONTHS + 1);
  const useKept = !t.classId && !recount;
  const [{ term, terms, asOf }, classes, kept, lastChange, trend] = await Promise.all([
    termOf(db, t.schoolId, termName, now),
    t.classId ? [] : classesOf(db, t.schoolId),
    useKept ? keptCountsOf(db, t.schoolId) : null,
    useKept ? lastChangeOf(db, t.schoolId) : null,
    trendOf(db, t, yearBack),
  ]);
  const keptTallies = standingCounts(kept, lastChange, term, asOf);
  const tallies = keptTallies ?? (await tallyRates(db, placeOfTarget(t), term, asOf));
  const total = sumTallies(tallies.values());
  const rates = ratesOfTally(total);
  const months = termMonths(term, asOf);
  const today = asOf === beijingDate(now);
  const snapshot = snapshotOf(t.schoolId, t.classId, asOf.slice(0, 7), total, now);
  const countedNow = today && !keptTallies;
  const [more] = await Promise.all([
    // An old term's months are read once it is known (it is asked for rarely).
    months.length && months[0] < yearBack ? trendOf(db, t, months[0]) : trend,
    // Only today's figures are kept: a month's last call leaves the figures it ended with; a school's counts are
    // also what the county's dashboard sums (kept.ts). Kept counts were kept with their snapshot already.
    countedNow ? keepSnapshot(db, snapshot) : null,
    countedNow && !t.classId ? keepSchoolCounts(db, t.schoolId, term, asOf, tallies, now) : null,
  ]);
  const byMonth = new Map([...more, ...(today ? [snapshot] : [])].map((s) => [s.month, s]));
  return {
    scope: { kind: t.classId ? 'class' : 'school', schoolId: t.schoolId, classId: t.classId, name: viewer.scopeName },
    term,
    terms,
    asOf,
    countedAt: countedAtOf(kept, keptTallies),
    rates,
    classes: classes.filter((c) => !c.archivedAt).map((c) => ({ classId: c._id, name: c.name, counts: tallies.get(c._id) ?? sumTallies([]) })),
    trend: { months, series: RATES.map((r) => ({ key: r.key, values: months.map((m) => byMonth.get(m)?.rates[r.key] ?? null) })) },
    notes: NOTES,
    drillDown: viewer.drillDown,
  };
}
