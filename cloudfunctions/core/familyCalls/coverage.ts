/**
 * Weekly contact coverage (亲情联系覆盖): of the left-behind children of a class or school, who had a video call
 * (done) or a family-phone call in a Beijing ISO week (Monday start), and who has had none in that week nor the
 * one before (flagged to their mentor teacher). Looks back 8 weeks to say how long a child has gone without,
 * counting only the weeks since the child was entered: a child added this week has gone one week without, not eight,
 * and a child added after the chosen week is not part of it.
 */
import type { Child, LeftBehindType, Pairing, SchoolClass } from '../../../typings/domain';
import type { CoverageChild, CoverageView } from '../../../typings/actions/familyCalls';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { beijing, beijingWeekKey, startOfBeijingWeek } from '../time';
import { startOf } from './clock';
import { byChunks } from '../paging';
import { fetchAllRows, type Caller } from './load';

const WEEK_MS = 7 * 24 * 3600 * 1000;
const LOOKBACK_WEEKS = 8;
export const FLAG_WEEKS = 2;

export type CoverageScope = { classId: string } | { schoolId: string };

export interface CoverageResult extends CoverageView {
  /** Every left-behind child of the scope, with their mentor's OPENID (for the weekly prompt). */
  children: (CoverageChild & { mentorOpenid: string | null })[];
}

/** The Monday the eight weeks looked at begin on, for a chosen week. */
const lookBackFrom = (weekStart: Date) => new Date(weekStart.getTime() - (LOOKBACK_WEEKS - 1) * WEEK_MS);

/**
 * The week a child was entered in (0 = the oldest looked at from `from`; below 0 = before it; none known = always
 * there).
 */
const entryWeek = (from: Date, createdAt: Date | null | undefined) =>
  createdAt ? Math.floor((startOfBeijingWeek(createdAt).getTime() - from.getTime()) / WEEK_MS) : 0;

/** The weeks without contact counting back from the chosen one (week 7) to the week of the latest contact or of entry. */
function weeksWithout(contactWeek: number, firstWeek: number): number {
  let without = 0;
  for (let w = LOOKBACK_WEEKS - 1; w >= Math.max(0, firstWeek) && w !== contactWeek; w--) without++;
  return without;
}

const rate = (contacted: number, total: number) => (total ? Math.round((contacted / total) * 100) : null);

type Latest = { _id: string; children: { childId: string; at: Date }[] };

/** Done video calls and family-phone calls: each matched by the instant they happened at. */
const CONTACTS = [
  { collection: COLLECTION.familyCalls, field: 'startsAt', match: (when: object) => ({ startsAt: when, status: 'done' }) },
  { collection: COLLECTION.phoneCalls, field: 'at', match: (when: object) => ({ at: when }) },
];
const PHONE_CONTACTS = CONTACTS.filter((c) => c.collection === COLLECTION.phoneCalls);

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

/**
 * The latest contact in [from, to) of the children named (those without any in the weeks after): usually a few
 * children, so their own calls are read rather than the whole place's weeks.
 */
async function earlierContacts(db: Database, scope: CoverageScope, childIds: string[], from: Date, to: Date): Promise<Map<string, number>> {
  if (!childIds.length) return new Map();
  if (childIds.length > NAMED_MAX) return latestContacts(db, scope, from, to);
  const maps = await byChunks(childIds, async (ids) => [...(await latestContacts(db, { ...scope, childId: db.command.in(ids) }, from, to))]);
  return new Map(maps);
}

/** The children contacted in [from, to) (a done video call or a family-phone call): their ids only, one request per kind. */
async function contactedIn(db: Database, scope: CoverageScope, from: Date, to: Date, kinds = CONTACTS): Promise<Set<string>> {
  const _ = db.command;
  const res = await Promise.all(
    kinds.map(
      (c) =>
        db
          .collection(c.collection)
          .aggregate()
          .match({ ...scope, ...c.match(_.gte(from).and(_.lt(to))) })
          .group({ _id: null, ids: _.aggregate.addToSet('$childId') })
          .end() as Promise<{ data: { ids: string[] }[] }>,
    ),
  );
  return new Set(res.flatMap((r) => r.data.flatMap((row) => row.ids)));
}

/** The left-behind kinds (every kind but not_left_behind), named so that the school's children index finds them. */
const LEFT_BEHIND: Exclude<LeftBehindType, 'not_left_behind'>[] = ['both_away', 'one_away_other_unable'];

/**
 * The left-behind children of the scope entered before `to` (the end of the chosen week; a child entered after it is
 * not part of it), as child id → class id: grouped by class on the database, so only ids come back. The first match
 * is all indexed (children by_school_left_behind / by_class); the entry date is then tested on those alone.
 */
