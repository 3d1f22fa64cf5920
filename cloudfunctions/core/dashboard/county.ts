/**
 * The county tier (县教育局): one deployment serves a county. The county admin adds the county's schools (and
 * invites each school's admin through the ordinary invites), and sees every school's rates side by side: counts
 * only, by the same rules as the school's own dashboard. All the schools are read together (each collection once,
 * the schools as one `_.in`), each judged in its own term. A school without a county simply has none.
 */
import crypto from 'node:crypto';
import type { County, School, SchoolCalendar } from '../../../typings/domain';
import type { CountyDashboard, RateView, SchoolRow } from '../../../typings/actions/dashboard';
import type { Database, Transaction } from '../cloud';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { AppError } from '../errors';
import { docOf } from '../archive/store';
import { beijingDate } from '../time';
import { loadRateData, type RateData } from './load';
import { judgeAll, RATES, rateView, ratesOf } from './rates';
import { resolveTerm } from './terms';

/** One school's share of the county's records. */
function ofSchool(data: RateData, schoolId: string): RateData {
  const classes = data.classes.filter((c) => c.schoolId === schoolId);
  const mine = new Set(classes.map((c) => c._id));
  return {
    ...data,
    classes,
    children: data.children.filter((c) => c.schoolId === schoolId),
    coverage: { ...data.coverage, children: data.coverage.children.filter((c) => mine.has(c.classId)) },
  };
}

/** A school's term today; one whose calendar has no term begun yet is counted in the usual term. */
function currentTerm(terms: SchoolCalendar['terms'], now: Date) {
  try {
    return resolveTerm(terms, undefined, now);
  } catch {
    return resolveTerm([], undefined, now);
  }
}

export async function countyDashboard(db: Database, county: Pick<County, '_id' | 'name'>, now: Date): Promise<CountyDashboard> {
  const _ = db.command;
  const res = await db.collection(COLLECTION.schools).where({ countyId: county._id }).field({ name: true }).limit(1000).get();
  const schools = (res.data as Pick<School, '_id' | 'name'>[]).sort((a, b) => a.name.localeCompare(b.name, 'zh'));
  const today = beijingDate(now);
  const ids = _.in(schools.map((s) => s._id));
  const [calendars, data] = schools.length
    ? await Promise.all([
        db.collection(COLLECTION.schoolCalendars).where({ _id: ids }).field({ terms: true }).limit(1000).get(),
        loadRateData(db, ids, { schoolId: ids }, today),
      ])
    : [{ data: [] }, null];
  const termsOf = new Map((calendars.data as Pick<SchoolCalendar, '_id' | 'terms'>[]).map((c) => [c._id, c.terms]));
  const rows: SchoolRow[] = schools.map((school) => {
    const { term } = currentTerm(termsOf.get(school._id) ?? [], now);
    const rates = ratesOf(judgeAll({ data: ofSchool(data!, school._id), term, asOf: today }));
    return {
      schoolId: school._id,
      name: school.name,
      leftBehind: rates.find((r) => r.key === 'archive')!.denominator,
      rates,
      behind: rates.filter((r) => r.met === false).map((r) => r.key),
    };
  });
  const totals: RateView[] = RATES.map((def) => {
    const all = rows.map((r) => r.rates.find((x) => x.key === def.key)!);
    return rateView(
      def,
      all.reduce((n, r) => n + r.numerator, 0),
      all.reduce((n, r) => n + r.denominator, 0),
    );
  });
  return { county: { countyId: county._id, name: county.name }, asOf: today, schools: rows, totals };
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
