/**
 * Reading the ledger (帮扶台账) of a child, a community or a school: the entries (newest first), the totals, each
 * child's totals, the 低保 history and this month's recurring payments. Every child whose entries are shown is in the
 * audit log.
 */
import type { AssistanceEntry, Child, SchoolClass } from '../../../../typings/domain';
import type { AssistanceView, LedgerOutput } from '../../../../typings/actions/community';
import type { Database } from '../../cloud';
import { COLLECTION } from '../../collections';
import { audit, type AuditActor } from '../../audit';
import { fetchAll } from '../../archive/store';
import { beijingDate } from '../../time';
import { KIND_LABELS, RELIEF_STATUS_LABELS, SOURCE_LABELS } from './labels';
import { yuan } from './money';
import { ledgerTotals, totalsByChild, totalsYuan } from './totals';

export type LedgerScope = { kind: 'child'; id: string } | { kind: 'community'; id: string } | { kind: 'school'; id: string };

const SCOPE_KEY = { child: 'childId', community: 'communityId', school: 'schoolId' } as const;
const SHOWN = 200;

export async function loadEntries(db: Database, where: Record<string, unknown>): Promise<AssistanceEntry[]> {
  return fetchAll<AssistanceEntry>((skip) => db.collection(COLLECTION.assistance).where(where).orderBy('_id', 'asc').skip(skip).limit(1000).get());
}

export function entryView(e: AssistanceEntry, childName: string): AssistanceView {
  return {
    id: e._id,
    childId: e.childId,
    childName,
    kind: e.kind,
    kindLabel: KIND_LABELS[e.kind],
    date: e.date,
    amountFen: e.amountFen,
    amountYuan: e.amountFen === null ? null : yuan(e.amountFen),
    party: e.party,
    item: e.item,
    quantity: e.quantity,
    source: e.source,
    sourceLabel: e.source ? SOURCE_LABELS[e.source] : null,
    note: e.note,
    status: e.status,
    statusLabel: e.status ? RELIEF_STATUS_LABELS[e.status] : null,
    approvedFen: e.approvedFen,
    approvedOn: e.approvedOn,
    paidFen: e.paidFen,
    paidOn: e.paidOn,
    dayOfMonth: e.dayOfMonth,
    untilMonth: e.untilMonth,
    recurringId: e.recurringId,
    month: e.month,
    by: e.recordedLabel,
    recordedAt: e.recordedAt.toISOString(),
  };
}

/** Newest first: by the day, then by when it was entered. */
export const newestFirst = (a: AssistanceEntry, b: AssistanceEntry) => b.date.localeCompare(a.date) || b.recordedAt.getTime() - a.recordedAt.getTime();

/** The recurring payments running in `month`, and whether that month is paid. */
export function recurringThisMonth(entries: AssistanceEntry[], month: string, names: Map<string, string>): LedgerOutput['recurring'] {
  const paid = new Set(entries.filter((e) => e.kind === 'payment' && e.recurringId && e.month === month).map((e) => e.recurringId));
  return entries
    .filter((e) => e.kind === 'recurring' && e.date.slice(0, 7) <= month && (!e.untilMonth || e.untilMonth >= month))
    .map((e) => ({
      id: e._id,
      childId: e.childId,
      childName: names.get(e.childId) ?? '',
      item: e.item ?? '',
      party: e.party ?? '',
      amountYuan: yuan(e.amountFen ?? 0),
      dayOfMonth: e.dayOfMonth ?? 1,
      paidThisMonth: paid.has(e._id),
    }));
}

export function allowanceHistory(entries: AssistanceEntry[]): LedgerOutput['allowanceHistory'] {
  return entries
    .filter((e) => e.kind === 'allowance')
    .sort((a, b) => a.date.localeCompare(b.date) || a.recordedAt.getTime() - b.recordedAt.getTime())
    .map((e) => ({ date: e.date, amountFen: e.amountFen ?? 0, amountYuan: yuan(e.amountFen ?? 0) }));
}

/** The children the entries name, with their class names (500 ids per read, the classes in one). */
export async function childrenOf(db: Database, schoolId: string, ids: string[]): Promise<{ names: Map<string, string>; classes: Map<string, string> }> {
  const _ = db.command;
  const chunks: string[][] = [];
  for (let i = 0; i < ids.length; i += 500) chunks.push(ids.slice(i, i + 500));
  const [classes, ...parts] = await Promise.all([
    db.collection(COLLECTION.classes).where({ schoolId }).field({ name: true }).limit(1000).get(),
    ...chunks.map((part) =>
      db
        .collection(COLLECTION.children)
        .where({ _id: _.in(part) })
        .field({ name: true, classId: true })
        .limit(1000)
        .get(),
    ),
  ]);
  const className = new Map((classes.data as Pick<SchoolClass, '_id' | 'name'>[]).map((c) => [c._id, c.name]));
  const children = parts.flatMap((p) => p.data as Pick<Child, '_id' | 'name' | 'classId'>[]);
  return { names: new Map(children.map((c) => [c._id, c.name])), classes: new Map(children.map((c) => [c._id, className.get(c.classId) ?? ''])) };
}

export async function ledger(db: Database, scope: LedgerScope & { name: string; schoolId: string }, actor: AuditActor): Promise<LedgerOutput> {
  const records = actor.role === 'community' || actor.role === 'township' || actor.role === 'admin';
  const today = beijingDate(actor.now);
  const entries = (await loadEntries(db, { [SCOPE_KEY[scope.kind]]: scope.id })).sort(newestFirst);
  const childIds = [...new Set(entries.map((e) => e.childId))];
  const { names, classes } = await childrenOf(db, scope.schoolId, childIds);
  const byChild = totalsByChild(entries, today);
  const totals = ledgerTotals(entries, today);
  if (childIds.length)
    await audit(
      db,
      actor,
      childIds.map((childId) => ({ kind: 'read' as const, schoolId: scope.schoolId, childId, fields: ['assistance'] })),
    );
  return {
    scope: { kind: scope.kind, id: scope.id, name: scope.name },
    today,
    totals,
    totalsYuan: totalsYuan(totals),
    children: childIds
      .map((childId) => ({ childId, name: names.get(childId) ?? '（已离校）', className: classes.get(childId) ?? '', totals: byChild.get(childId)! }))
      .sort((a, b) => a.className.localeCompare(b.className) || a.name.localeCompare(b.name, 'zh')),
    allowanceHistory: scope.kind === 'child' ? allowanceHistory(entries) : [],
    recurring: recurringThisMonth(entries, today.slice(0, 7), names),
    entries: entries.slice(0, SHOWN).map((e) => entryView(e, names.get(e.childId) ?? '（已离校）')),
    canRecord: records,
    canExport: records && scope.kind !== 'child',
  };
}
