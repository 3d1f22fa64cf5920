/**
 * Weekly contact coverage (亲情联系覆盖): of the left-behind children of a class or school, who had a video call
 * (done) or a family-phone call in a Beijing ISO week (Monday start), and who has had none in that week nor the
 * one before (flagged to their mentor teacher). Looks back 8 weeks to say how long a child has gone without,
 * counting only the weeks since the child was entered: a child added this week has gone one week without, not eight,
 * and a child added after the chosen week is not part of it.
 */
import type { Child, Pairing, SchoolClass } from '../../../typings/domain';
import type { CoverageChild, CoverageView } from '../../../typings/actions/familyCalls';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { beijing, beijingWeekKey, startOfBeijingWeek } from '../time';
import { startOf } from './clock';
import { fetchAllRows, type Caller } from './load';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const LOOKBACK_WEEKS = 8;
export const FLAG_WEEKS = 2;

export type CoverageScope = { classId: string } | { schoolId: string };

export interface CoverageResult extends CoverageView {
  /** Every left-behind child of the scope, with their mentor's OPENID (for the weekly prompt). */
  children: (CoverageChild & { mentorOpenid: string | null })[];
}

const rate = (contacted: number, total: number) => (total ? Math.round((contacted / total) * 100) : null);

type Latest = { _id: string; children: { childId: string; at: Date }[] };

/** Done video calls and family-phone calls: each matched by the instant they happened at. */
const CONTACTS = [
  { collection: COLLECTION.familyCalls, field: 'startsAt', match: (when: object) => ({ startsAt: when, status: 'done' }) },
  { collection: COLLECTION.phoneCalls, field: 'at', match: (when: object) => ({ at: when }) },
];

/**
 * Each child's latest contact in [from, to) (ms) of the calls matching `where`, found on the database as one row per
 * class (a child's latest, grouped by class), so a school's weeks of calls never come back one by one.
 */
async function latestContacts(db: Database, where: object, from: Date, to: Date, kinds = CONTACTS): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = _.aggregate;
  const res = await Promise.all(
    kinds.map(
      (c) =>
        db
          .collection(c.collection)
          .aggregate()
          .match({ ...where, ...c.match(_.gte(from).and(_.lt(to))) })
          .group({ _id: '$childId', classId: $.first('$classId'), at: $.max(`$${c.field}`) })
          .group({ _id: '$classId', children: $.push({ childId: '$_id', at: '$at' }) })
          // The cloud answers 20 documents of an aggregation unless told otherwise; a school has far fewer classes.
          .limit(1000)
          .end() as Promise<{ data: Latest[] }>,
    ),
  );
  const out = new Map<string, number>();
  for (const row of res.flatMap((r) => r.data)) {
    for (const c of row.children) out.set(c.childId, Math.max(out.get(c.childId) ?? 0, new Date(c.at).getTime()));
  }
  return out;
}

/** Up to this many children, the weeks before are read for them by name (`_.in`, IN_CHUNK at a time); beyond, for the whole place. */
const NAMED_MAX = 2000;
const IN_CHUNK = 500;

/**
 * The latest contact in [from, to) of the children named (those without any in the weeks after): usually a few
 * children, so their own calls are read rather than the whole place's weeks.
 */
async function earlierContacts(db: Database, scope: CoverageScope, childIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
  if (!childIds.length) return new Map();
  if (childIds.length > NAMED_MAX) return latestContacts(db, scope, from, to);
  const chunks: string[][] = [];
  for (let i = 0; i < childIds.length; i += IN_CHUNK) chunks.push(childIds.slice(i, i + IN_CHUNK));
  const maps = await Promise.all(chunks.map((ids) => latestContacts(db, { ...scope, childId: db.command.in(ids) }, from, to)));
  return new Map(maps.flatMap((m) => [...m]));
}

type CoverageChildRow = Pick<Child, '_id' | 'classId' | 'createdAt'> & Partial<Pick<Child, 'name'>>;

