/**
 * The rates as counts, from aggregate queries: the database judges each child and sums them per class or per school,
 * so what comes back is a few numbers per group whatever the number of children (the county's dashboard, the school's
 * dashboard, the 统计表). The rules are the ones rates.ts judges a child by, one child at a time, for the drill-down:
 * a test keeps the two equal. Five pipelines go out at once: the children with their card, consents, pairings,
 * parent-meeting sign-ins, visits and community; the month's talks; the week's video calls, phone calls, and both.
 */
import type { RateKey, TermView } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { NOT_ATTENDING } from '../archive/enrolment';
import { intervalExpr, visitedInTime } from '../community/dueExpr';
import { dayjs, fromBeijing, startOfBeijingWeek } from '../time';
import { schoolYear } from './terms';

export type Tally = Record<RateKey, { numerator: number; denominator: number }>;
export type GroupBy = 'schoolId' | 'classId';

const nextDay = (day: string) => dayjs.utc(day).add(1, 'day').format('YYYY-MM-DD');
const nonEmpty = (expr: unknown) => ({ $gt: [{ $strLenCP: { $ifNull: [expr, ''] } }, 0] });
const isNull = (expr: unknown) => ({ $eq: [{ $ifNull: [expr, null] }, null] });
const before = (field: string, at: Date) => ({ $or: [isNull(field), { $lt: [field, at] }] });
const flag = (cond: unknown) => ({ $cond: [cond, 1, 0] });
const any = (input: unknown, cond: unknown) => ({ $gt: [{ $size: { $filter: { input: { $ifNull: [input, []] }, as: 'x', cond } } }, 0] });

interface Bounds {
  term: TermView;
  asOf: string;
  /** The next Beijing day's start: on the roll by the day the rates stand at. */
  rollEnd: Date;
  monthEnd: Date;
  weekStart: Date;
  weekEnd: Date;
}

function boundsOf(term: TermView, asOf: string): Bounds {
  const rollEnd = fromBeijing(`${nextDay(asOf)} 00:00`);
  const weekStart = startOfBeijingWeek(fromBeijing(`${asOf} 12:00`));
  const monthEnd = fromBeijing(
    `${dayjs
      .utc(`${asOf.slice(0, 7)}-01`)
      .add(1, 'month')
      .format('YYYY-MM-DD')} 00:00`,
  );
  return { term, asOf, rollEnd, monthEnd, weekStart, weekEnd: new Date(weekStart.getTime() + 7 * 86400000) };
}