async function leftBehindByClass(db: Database, scope: CoverageScope, to: Date): Promise<Map<string, string>> {
  const _ = db.command;
  const res = (await db
    .collection(COLLECTION.children)
    .aggregate()
    .match({ ...scope, leftBehindType: _.in(LEFT_BEHIND), deletedAt: null })
    .match(_.or([{ createdAt: _.lt(to) }, { createdAt: null }]))
    .group({ _id: '$classId', ids: _.aggregate.push('$_id') })
    // The cloud answers 20 documents of an aggregation unless told otherwise; a school has far fewer classes.
    .limit(1000)
    .end()) as { data: { _id: string; ids: string[] }[] };
  return new Map(res.data.flatMap((k) => k.ids.map((id) => [id, k._id] as const)));
}

/** The classes of the scope (names, and whether archived). */
async function classesOf(db: Database, scope: CoverageScope): Promise<Pick<SchoolClass, '_id' | 'name' | 'archivedAt'>[]> {
  const res = await db
    .collection(COLLECTION.classes)
    .where('classId' in scope ? { _id: scope.classId } : { schoolId: scope.schoolId })
    .field({ name: true, archivedAt: true })
    .limit(1000)
    .get();
  return res.data as Pick<SchoolClass, '_id' | 'name' | 'archivedAt'>[];
}

type CoverageChildRow = Pick<Child, '_id' | 'classId' | 'createdAt'> & Partial<Pick<Child, 'name'>>;

