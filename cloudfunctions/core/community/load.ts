/** Reads community work shares: a community's children, their visits, open alerts and ledger entries, in bulk. */
import type { AlertRecord, Child, Visit } from '../../../typings/domain';
import type { VisitPolicy } from '../../../typings/actions/community';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { fetchAll } from '../paging';
import type { LedgerFigures } from './assistance/totals';
import { fetchAllRows } from '../familyCalls/load';
import { dueAfter } from './policy';
import { focusExpr, needsVisitsExpr } from './dueExpr';
import { dayjs } from '../time';

const CHUNK = 500;

function chunks(ids: string[]): string[][] {
  const out: string[][] = [];
  for (let i = 0; i < ids.length; i += CHUNK) out.push(ids.slice(i, i + CHUNK));
  return out;
}

/** Every document whose `key` is one of `ids` (500 ids per read, all reads at once, 1000 documents per page). */
export async function byIds<T>(
  db: Database,
  collection: string,
  key: string,
  ids: string[],
  extra: Record<string, unknown> = {},
  fields?: Record<string, boolean>,
): Promise<T[]> {
  const _ = db.command;
  const parts = await Promise.all(
    chunks(ids).map((part) =>
      fetchAll<T>((skip) => {
        let q = db
          .collection(collection)
          .where({ [key]: _.in(part), ...extra })
          .orderBy('_id', 'asc');
        if (fields) q = q.field(fields);
        return q.skip(skip).limit(1000).get();
      }),
    ),
  );
  return parts.flat();
}

/** The fields of a child the register and the overview need (no archive text). */
export const CHILD_FIELDS = {
  _id: true,
  name: true,
  gender: true,
  birthDate: true,
  schoolId: true,
  classId: true,
  communityId: true,
  leftBehindType: true,
  difficulties: true,
  vulnerableCategories: true,
  focusSupport: true,
  deletedAt: true,
};

export async function childrenOfCommunities(db: Database, communityIds: string[]): Promise<Child[]> {
  return byIds<Child>(db, COLLECTION.children, 'communityId', communityIds, { deletedAt: null }, CHILD_FIELDS);
}

/**
 * Each child's latest visit day (visits carry only the fields needed here): the visits of these children, or with
 * `by: 'communityId'` those made in these communities (read together with the communities' children, not after them).
 */
export async function lastVisits(
  db: Database,
  ids: string[],
  by: 'childId' | 'communityId' = 'childId',
): Promise<{ last: Map<string, string>; visits: Pick<Visit, 'childId' | 'date' | 'communityId'>[] }> {
  const visits = await byIds<Pick<Visit, 'childId' | 'date' | 'communityId'>>(
    db,
    COLLECTION.visits,
    by,
    ids,
    {},
    { childId: true, date: true, communityId: true },
  );
  const last = new Map<string, string>();
  for (const v of visits) if (!last.has(v.childId) || v.date > last.get(v.childId)!) last.set(v.childId, v.date);
  return { last, visits };
}

export async function openAlertsOf(db: Database, communityIds: string[]): Promise<AlertRecord[]> {
  return byIds<AlertRecord>(db, COLLECTION.alerts, 'communityId', communityIds, { resolvedAt: null });
}

/** The figures of the ledger entries of these children, or with `by: 'communityId'` those of these communities (for totals). */
/** The fields of a ledger entry its totals are counted from. */
export const LEDGER_FIELDS = ['kind', 'childId', 'date', 'recordedAt', 'amountFen', 'approvedFen', 'paidFen', 'quantity'];

export async function entriesOf(db: Database, ids: string[], by: 'childId' | 'communityId' = 'childId'): Promise<LedgerFigures[]> {
  return byIds<LedgerFigures>(db, COLLECTION.assistance, by, ids, {}, Object.fromEntries(LEDGER_FIELDS.map((f) => [f, true])));
}

/** A community's children by where their visits stand today. */
export interface VisitCounts {
  children: number;
  needVisits: number;
  overdue: number;
  never: number;
}

/**
 * The children of these communities grouped by what their visits are judged by (community, whether they need visits,
 * whether they are a focus child: dueExpr.ts, the rules of policy.ts), with each one's latest visit day: a few groups
 * per community, whatever the number of children.
 */
export interface VisitGroup {
  _id: { communityId: string; need: boolean; focus: boolean };
  children: number;
  /** Each child's latest visit day (null, or left out, for a child never visited). */
  lastVisits: (string | null)[];
}

export function visitGroups(db: Database, communityIds: string[]): Promise<VisitGroup[]> {
  if (!communityIds.length) return Promise.resolve([]);
  return fetchAllRows<VisitGroup>(
    (skip) =>
      db
        .collection(COLLECTION.children)
        .aggregate()
        .match({ communityId: db.command.in(communityIds), deletedAt: null })
        .lookup({ from: COLLECTION.visits, localField: '_id', foreignField: 'childId', as: 'visits' })
        .group({
          _id: { communityId: '$communityId', need: needsVisitsExpr, focus: focusExpr },
          children: { $sum: 1 },
          lastVisits: { $push: { $max: '$visits.date' } },
        })
        .sort({ _id: 1 })
        .skip(skip)
        .limit(1000)
        .end() as Promise<{ data: unknown[] }>,
  );
}

/** Per community, its children counted by where their visits stand on `today` (visitDue under the community's policy, as in the register). */
export function visitCounts(groups: VisitGroup[], policies: Map<string, VisitPolicy>, today: string): Map<string, VisitCounts> {
  const counts = new Map<string, VisitCounts>();
  for (const { _id: g, children, lastVisits } of groups) {
    const policy = policies.get(g.communityId);
    if (!policy) continue;
    const c = counts.get(g.communityId) ?? { children: 0, needVisits: 0, overdue: 0, never: 0 };
    counts.set(g.communityId, c);
    c.children += children;
    if (!g.need) continue;
    c.needVisits += children;
    const visited = lastVisits.filter((day): day is string => typeof day === 'string');
    c.never += children - visited.length;
    c.overdue += visited.filter((day) => dueAfter(day, g.focus, policy, today).due === 'overdue').length;
  }
  return counts;
}

/** How many visits were made in each of these communities in the Beijing month of `today`. */
export async function visitsInMonth(db: Database, communityIds: string[], today: string): Promise<Map<string, number>> {
  if (!communityIds.length) return new Map();
  const _ = db.command;
  const start = `${today.slice(0, 7)}-01`;
  const end = dayjs.utc(start).add(1, 'month').format('YYYY-MM-DD');
  const res = await db
    .collection(COLLECTION.visits)
    .aggregate()
    .match({ communityId: _.in(communityIds), date: _.gte(start).and(_.lt(end)) })
    .group({ _id: '$communityId', n: { $sum: 1 } })
    .limit(1000)
    .end();
  return new Map((res.data as { _id: string; n: number }[]).map((r) => [r._id, r.n]));
}