/** The left-behind children of the scope (the fields asked for), the classes, and the week's bounds. */
async function coverageFrame<C extends CoverageChildRow>(db: Database, scope: CoverageScope, weekStart: Date, fields: Record<string, true>) {
  const _ = db.command;
  const from = new Date(weekStart.getTime() - (LOOKBACK_WEEKS - 1) * WEEK_MS);
  const [children, classRes] = await Promise.all([
    fetchAllRows<C>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ ...scope, deletedAt: null, leftBehindType: _.neq('not_left_behind') })
        .field({ ...fields, classId: true, createdAt: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    db
      .collection(COLLECTION.classes)
      .where('classId' in scope ? { _id: scope.classId } : { schoolId: scope.schoolId })
      .field({ name: true, archivedAt: true })
      .limit(1000)
      .get(),
  ]);
  // The week a child was entered in (0 = the oldest looked at; below 0 = before it; none known = always there); a
  // child entered after the chosen week is not part of it.
  const firstWeek = (c: { createdAt?: Date | null }) => (c.createdAt ? Math.floor((startOfBeijingWeek(c.createdAt).getTime() - from.getTime()) / WEEK_MS) : 0);
  return {
    from,
    firstWeek,
    children: children.filter((c) => firstWeek(c) <= LOOKBACK_WEEKS - 1),
    classes: classRes.data as Pick<SchoolClass, '_id' | 'name' | 'archivedAt'>[],
  };
}

/** The week's figures of the scope and of each class (an archived class only while it still has children). */
function summarize(
  weekStart: Date,
  rows: { classId: string; contactedThisWeek: boolean }[],
  classes: Pick<SchoolClass, '_id' | 'name' | 'archivedAt'>[],
): Omit<CoverageView, 'flagged'> {
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const perClass = new Map<string, { leftBehind: number; contacted: number }>();
  for (const r of rows) {
    const k = perClass.get(r.classId) ?? { leftBehind: 0, contacted: 0 };
    k.leftBehind++;
    if (r.contactedThisWeek) k.contacted++;
    perClass.set(r.classId, k);
  }
  const contacted = rows.filter((r) => r.contactedThisWeek).length;
  return {
    weekKey: beijingWeekKey(weekStart),
    from: beijing(weekStart).format('YYYY-MM-DD'),
    to: beijing(to.getTime() - 1).format('YYYY-MM-DD'),
    school: { leftBehind: rows.length, contacted, rate: rate(contacted, rows.length) },
    classes: classes
      .filter((c) => perClass.has(c._id) || !c.archivedAt)
      .map((c) => {
        const k = perClass.get(c._id) ?? { leftBehind: 0, contacted: 0 };
        return { classId: c._id, name: c.name, ...k, rate: rate(k.contacted, k.leftBehind) };
      })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh')),
  };
}

type ClassWeek = { _id: string; calls: number; done: number; children: { childId: string; done: number }[] };

/**
 * A school's week (its week screen): per class, the week's video calls (not cancelled) and those done, counted on the
 * database in the same read that finds the children they were done with, and who was contacted; neither names nor
 * the weeks before are read.
 */
export async function schoolWeekCoverage(
  db: Database,
  schoolId: string,
  weekStart: Date,
): Promise<Omit<CoverageView, 'flagged'> & { calls: Map<string, { calls: number; done: number }> }> {
  const _ = db.command;
  const $ = _.aggregate;
  const scope = { schoolId };
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const [frame, perClass, phoned] = await Promise.all([
    coverageFrame(db, scope, weekStart, {}),
    db
      .collection(COLLECTION.familyCalls)
      .aggregate()
      .match({ ...scope, startsAt: _.gte(weekStart).and(_.lt(to)), status: _.neq('cancelled') })
      .group({ _id: '$childId', classId: $.first('$classId'), calls: $.sum(1), done: $.sum($.cond({ if: $.eq(['$status', 'done']), then: 1, else: 0 })) })
      .group({ _id: '$classId', calls: $.sum('$calls'), done: $.sum('$done'), children: $.push({ childId: '$_id', done: '$done' }) })
      // The cloud answers 20 documents of an aggregation unless told otherwise; a school has far fewer classes.
      .limit(1000)
      .end() as Promise<{ data: ClassWeek[] }>,
    latestContacts(
      db,
      scope,
      weekStart,
      to,
      CONTACTS.filter((c) => c.collection === COLLECTION.phoneCalls),
    ),
  ]);
  const called = new Set(perClass.data.flatMap((k) => k.children.filter((c) => c.done > 0).map((c) => c.childId)));
  const rows = frame.children.map((c) => ({ classId: c.classId, contactedThisWeek: called.has(c._id) || phoned.has(c._id) }));
  return {
    ...summarize(weekStart, rows, frame.classes),
    calls: new Map(perClass.data.map((k) => [k._id, { calls: k.calls, done: k.done }])),
  };
}