/** Each child's verdicts as 0/1, then summed per group. */
function childFlags(b: Bounds) {
  const status = { $ifNull: ['$enrolment.status', 'enrolled'] };
  const enrolBase = { $ne: [status, 'transferred_out'] };
  const lateIn = { $and: [{ $eq: [status, 'transferred_in'] }, { $gte: [{ $ifNull: ['$enrolment.date', ''] }, b.term.start] }] };
  const attending = { $not: [{ $in: [status, [...NOT_ATTENDING]] }] };
  const latestConsent = { $arrayElemAt: [{ $filter: { input: '$consents', as: 'x', cond: { $eq: ['$$x.at', { $max: '$consents.at' }] } } }, 0] };
  const card = { $arrayElemAt: ['$cards', 0] };
  const archived = {
    $and: [
      { $eq: [{ $ifNull: [{ $let: { vars: { c: latestConsent }, in: '$$c.decision' } }, null] }, 'granted'] },
      nonEmpty('$address'),
      { $let: { vars: { k: card }, in: { $and: [any('$$k.parents', nonEmpty('$$x.phone')), { $ne: [{ $ifNull: ['$$k.guardian', null] }, null] }] } } },
    ],
  };
  const year = schoolYear(b.asOf);
  const educated = any('$sessions', { $and: [{ $gte: ['$$x.date', year.start] }, { $lte: ['$$x.date', b.asOf] }] });
  const paired = (kind: string) => any('$pairings', { $and: [{ $eq: ['$$x.kind', kind] }, isNull('$$x.endedAt')] });
  const community = { $arrayElemAt: ['$community', 0] };
  const lastVisit = {
    $max: {
      $map: {
        input: { $filter: { input: '$visits', as: 'x', cond: { $and: [{ $eq: ['$$x.schoolId', '$schoolId'] }, { $lte: ['$$x.date', b.asOf] }] } } },
        as: 'v',
        in: '$$v.date',
      },
    },
  };
  const visited = visitedInTime(lastVisit, intervalExpr(community), b.asOf);
  const onRoll = before('$createdAt', b.rollEnd);
  // a child with no entry date is not due a talk (talks/round.ts dueIn)
  const dueTalk = {
    $and: [{ $in: ['$leftBehindType', ['both_away', 'one_away_other_unable']] }, { $not: [isNull('$createdAt')] }, { $lt: ['$createdAt', b.monthEnd] }],
  };
  const on = (cond: unknown) => flag({ $and: [onRoll, cond] });
  return {
    leftBehind: on(true),
    archived: on(archived),
    enrolBase: on(enrolBase),
    enrolled: on({ $and: [enrolBase, attending] }),
    retBase: on({ $and: [enrolBase, { $not: [lateIn] }] }),
    retained: on({ $and: [enrolBase, { $not: [lateIn] }, attending] }),
    vaccinated: on({ $eq: ['$vaccination', 'complete'] }),
    educated: on(educated),
    paired: on({ $and: [paired('mentor'), paired('buddy')] }),
    talkDue: on(dueTalk),
    contactBase: flag(before('$createdAt', b.weekEnd)),
    visited: on(visited),
  };
}

type Flags = keyof ReturnType<typeof childFlags>;
type Row = Record<Flags, number> & { _id: string };

/** Where the children are (a class, a school, the county's schools) and what they are summed by. */
export interface TallyPlace {
  field: 'schoolId' | 'classId';
  ids: string[];
  by: GroupBy;
}

const inPlace = (db: Database, at: TallyPlace) => (at.ids.length === 1 ? at.ids[0] : db.command.in(at.ids));

function childrenPipeline(db: Database, at: TallyPlace, b: Bounds): Promise<Row[]> {
  const join = (from: string, localField: string, foreignField: string, as: string) => ({ from, localField, foreignField, as });
  const flags = childFlags(b);
  return (
    db
      .collection(COLLECTION.children)
      .aggregate()
      .match({ [at.field]: inPlace(db, at), deletedAt: null, leftBehindType: db.command.neq('not_left_behind') })
      .project({
        schoolId: true,
        classId: true,
        communityId: true,
        createdAt: true,
        address: true,
        leftBehindType: true,
        enrolment: true,
        vaccination: true,
        focusSupport: true,
        vulnerableCategories: true,
      })
      .lookup(join(COLLECTION.contactCards, '_id', '_id', 'cards'))
      .lookup(join(COLLECTION.consents, '_id', 'childId', 'consents'))
      .lookup(join(COLLECTION.pairings, '_id', 'childId', 'pairings'))
      .lookup(join(COLLECTION.symposiumAttendance, '_id', 'childId', 'signIns'))
      .addFields({ signIns: { $filter: { input: '$signIns', as: 'x', cond: { $in: ['$$x.kind', ['guardian', 'proxy']] } } } })
      .lookup(join(COLLECTION.symposiums, 'signIns.symposiumId', '_id', 'sessions'))
      .lookup(join(COLLECTION.visits, '_id', 'childId', 'visits'))
      .lookup(join(COLLECTION.communities, 'communityId', '_id', 'community'))
      .project({ group: `$${at.by}`, ...flags })
      .group({ _id: '$group', ...Object.fromEntries(Object.keys(flags).map((k) => [k, { $sum: `$${k}` }])) })
      // The cloud answers 20 rows of an aggregation unless told otherwise; a school has more classes, a county schools.
      .limit(10000)
      .end()
      .then((res: { data: unknown[] }) => res.data as Row[])
  );
}