/** The left-behind children of the scope (the fields asked for), the classes, and the week's bounds. */
async function coverageFrame<C extends CoverageChildRow>(db: Database, scope: CoverageScope, weekStart: Date, fields: Record<string, true>) {
  const _ = db.command;
  const from = lookBackFrom(weekStart);
  const [children, classes] = await Promise.all([
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
    classesOf(db, scope),
  ]);
  // A child entered after the chosen week is not part of it.
  const firstWeek = (c: { createdAt?: Date | null }) => entryWeek(from, c.createdAt);
  return {
    from,
    firstWeek,
    children: children.filter((c) => firstWeek(c) <= LOOKBACK_WEEKS - 1),
    classes,
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

type ClassCalls = { _id: { classId: string; status: string }; calls: number; children: string[] };

/**
 * A school's week (its week screen): per class, the week's video calls (not cancelled) and those done, counted on the
 * database in the same read that names the children they were with, and who was contacted (ids only); neither names
 * nor the weeks before are read.
 */
export async function schoolWeekCoverage(
  db: Database,
  schoolId: string,
  weekStart: Date,
): Promise<Omit<CoverageView, 'flagged'> & { calls: Map<string, { calls: number; done: number }> }> {
  const _ = db.command;
  const scope = { schoolId };
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const [children, classes, perClass, phoned] = await Promise.all([
    leftBehindByClass(db, scope, to),
    classesOf(db, scope),
    db
      .collection(COLLECTION.familyCalls)
      .aggregate()
      .match({ ...scope, startsAt: _.gte(weekStart).and(_.lt(to)), status: _.neq('cancelled') })
      .group({ _id: { classId: '$classId', status: '$status' }, calls: _.aggregate.sum(1), children: _.aggregate.addToSet('$childId') })
      // A school's classes times the five statuses: far fewer than this.
      .limit(1000)
      .end() as Promise<{ data: ClassCalls[] }>,
    contactedIn(db, scope, weekStart, to, PHONE_CONTACTS),
  ]);
  const calls = new Map<string, { calls: number; done: number }>();
  const called = new Set<string>();
  for (const k of perClass.data) {
    const c = calls.get(k._id.classId) ?? { calls: 0, done: 0 };
    c.calls += k.calls;
    if (k._id.status === 'done') {
      c.done += k.calls;
      for (const id of k.children) called.add(id);
    }
    calls.set(k._id.classId, c);
  }
  const rows = [...children].map(([childId, classId]) => ({ classId, contactedThisWeek: called.has(childId) || phoned.has(childId) }));
  return { ...summarize(weekStart, rows, classes), calls };
}

/**
 * Every left-behind child of the scope with their weeks without contact and mentor (the class week, the weekly prompt,
 * the dashboard). `weekStart`: the Monday 00:00 (Beijing) instant of the week (core/time.ts startOfBeijingWeek).
 */
export async function computeCoverage(db: Database, scope: CoverageScope, weekStart: Date): Promise<CoverageResult> {
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const [frame, latest, mentors] = await Promise.all([
    coverageFrame<Pick<Child, '_id' | 'name' | 'classId' | 'createdAt'>>(db, scope, weekStart, { name: true }),
    latestContacts(db, scope, lookBackFrom(weekStart), to),
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

  // The week of a child's latest contact (0 = the oldest week looked at): counting back from the chosen week, the
  // weeks without contact end there.
  const contactWeek = (childId: string) => (latest.has(childId) ? Math.floor((latest.get(childId)! - from.getTime()) / WEEK_MS) : -1);
  const mentorOf = new Map(mentors.map((m) => [m.childId, m]));
  const className = new Map(frame.classes.map((c) => [c._id, c.name]));
  const rows = children.map((c) => {
    const week = contactWeek(c._id);
    const mentor = mentorOf.get(c._id);
    return {
      childId: c._id,
      name: c.name,
      classId: c.classId,
      className: className.get(c.classId) ?? '',
      contactedThisWeek: week === LOOKBACK_WEEKS - 1,
      lastContactAt: latest.has(c._id) ? new Date(latest.get(c._id)!).toISOString() : null,
      weeksWithout: weeksWithout(week, firstWeek(c)),
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

/**
 * The coverage screen: a class, or the whole school per class, in the Beijing week of `date` (default this week). Who
 * was contacted in the week and the one before comes back as ids; only the children with neither (flagged, unless
 * entered this week) are then read by name, with their mentor and their latest contact in the weeks before.
 */
export async function coverageView(caller: Caller, scope: CoverageScope, date: string | undefined): Promise<CoverageView> {
  const { db } = caller;
  const weekStart = startOfBeijingWeek(date ? startOf(date, '12:00') : caller.now);
  const weekBefore = new Date(weekStart.getTime() - WEEK_MS);
  const [children, classes, thisWeek, lastWeek] = await Promise.all([
    leftBehindByClass(db, scope, new Date(weekStart.getTime() + WEEK_MS)),
    classesOf(db, scope),
    contactedIn(db, scope, weekStart, new Date(weekStart.getTime() + WEEK_MS)),
    contactedIn(db, scope, weekBefore, weekStart),
  ]);
  const unseen = [...children.keys()].filter((id) => !thisWeek.has(id) && !lastWeek.has(id)).sort((a, b) => (a < b ? -1 : 1));
  const rows = [...children].map(([childId, classId]) => ({ classId, contactedThisWeek: thisWeek.has(childId) }));
  return { ...summarize(weekStart, rows, classes), flagged: await flaggedOf(db, scope, unseen, weekStart, classes) };
}

/** Of the children without contact in the chosen week and the one before (in id order), those flagged, with names and mentors. */
async function flaggedOf(
  db: Database,
  scope: CoverageScope,
  unseen: string[],
  weekStart: Date,
  classes: Pick<SchoolClass, '_id' | 'name'>[],
): Promise<CoverageChild[]> {
  if (!unseen.length) return [];
  const _ = db.command;
  const from = lookBackFrom(weekStart);
  const [named, mentors, latest] = await Promise.all([
    byChunks(unseen, (ids) =>
      db
        .collection(COLLECTION.children)
        .where({ _id: _.in(ids) })
        .field({ name: true, classId: true, createdAt: true })
        .limit(1000)
        .get()
        .then((r) => r.data as Pick<Child, '_id' | 'name' | 'classId' | 'createdAt'>[]),
    ),
    byChunks(unseen, (ids) =>
      fetchAllRows<Pick<Pairing, 'childId' | 'personName'>>((skip) =>
        db
          .collection(COLLECTION.pairings)
          .where({ ...scope, childId: _.in(ids), kind: 'mentor', endedAt: null })
          .field({ childId: true, personName: true })
          .orderBy('_id', 'asc')
          .skip(skip)
          .limit(1000)
          .get(),
      ),
    ),
    earlierContacts(db, scope, unseen, from, new Date(weekStart.getTime() - WEEK_MS)),
  ]);
  const child = new Map(named.map((c) => [c._id, c]));
  const mentorOf = new Map(mentors.map((m) => [m.childId, m.personName]));
  const className = new Map(classes.map((c) => [c._id, c.name]));
  return unseen.flatMap((id) => {
    const c = child.get(id);
    const at = latest.get(id);
    const without = c ? weeksWithout(at === undefined ? -1 : Math.floor((at - from.getTime()) / WEEK_MS), entryWeek(from, c.createdAt)) : 0;
    if (!c || without < FLAG_WEEKS) return [];
    return [
      {
        childId: id,
        name: c.name,
        classId: c.classId,
        className: className.get(c.classId) ?? '',
        contactedThisWeek: false,
        lastContactAt: at === undefined ? null : new Date(at).toISOString(),
        weeksWithout: without,
        mentor: mentorOf.get(id) ?? null,
      },
    ];
  });
}