/**
 * `weekStart`: the Monday 00:00 (Beijing) instant of the week (core/time.ts startOfBeijingWeek). `lookBack`: 'place'
 * reads the eight weeks of the whole scope at once; 'unseen' reads the flagging weeks of the whole scope and the weeks
 * before only for the children without contact in them (far fewer calls, one request later).
 */
export async function computeCoverage(
  db: Database,
  scope: CoverageScope,
  weekStart: Date,
  { lookBack }: { lookBack: 'place' | 'unseen' } = { lookBack: 'place' },
): Promise<CoverageResult> {
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const recent = new Date(to.getTime() - (lookBack === 'unseen' ? FLAG_WEEKS : LOOKBACK_WEEKS) * WEEK_MS);
  const [frame, recentLatest, mentors] = await Promise.all([
    coverageFrame<Pick<Child, '_id' | 'name' | 'classId' | 'createdAt'>>(db, scope, weekStart, { name: true }),
    latestContacts(db, scope, recent, to),
    fetchAllRows<Pick<Pairing, 'childId' | 'personName' | 'mentorOpenid'>>((skip) =>
      db
        .collection(COLLECTION.pairings)
        .where({ ...scope, kind: 'mentor', endedAt: null })
        .field({ childId: true, personName: true, mentorOpenid: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
  ]);
  const { from, firstWeek, children } = frame;
  const unseen = lookBack === 'unseen' ? children.filter((c) => !recentLatest.has(c._id)).map((c) => c._id) : [];
  const latest = new Map([...(await earlierContacts(db, scope, unseen, from, recent)), ...recentLatest]);

  // The week of a child's latest contact (0 = the oldest week looked at): counting back from the chosen week, the
  // weeks without contact end there.
  const contactWeek = (childId: string) => (latest.has(childId) ? Math.floor((latest.get(childId)! - from.getTime()) / WEEK_MS) : -1);
  const mentorOf = new Map(mentors.map((m) => [m.childId, m]));
  const className = new Map(frame.classes.map((c) => [c._id, c.name]));
  const rows = children.map((c) => {
    const week = contactWeek(c._id);
    let without = 0;
    for (let w = LOOKBACK_WEEKS - 1; w >= Math.max(0, firstWeek(c)) && w !== week; w--) without++;
    const mentor = mentorOf.get(c._id);
    return {
      childId: c._id,
      name: c.name,
      classId: c.classId,
      className: className.get(c.classId) ?? '',
      contactedThisWeek: week === LOOKBACK_WEEKS - 1,
      lastContactAt: latest.has(c._id) ? new Date(latest.get(c._id)!).toISOString() : null,
      weeksWithout: without,
      mentor: mentor?.personName ?? null,
      mentorOpenid: mentor?.mentorOpenid ?? null,
    };
  });
  return {
    ...summarize(weekStart, rows, frame.classes),
    flagged: rows.filter((r) => r.weeksWithout >= FLAG_WEEKS).map(({ mentorOpenid: _m, ...r }) => r),
    children: rows,
  };
}

/** The coverage screen: a class, or the whole school per class, in the Beijing week of `date` (default this week). */
export async function coverageView(caller: Caller, scope: CoverageScope, date: string | undefined): Promise<CoverageView> {
  const { children: _all, ...view } = await computeCoverage(caller.db, scope, startOfBeijingWeek(date ? startOf(date, '12:00') : caller.now), {
    lookBack: 'unseen',
  });
  return view;
}