/** Children of the place with a record matched by `match` (one row per child), counted per group; `also`: who also have one in another collection. */
function childrenWith(
  db: Database,
  collection: string,
  match: Record<string, unknown>,
  at: TallyPlace,
  childCond: Record<string, unknown>,
  also?: { collection: string; within: unknown },
): Promise<Map<string, number>> {
  let q = db.collection(collection).aggregate().match(match).group({ _id: '$childId' });
  if (also) {
    q = q
      .lookup({ from: also.collection, localField: '_id', foreignField: 'childId', as: 'other' })
      .addFields({ also: any('$other', also.within) })
      .match({ also: true });
  }
  return q
    .lookup({ from: COLLECTION.children, localField: '_id', foreignField: '_id', as: 'child' })
    .unwind('$child')
    .match({ [`child.${at.field}`]: inPlace(db, at), 'child.deletedAt': null, ...childCond })
    .group({ _id: `$child.${at.by}`, n: { $sum: 1 } })
    .limit(10000)
    .end()
    .then((res: { data: { _id: string; n: number }[] }) => new Map(res.data.map((r) => [r._id, r.n])));
}

/** Every rate's numerator and denominator per class or per school of the place, for a term at a day. */
export async function tallyRates(db: Database, at: TallyPlace, term: TermView, asOf: string): Promise<Map<string, Tally>> {
  const _ = db.command;
  const b = boundsOf(term, asOf);
  const place = { [at.field]: inPlace(db, at) };
  const week = (field: string) => ({ [field]: _.gte(b.weekStart).and(_.lt(b.weekEnd)) });
  const talkChild = { 'child.leftBehindType': _.in(['both_away', 'one_away_other_unable']), 'child.createdAt': _.lt(b.rollEnd) };
  const contactChild = { 'child.leftBehindType': _.neq('not_left_behind'), 'child.createdAt': _.eq(null).or(_.lt(b.weekEnd)) };
  const calls = { ...place, status: 'done', ...week('startsAt') };
  const phoneInWeek = { $and: [{ $gte: ['$$x.at', b.weekStart] }, { $lt: ['$$x.at', b.weekEnd] }, { $in: [`$$x.${at.field}`, at.ids] }] };
  const [rows, talked, called, phoned, both] = await Promise.all([
    childrenPipeline(db, at, b),
    childrenWith(db, COLLECTION.talks, { ...place, month: asOf.slice(0, 7) }, at, talkChild),
    childrenWith(db, COLLECTION.familyCalls, calls, at, contactChild),
    childrenWith(db, COLLECTION.phoneCalls, { ...place, ...week('at') }, at, contactChild),
    childrenWith(db, COLLECTION.familyCalls, calls, at, contactChild, { collection: COLLECTION.phoneCalls, within: phoneInWeek }),
  ]);
  const of = (numerator: number, denominator: number) => ({ numerator, denominator });
  return new Map(
    rows.map((r) => {
      const contacted = (called.get(r._id) ?? 0) + (phoned.get(r._id) ?? 0) - (both.get(r._id) ?? 0);
      const tally: Tally = {
        archive: of(r.archived, r.leftBehind),
        enrolment: of(r.enrolled, r.enrolBase),
        retention: of(r.retained, r.retBase),
        vaccination: of(r.vaccinated, r.leftBehind),
        parentEducation: of(r.educated, r.leftBehind),
        pairing: of(r.paired, r.leftBehind),
        contact: of(contacted, r.contactBase),
        talks: of(talked.get(r._id) ?? 0, r.talkDue),
        visits: of(r.visited, r.leftBehind),
      };
      return [r._id, tally];
    }),
  );
}
