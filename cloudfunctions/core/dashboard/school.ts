/**
 * The dashboard of a school or a class for a term: every rate, per class for a school, the trend by month, and a
 * rate's drill-down (the children counted). The term comes from the school calendar; the calendar and the records
 * are read together (for today's term, the common case), so the first screen waits on two rounds of reads and one
 * write (the month's figures, kept for the trend).
 */
import type { RateKey, SchoolDashboard, TermView } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import type { Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { loadCalendar } from '../familyCalls/calendar';
import { beijingDate, beijingMonth } from '../time';
import { shiftMonth } from '../talks/round';
import { loadRateData, type Place, type RateData } from './load';
import { drillDown, judgeAll, RATES, rateView, ratesOf } from './rates';
import { asOfDay, resolveTerm, termMonths } from './terms';

export interface Snapshot {
  _id: string;
  schoolId: string;
  classId: string | null;
  month: string;
  rates: Partial<Record<RateKey, number | null>>;
  updatedAt: Date;
}

export const NOTES = ['儿童主任的入户走访不在这些比率中：各村的走访情况在儿童督导员的「乡镇总览」和儿童主任的登记册里'];

const placeOf = (t: Target): Place => (t.classId ? { classId: t.classId } : { schoolId: t.schoolId });
const snapshotId = (t: Target, month: string) => `${t.classId ?? t.schoolId}_${month}`;

export interface Counted {
  term: TermView;
  terms: TermView[];
  asOf: string;
  data: RateData;
}

/** The term and the records of a class or school: read together when the term is today's. */
export async function countFor(db: Database, t: Target, termName: string | undefined, now: Date): Promise<Counted> {
  const today = beijingDate(now);
  const [calendar, early] = await Promise.all([loadCalendar(db, t.schoolId), termName === undefined ? loadRateData(db, t.schoolId, placeOf(t), today) : null]);
  const { term, terms } = resolveTerm(calendar?.terms ?? [], termName, now);
  const asOf = asOfDay(term, now);
  const data = early && asOf === today ? early : await loadRateData(db, t.schoolId, placeOf(t), asOf);
  return { term, terms, asOf, data };
}

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

export async function schoolDashboard(
  db: Database,
  t: Target,
  viewer: { scopeName: string; drillDown: boolean },
  termName: string | undefined,
  now: Date,
): Promise<SchoolDashboard> {
  const yearBack = shiftMonth(beijingMonth(now), -TREND_READ_MONTHS + 1);
  const [{ term, terms, asOf, data }, kept] = await Promise.all([countFor(db, t, termName, now), trendOf(db, t, yearBack)]);
  const verdicts = judgeAll({ data, term, asOf });
  const rates = ratesOf(verdicts);
  const months = termMonths(term, asOf);
  const live = asOf === beijingDate(now);
  const current = asOf.slice(0, 7);
  const snapshot: Snapshot = {
    _id: snapshotId(t, current),
    schoolId: t.schoolId,
    classId: t.classId,
    month: current,
    rates: Object.fromEntries(rates.map((r) => [r.key, r.rate])),
    updatedAt: now,
  };
  const { _id: snapshotKey, ...kept_ } = snapshot;
  const [more] = await Promise.all([
    // An old term's months are read once it is known (it is asked for rarely).
    months.length && months[0] < yearBack ? trendOf(db, t, months[0]) : kept,
    // Only today's figures are kept: a month's last call leaves the figures it ended with.
    live ? db.collection(COLLECTION.dashboardSnapshots).doc(snapshotKey).set(kept_) : null,
  ]);
  const byMonth = new Map([...more, ...(live ? [snapshot] : [])].map((s) => [s.month, s]));
  const classes = t.classId
    ? []
    : data.classes
        .filter((c) => !c.archivedAt)
        .sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name, 'zh'))
        .map((c) => ({ classId: c._id, name: c.name, rates: ratesOf(verdicts, (v) => v.classId === c._id) }));
  return {
    scope: { kind: t.classId ? 'class' : 'school', schoolId: t.schoolId, classId: t.classId, name: viewer.scopeName },
    term,
    terms,
    asOf,
    rates,
    classes,
    trend: { months, series: RATES.map((r) => ({ key: r.key, values: months.map((m) => byMonth.get(m)?.rates[r.key] ?? null) })) },
    notes: NOTES,
    drillDown: viewer.drillDown,
  };
}

/** The children behind one rate (staff), each read audited. */
export async function rateChildren(db: Database, t: Target, scopeName: string, rate: RateKey, termName: string | undefined, now: Date, actor: AuditActor) {
  const { term, asOf, data } = await countFor(db, t, termName, now);
  const verdicts = judgeAll({ data, term, asOf }).get(rate)!;
  const def = RATES.find((r) => r.key === rate)!;
  await audit(
    db,
    actor,
    verdicts.map((v) => ({ kind: 'read' as const, schoolId: t.schoolId, childId: v.childId, fields: ['name', `dashboard.${rate}`] })),
  );
  return {
    scopeName,
    term,
    rate: rateView(def, verdicts.filter((v) => v.counted).length, verdicts.length),
    children: drillDown(verdicts, new Map(data.classes.map((c) => [c._id, c.name]))),
  };
}
