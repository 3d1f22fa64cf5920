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

/**
 * Each child's latest contact in [from, to) (ms): done video calls and family-phone calls, found on the database as
 * one row per class (a child's latest, grouped by class), so a school's weeks of calls never come back one by one.
 */
async function latestContacts(db: Database, scope: CoverageScope, from: Date, to: Date): Promise<Map<string, number>> {
  const _ = db.command;
  const $ = _.aggregate;
  const latestPerClass = (collection: string, match: object, at: string) =>
    db
      .collection(collection)
      .aggregate()
      .match(match)
      .group({ _id: '$childId', classId: $.first('$classId'), at: $.max(at) })
      .group({ _id: '$classId', children: $.push({ childId: '$_id', at: '$at' }) })
      // The cloud answers 20 documents of an aggregation unless told otherwise; a school has far fewer classes.
      .limit(1000)
      .end() as Promise<{ data: Latest[] }>;
  const [calls, phones] = await Promise.all([
    latestPerClass(COLLECTION.familyCalls, { ...scope, startsAt: _.gte(from).and(_.lt(to)), status: 'done' }, '$startsAt'),
    latestPerClass(COLLECTION.phoneCalls, { ...scope, at: _.gte(from).and(_.lt(to)) }, '$at'),
  ]);
  const out = new Map<string, number>();
  for (const row of [...calls.data, ...phones.data]) {
    for (const c of row.children) out.set(c.childId, Math.max(out.get(c.childId) ?? 0, new Date(c.at).getTime()));
  }
  return out;
}

/** `weekStart`: the Monday 00:00 (Beijing) instant of the week (core/time.ts startOfBeijingWeek). */
export async function computeCoverage(db: Database, scope: CoverageScope, weekStart: Date): Promise<CoverageResult> {
  const _ = db.command;
  const from = new Date(weekStart.getTime() - (LOOKBACK_WEEKS - 1) * WEEK_MS);
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const [children, classRes, latest, mentors] = await Promise.all([
    fetchAllRows<Pick<Child, '_id' | 'name' | 'classId' | 'createdAt'>>((skip) =>
      db
        .collection(COLLECTION.children)
        .where({ ...scope, deletedAt: null, leftBehindType: _.neq('not_left_behind') })
        .field({ name: true, classId: true, createdAt: true })
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
    latestContacts(db, scope, from, to),
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
  const classes = classRes.data as Pick<SchoolClass, '_id' | 'name' | 'archivedAt'>[];
  const className = new Map(classes.map((c) => [c._id, c.name]));

  // The week of a child's latest contact (0 = the oldest week looked at): counting back from the chosen week, the
  // weeks without contact end there.
  const contactWeek = (childId: string) => (latest.has(childId) ? Math.floor((latest.get(childId)! - from.getTime()) / WEEK_MS) : -1);
  const mentorOf = new Map(mentors.map((m) => [m.childId, m]));

  // The week a child was entered in (0 = the oldest looked at; below 0 = before it; none known = always there).
  const firstWeek = (c: { createdAt?: Date | null }) => (c.createdAt ? Math.floor((startOfBeijingWeek(c.createdAt).getTime() - from.getTime()) / WEEK_MS) : 0);
  const rows = children
    .filter((c) => firstWeek(c) <= LOOKBACK_WEEKS - 1)
    .map((c) => {
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
    flagged: rows.filter((r) => r.weeksWithout >= FLAG_WEEKS).map(({ mentorOpenid: _m, ...r }) => r),
    children: rows,
  };
}

/** The coverage screen: a class, or the whole school per class, in the Beijing week of `date` (default this week). */
export async function coverageView(caller: Caller, scope: CoverageScope, date: string | undefined): Promise<CoverageView> {
  const { children: _all, ...view } = await computeCoverage(caller.db, scope, startOfBeijingWeek(date ? startOf(date, '12:00') : caller.now));
  return view;
}
