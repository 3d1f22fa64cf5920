/**
 * What the rates of a class or school are counted from, read at once (every read below goes out together; each
 * pages through 1,000 rows at a time): the left-behind children with what their archive needs (contact card,
 * latest consent), the current mentor and buddy pairings, the month's talks, the guardians who came to a
 * symposium (家长会/座谈会) this school year, the week's family contacts (the family-call area's own count), and
 * the school's communities' visit intervals; each child's home visits come joined to the child, so a class reads
 * its own children's visits, not the school's. A drill-down of one rate reads only what that rate is judged from
 * (`only`); the parts of the other rates then stay empty.
 */
import type { Child, Community, ContactCard, SchoolClass, Visit } from '../../../typings/domain';
import type { VisitPolicy } from '../../../typings/actions/community';
import type { RateKey } from '../../../typings/actions/dashboard';
import { policyOf } from '../community/policy';
import type { Database } from '../cloud';
import type { ConsentRecord } from '../consent';
import { COLLECTION } from '../collections';
import { fetchAllRows } from '../familyCalls/load';
import { currentPairings } from '../archive/care';
import { computeCoverage, type CoverageResult, type CoverageScope } from '../familyCalls/coverage';
import type { AttendanceRecord, SymposiumRecord, TalkRecord } from '../talks/records';
import { fromBeijing, startOfBeijingWeek } from '../time';
import { schoolYear } from './terms';

/** A class, a school, or (for the county) several schools as one `_.in`. */
export type SchoolIds = string | ReturnType<Database['command']['in']>;
export type Place = { schoolId: SchoolIds } | { classId: string };

/** The child fields the rates read. */
const CHILD_FIELDS = [
  'name',
  'classId',
  'schoolId',
  'communityId',
  'leftBehindType',
  'address',
  'createdAt',
  'deletedAt',
  'enrolment',
  'vaccination',
  'focusSupport',
  'vulnerableCategories',
];

export type RateChildRecord = Pick<
  Child,
  | '_id'
  | 'name'
  | 'classId'
  | 'schoolId'
  | 'communityId'
  | 'leftBehindType'
  | 'address'
  | 'createdAt'
  | 'deletedAt'
  | 'enrolment'
  | 'vaccination'
  | 'focusSupport'
  | 'vulnerableCategories'
> & {
  /** Only what tells whether the card is filled: the parents' phones, the guardian's name. */
  cards: { parents: Pick<ContactCard['parents'][number], 'phone'>[]; guardian: Pick<NonNullable<ContactCard['guardian']>, 'name'> | null }[];
  consents: Pick<ConsentRecord, 'decision' | 'at'>[];
  visits: Pick<Visit, 'date' | 'schoolId'>[];
};

export interface RateData {
  classes: Pick<SchoolClass, '_id' | 'schoolId' | 'name' | 'grade' | 'archivedAt'>[];
  children: RateChildRecord[];
  /** `${childId}|mentor` and `${childId}|buddy` of the current pairings. */
  pairings: Set<string>;
  /** Children with a talk card in the month. */
  talked: Set<string>;
  /** Children whose guardian (or proxy parent) came to a symposium this school year, by the day the rates stand at. */
  educated: Set<string>;
  /** The family-call area's children of the week, each with whether they were contacted. */
  contacts: CoverageResult['children'];
  /** Each child's last home visit (YYYY-MM-DD) in their school by the day the rates stand at. */
  lastVisit: Map<string, string>;
  /** The school's communities' visit intervals. */
  policies: Map<string, VisitPolicy>;
}

const page = <T>(run: (skip: number) => Promise<{ data: unknown[] }>) => fetchAllRows<T>(run);

type Joined = 'cards' | 'consents' | 'visits';

/** The children with their contact cards and consents (for the archive rate) and their visits (for the visit rate), when asked for. */
function rateChildren(db: Database, place: Place, joins: { cards: boolean; visits: boolean }): Promise<RateChildRecord[]> {
  const join = (from: string, foreignField: string, as: string) => ({ from, localField: '_id', foreignField, as });
  const fields = Object.fromEntries(CHILD_FIELDS.map((f) => [f, true]));
  return page<RateChildRecord>(async (skip) => {
    let query = db
      .collection(COLLECTION.children)
      .aggregate()
      .match({ ...place, deletedAt: null, leftBehindType: db.command.neq('not_left_behind') })
      .sort({ _id: 1 })
      .skip(skip)
      .limit(1000)
      .project(fields);
    if (joins.cards) query = query.lookup(join(COLLECTION.contactCards, '_id', 'cards')).lookup(join(COLLECTION.consents, 'childId', 'consents'));
    if (joins.visits) query = query.lookup(join(COLLECTION.visits, 'childId', 'visits'));
    if (joins.cards || joins.visits)
      query = query.project({
        ...fields,
        // whether the card has a parent's phone and a guardian, not the phones and names themselves
        ...(joins.cards && { 'cards.parents.phone': true, 'cards.guardian.name': true, 'consents.decision': true, 'consents.at': true }),
        ...(joins.visits && { 'visits.date': true, 'visits.schoolId': true }),
      });
    // a part not joined is none
    const res = (await query.end()) as { data: (Omit<RateChildRecord, Joined> & Partial<Pick<RateChildRecord, Joined>>)[] };
    return { data: res.data.map((c) => ({ cards: [], consents: [], visits: [], ...c })) };
  });
}

