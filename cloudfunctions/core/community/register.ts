/**
 * The 儿童主任's register (登记册, "人手一本登记册，人人心中一笔帐"): every child of the community with their last
 * visit, when the next is due, open alerts and the 低保 and relief they receive; children to act on first. Each
 * child shown is in the audit log with the fields the row shows.
 */
import type { Child, Community, SchoolClass, Township, Visit } from '../../../typings/domain';
import type { RegisterOutput, RegisterRow, VisitDue } from '../../../typings/actions/community';
import type { Database } from '../cloud';
import type { Role } from '../../../typings/roles';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { beijingDate } from '../time';
import { docOf } from '../archive/store';
import { ageOn } from '../archive/rules';
import { alertGuide } from '../alerts/kinds';
import { visibleAlerts } from '../alerts/audience';
import { LEDGER_FIELDS, openAlertsOf } from './load';
import { fetchAllRows } from '../familyCalls/load';
import { isFocus, policyOf, visitDue } from './policy';
import { allowanceInForce, totalsByChild, type LedgerFigures } from './assistance/totals';

/** The archive fields a register row shows (for the audit log). */
export const REGISTER_FIELDS = ['name', 'birthDate', 'classId', 'leftBehindType', 'focusSupport', 'vulnerableCategories', 'visits', 'alerts', 'assistance'];

const ORDER: Record<VisitDue, number> = { overdue: 0, never: 1, soon: 2, ok: 3, none: 4 };

/** Names in Chinese order (one collator for the whole sort: localeCompare with a locale builds one per comparison). */
const byName = new Intl.Collator('zh').compare;

/** The fields of a child a register row is made of (of the focus mark only whether it is set). */
const ROW_FIELDS = ['name', 'birthDate', 'classId', 'leftBehindType', 'focusSupport.flag', 'vulnerableCategories'];

/** A child of the register with their visits' days and their ledger entries' figures joined to them. */
type RegisterChild = Pick<Child, '_id' | 'name' | 'birthDate' | 'classId' | 'leftBehindType' | 'focusSupport' | 'vulnerableCategories'> & {
  visits: Pick<Visit, 'date'>[];
  entries: LedgerFigures[];
};

/**
 * The community's children, each with their own visits and ledger entries (whoever made them), in one request
 * that pages through 1,000 children at a time: nothing waits for the children's ids.
 */
function registerChildren(db: Database, communityId: string): Promise<RegisterChild[]> {
  const join = (from: string, as: string) => ({ from, localField: '_id', foreignField: 'childId', as });
  const child = Object.fromEntries(ROW_FIELDS.map((f) => [f, true]));
  return fetchAllRows<RegisterChild>(
    (skip) =>
      db
        .collection(COLLECTION.children)
        .aggregate()
        .match({ communityId, deletedAt: null })
        .sort({ _id: 1 })
        .skip(skip)
        .limit(1000)
        .lookup(join(COLLECTION.visits, 'visits'))
        .lookup(join(COLLECTION.assistance, 'entries'))
        .project({ ...child, 'visits.date': true, ...Object.fromEntries(LEDGER_FIELDS.map((f) => [`entries.${f}`, true])) })
        .end() as Promise<{ data: unknown[] }>,
  );
}

/** Each child's latest visit day. */
function lastVisitOf(children: RegisterChild[]): Map<string, string> {
  const last = new Map<string, string>();
  for (const c of children) for (const v of c.visits) if (v.date > (last.get(c._id) ?? '')) last.set(c._id, v.date);
  return last;
}

export async function loadRegister(db: Database, community: Community, actor: AuditActor & { role: Role }): Promise<RegisterOutput> {
  const today = beijingDate(actor.now);
  const policy = policyOf(community);
  const [children, classes, township, allOpen] = await Promise.all([
    registerChildren(db, community._id),
    db.collection(COLLECTION.classes).where({ schoolId: community.schoolId }).field({ name: true }).limit(1000).get(),
    community.townshipId ? db.collection(COLLECTION.townships).doc(community.townshipId).get() : Promise.resolve({ data: [] }),
    openAlertsOf(db, [community._id]),
  ]);
  // a restricted alert only for those it names: not even counted for others
  const alerts = visibleAlerts(allOpen, actor);
  const last = lastVisitOf(children);
  const entries = children.flatMap((c) => c.entries);
  const className = new Map((classes.data as SchoolClass[]).map((c) => [c._id, c.name]));
  const allowance = allowanceInForce(entries, today);
  const relief = totalsByChild(entries, today);
  const rows = children.map((c): RegisterRow => {
    const mine = alerts.filter((a) => a.childId === c._id);
    return {
      childId: c._id,
      name: c.name,
      age: ageOn(c.birthDate, actor.now),
      className: className.get(c.classId) ?? '',
      leftBehindType: c.leftBehindType,
      focus: isFocus(c),
      lastVisit: last.get(c._id) ?? null,
      ...visitDue(c, last.get(c._id) ?? null, policy, today),
      openAlerts: mine.length,
      urgentAlerts: mine.filter((a) => alertGuide(a).urgent).length,
      allowanceMonthlyFen: allowance.get(c._id) ?? 0,
      reliefPaidFen: relief.get(c._id)?.reliefPaidFen ?? 0,
    };
  });
  rows.sort((a, b) => b.urgentAlerts - a.urgentAlerts || b.openAlerts - a.openAlerts || ORDER[a.due] - ORDER[b.due] || byName(a.name, b.name));
  if (rows.length)
    await audit(
      db,
      actor,
      rows.map((r) => ({ kind: 'read' as const, schoolId: community.schoolId, childId: r.childId, fields: REGISTER_FIELDS })),
    );
  const month = today.slice(0, 7);
  return {
    community: { id: community._id, name: community.name, townshipName: docOf<Township>(township)?.name ?? null },
    policy,
    today,
    stats: {
      children: rows.length,
      needVisits: rows.filter((r) => r.due !== 'none').length,
      overdue: rows.filter((r) => r.due === 'overdue').length,
      never: rows.filter((r) => r.due === 'never').length,
      visitedThisMonth: children.filter((c) => c.visits.some((v) => v.date.startsWith(month))).length,
      openAlerts: alerts.length,
    },
    rows,
  };
}
