/**
 * A rate's drill-down: the children of a class or school behind one rate, each with whether they count and why. Only
 * the records that rate is judged from are read (load.ts), with the term, and only that rate is judged.
 */
import type { RateKey } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import type { Target } from '../access';
import { audit, type AuditActor } from '../audit';
import { loadCalendar } from '../familyCalls/calendar';
import { beijingDate } from '../time';
import { loadRateData } from './load';
import { drillDown, judgeRate, RATES, rateView } from './rates';
import { asOfDay, resolveTerm } from './terms';

/** The children behind one rate (staff), each read audited. */
export async function rateChildren(db: Database, t: Target, scopeName: string, rate: RateKey, termName: string | undefined, now: Date, actor: AuditActor) {
  const place = t.classId ? { classId: t.classId } : { schoolId: t.schoolId };
  const today = beijingDate(now);
  // today's term is the usual one: its records are read with the calendar, not after it
  const [calendar, early] = await Promise.all([loadCalendar(db, t.schoolId), termName === undefined ? loadRateData(db, t.schoolId, place, today, rate) : null]);
  const { term } = resolveTerm(calendar?.terms ?? [], termName, now);
  const asOf = asOfDay(term, now);
  const data = early && asOf === today ? early : await loadRateData(db, t.schoolId, place, asOf, rate);
  const verdicts = judgeRate(rate, { data, term, asOf });
  await audit(
    db,
    actor,
    verdicts.map((v) => ({ kind: 'read' as const, schoolId: t.schoolId, childId: v.childId, fields: ['name', `dashboard.${rate}`] })),
  );
  return {
    scopeName,
    term,
    rate: rateView(
      RATES.find((r) => r.key === rate)!,
      verdicts.filter((v) => v.counted).length,
      verdicts.length,
    ),
    children: drillDown(verdicts, new Map(data.classes.map((c) => [c._id, c.name]))),
  };
}
