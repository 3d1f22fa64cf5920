/**
 * Weekly contact coverage (亲情联系覆盖): of the left-behind children of a class or school, who had a video call
 * (done) or a family-phone call in a Beijing ISO week (Monday start), and who has had none in that week nor the
 * one before (flagged to their mentor teacher). Looks back 8 weeks to say how long a child has gone without,
 * counting only the weeks since the child was entered: a child added this week has gone one week without, not eight,
 * and a child added after the chosen week is not part of it.
 */
import type { Child, FamilyCallOccurrence, Pairing, PhoneCallRecord, SchoolClass } from '../../../typings/domain';
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

/** `weekStart`: the Monday 00:00 (Beijing) instant of the week (core/time.ts startOfBeijingWeek). */
export async function computeCoverage(db: Database, scope: CoverageScope, weekStart: Date): Promise<CoverageResult> {
  const _ = db.command;
  const from = new Date(weekStart.getTime() - (LOOKBACK_WEEKS - 1) * WEEK_MS);
  const to = new Date(weekStart.getTime() + WEEK_MS);
  const [children, classRes, calls, phones, mentors] = await Promise.all([
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
    fetchAllRows<Pick<FamilyCallOccurrence, 'childId' | 'startsAt'>>((skip) =>
      db
        .collection(COLLECTION.familyCalls)
        .where({ ...scope, startsAt: _.gte(from).and(_.lt(to)), status: 'done' })
        .field({ childId: true, startsAt: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
    fetchAllRows<Pick<PhoneCallRecord, 'childId' | 'at'>>((skip) =>
      db
        .collection(COLLECTION.phoneCalls)
        .where({ ...scope, at: _.gte(from).and(_.lt(to)) })
        .field({ childId: true, at: true })
        .orderBy('_id', 'asc')
        .skip(skip)
        .limit(1000)
        .get(),
    ),
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

  // Contact weeks per child: 0 = the oldest week looked at, LOOKBACK_WEEKS - 1 = the chosen week.
  const weeks = new Map<string, Set<number>>();
  const last = new Map<string, number>();
  for (const { childId, at } of [...calls.map((c) => ({ childId: c.childId, at: c.startsAt })), ...phones]) {
    const t = at.getTime();
    const set = weeks.get(childId) ?? new Set<number>();
    set.add(Math.floor((t - from.getTime()) / WEEK_MS));
    weeks.set(childId, set);
    last.set(childId, Math.max(last.get(childId) ?? 0, t));
  }
  const mentorOf = new Map(mentors.map((m) => [m.childId, m]));

  // The week a child was entered in (0 = the oldest looked at; below 0 = before it; none known = always there).
  const firstWeek = (c: { createdAt?: Date | null }) => (c.createdAt ? Math.floor((startOfBeijingWeek(c.createdAt).getTime() - from.getTime()) / WEEK_MS) : 0);
  const rows = children
    .filter((c) => firstWeek(c) <= LOOKBACK_WEEKS - 1)
    .map((c) => {
      const set = weeks.get(c._id) ?? new Set<number>();
      let without = 0;
      for (let w = LOOKBACK_WEEKS - 1; w >= Math.max(0, firstWeek(c)) && !set.has(w); w--) without++;
      const mentor = mentorOf.get(c._id);
      return {
        childId: c._id,
        name: c.name,
        classId: c.classId,
        className: className.get(c.classId) ?? '',
        contactedThisWeek: set.has(LOOKBACK_WEEKS - 1),
        lastContactAt: last.has(c._id) ? new Date(last.get(c._id)!).toISOString() : null,
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
