/**
 * The county tier (县教育局): one deployment serves a county. The county admin adds the county's schools (and
 * invites each school's admin through the ordinary invites), and sees every school's rates side by side: counts
 * only, by the same rules as the school's own dashboard, each school in its own term. The figures are each school's
 * counts kept that morning (kept.ts), one read for the county; a school without kept counts is counted live by
 * aggregate queries (counts.ts). Neither grows with the children. A school without a county simply has none.
 */
import crypto from 'node:crypto';
import type { County, School } from '../../../typings/domain';
import type { CountyDashboard, SchoolRow, TermView } from '../../../typings/actions/dashboard';
import type { Database, Transaction } from '../cloud';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { docOf } from '../archive/store';
import { beijingDate } from '../time';
import { tallyRates, type Tally } from './counts';
import { ratesOfTally, sumTallies } from './rates';
import { asOfDay } from './terms';
import { currentCounts, currentTerm, type KeptCounts, type SchoolWithCalendar } from './kept';

/**
 * Every school's counts: the kept ones (kept.ts) where the school has them for its term, the others counted live,
 * one tally per set of schools in the same term (usually one), a handful of aggregate queries answering a few numbers
 * per school. `countedAt` says when each kept count was made (none: counted now).
 */
export async function countySchoolTallies(db: Database, schools: CountySchool[], now: Date): Promise<Map<string, Counted>> {
  const kept = currentCounts(schools, now);
  const byTerm = new Map<string, { term: TermView; ids: string[] }>();
  for (const school of schools.filter((s) => !kept.has(s._id))) {
    const term = currentTerm(school.calendar[0]?.terms ?? [], now);
    const key = JSON.stringify(term);
    byTerm.set(key, { term, ids: [...(byTerm.get(key)?.ids ?? []), school._id] });
  }
  const live = await Promise.all(
    [...byTerm.values()].map(({ term, ids }) => tallyRates(db, { field: 'schoolId', ids, by: 'schoolId' }, term, asOfDay(term, now))),
  );
  return new Map<string, Counted>([
    ...[...kept].map(([id, k]): [string, Counted] => [id, { tally: k.tally, countedAt: k.countedAt }]),
    ...live.flatMap((m) => [...m].map(([id, tally]): [string, Counted] => [id, { tally, countedAt: null }])),
  ]);
}

/** A school's counts and when they were kept (null: counted just now). */
type Counted = { tally: Tally; countedAt: Date | null };

type CountySchool = SchoolWithCalendar & Pick<School, 'name'> & { kept: KeptCounts[] };

/** The county's schools with their calendars and kept counts, in one request. */
export async function countySchools(db: Database, countyId: string): Promise<CountySchool[]> {
  const res = await db
    .collection(COLLECTION.schools)
    .aggregate()
    .match({ countyId })
    .limit(1000)
    .lookup({ from: COLLECTION.schoolCalendars, localField: '_id', foreignField: '_id', as: 'calendar' })
    .lookup({ from: COLLECTION.schoolCounts, localField: '_id', foreignField: '_id', as: 'kept' })
    .project({ name: true, 'calendar.terms': true, kept: true })
    .end();
  return (res.data as CountySchool[]).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
}

export async function countyDashboard(db: Database, county: Pick<County, '_id' | 'name'>, now: Date): Promise<CountyDashboard> {
  const schools = await countySchools(db, county._id);
  const tallies = schools.length ? await countySchoolTallies(db, schools, now) : new Map<string, Counted>();
  const rows: SchoolRow[] = schools.map((school) => {
    const counted = tallies.get(school._id);
    const counts = counted?.tally ?? sumTallies([]);
    return {
      schoolId: school._id,
      name: school.name,
      leftBehind: counts.archive.denominator,
      counts,
      countedAt: counted?.countedAt ? new Date(counted.countedAt).toISOString() : null,
    };
  });
  const totals = ratesOfTally(sumTallies([...tallies.values()].map((t) => t.tally)));
  return { county: { countyId: county._id, name: county.name }, asOf: beijingDate(now), schools: rows, totals };
}

/** A new school of the county; the same name twice in a county is refused (and two requests at once make one). */
export async function createCountySchool(db: Database, county: County, name: string, actor: AuditActor): Promise<{ schoolId: string; name: string }> {
  const schoolId = `${county._id}-${crypto.createHash('sha256').update(name).digest('hex').slice(0, 12)}`;
  await db.runTransaction(async (tx: Transaction) => {
    if (docOf(await tx.collection(COLLECTION.schools).doc(schoolId).get())) throw new AppError('CONFLICT', `本县已有「${name}」`);
    await tx.collection(COLLECTION.schools).doc(schoolId).set({ name, countyId: county._id, createdAt: actor.now });
    await audit(tx, actor, [{ kind: 'change', schoolId, childId: null, fields: ['schools'], note: `县教育局新建学校：${name}` }]);
  });
  return { schoolId, name };
}