/**
 * The children (ids) whose guardian or proxy parent signed in at a symposium of the school year up to `asOf`. The
 * school's symposiums of the year and its guardians' sign-ins are read side by side (not one after the other).
 */
async function educatedChildren(db: Database, schoolId: SchoolIds, asOf: string): Promise<Set<string>> {
  const _ = db.command;
  const year = schoolYear(asOf);
  const [held, came] = await Promise.all([
    page<Pick<SymposiumRecord, '_id'>>((skip) =>
      db
        .collection(COLLECTION.symposiums)
        .where({ schoolId, date: _.gte(year.start).and(_.lte(asOf)) })
        .field({ _id: true })
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    page<Pick<AttendanceRecord, 'childId' | 'symposiumId'>>((skip) =>
      db
        .collection(COLLECTION.symposiumAttendance)
        .where({ schoolId, kind: _.in(['guardian', 'proxy']) })
        .field({ childId: true, symposiumId: true })
        .skip(skip)
        .limit(1000)
        .get(),
    ),
  ]);
  const thisYear = new Set(held.map((s) => s._id));
  return new Set(came.filter((a) => thisYear.has(a.symposiumId) && a.childId).map((a) => a.childId!));
}

/** `schoolId`: the school of the place (or the county's schools, as the place itself names them). `only`: the one rate to read for. */
export async function loadRateData(db: Database, schoolId: SchoolIds, place: Place, asOf: string, only?: RateKey): Promise<RateData> {
  const month = asOf.slice(0, 7);
  const needs = (rate: RateKey) => only === undefined || only === rate;
  const [classes, children, pairings, talks, educated, coverage, communities] = await Promise.all([
    page<RateData['classes'][number]>((skip) =>
      db
        .collection(COLLECTION.classes)
        .where('classId' in place ? { _id: place.classId } : { schoolId })
        .field({ schoolId: true, name: true, grade: true, archivedAt: true })
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    // the weekly contact alone is judged from the family-call area's own list of the children
    only === 'contact' ? [] : rateChildren(db, place, { cards: needs('archive'), visits: needs('visits') }),
    needs('pairing') ? currentPairings(db, place) : new Set<string>(),
    needs('talks')
      ? page<Pick<TalkRecord, 'childId'>>((skip) =>
          db
            .collection(COLLECTION.talks)
            .where({ ...place, month })
            .field({ childId: true })
            .skip(skip)
            .limit(1000)
            .get(),
        )
      : [],
    needs('parentEducation') ? educatedChildren(db, schoolId, asOf) : new Set<string>(),
    // The family-call area's own count of the week (its where clauses take the county's `_.in` as they take an id).
    needs('contact') ? computeCoverage(db, place as CoverageScope, startOfBeijingWeek(fromBeijing(`${asOf} 12:00`))) : null,
    needs('visits')
      ? page<Pick<Community, '_id' | 'visitEveryMonths' | 'focusEveryMonths'>>((skip) =>
          db.collection(COLLECTION.communities).where({ schoolId }).field({ visitEveryMonths: true, focusEveryMonths: true }).skip(skip).limit(1000).get(),
        )
      : [],
  ]);
  // A child's last visit in the child's own school, by the day the rates stand at (as counts.ts joins them).
  const lastVisit = new Map<string, string>();
  for (const c of children)
    for (const v of c.visits) if (v.schoolId === c.schoolId && v.date <= asOf && v.date > (lastVisit.get(c._id) ?? '')) lastVisit.set(c._id, v.date);
  return {
    classes,
    children,
    pairings,
    talked: new Set(talks.map((t) => t.childId)),
    educated,
    contacts: coverage?.children ?? [],
    lastVisit,
    policies: new Map(communities.map((c) => [c._id, policyOf(c)])),
  };
}
