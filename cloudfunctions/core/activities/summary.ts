/**
 * A school's term in activities, for its 工作总结: how many activities of each kind were held, how many times
 * children were present, the honours awarded. Counts only: no child in them.
 */
import type { ActivityKind } from '../../../typings/actions/activities';
import type { TermView } from '../../../typings/actions/dashboard';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { ACTIVITY_KIND_LABELS } from './labels';

export interface TermActivities {
  byKind: { label: string; count: number }[];
  /** Children marked present, counted once per activity (人次). */
  presences: number;
  honours: number;
}

export async function termActivities(db: Database, schoolId: string, term: TermView, asOf: string): Promise<TermActivities> {
  const _ = db.command;
  const inTerm = { schoolId, date: _.gte(term.start).and(_.lte(asOf)) };
  const [kinds, presences, honours] = await Promise.all([
    db
      .collection(COLLECTION.activities)
      .aggregate()
      .match(inTerm)
      .group({ _id: '$kind', count: { $sum: 1 } })
      .limit(100)
      .end(),
    db
      .collection(COLLECTION.activityAttendance)
      .where({ ...inTerm, kind: 'child', status: 'present' })
      .count(),
    db.collection(COLLECTION.honours).where(inTerm).count(),
  ]);
  const counted = new Map((kinds.data as { _id: ActivityKind; count: number }[]).map((k) => [k._id, k.count]));
  return {
    byKind: (Object.keys(ACTIVITY_KIND_LABELS) as ActivityKind[]).flatMap((k) =>
      counted.get(k) ? [{ label: ACTIVITY_KIND_LABELS[k], count: counted.get(k)! }] : [],
    ),
    presences: presences.total,
    honours: honours.total,
  };
}
