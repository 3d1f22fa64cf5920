/**
 * The 儿童主任's register (登记册, "人手一本登记册，人人心中一笔帐"): every child of the community with their last
 * visit, when the next is due, open alerts and the 低保 and relief they receive; children to act on first. Each
 * child shown is in the audit log with the fields the row shows.
 */
import type { Child, Community, SchoolClass, Township } from '../../../typings/domain';
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
import { childrenOfCommunities, entriesOf, lastVisits, openAlertsOf } from './load';
import { isFocus, policyOf, visitDue } from './policy';
import { allowanceInForce, totalsByChild } from './assistance/totals';

/** The archive fields a register row shows (for the audit log). */
export const REGISTER_FIELDS = ['name', 'birthDate', 'classId', 'leftBehindType', 'focusSupport', 'vulnerableCategories', 'visits', 'alerts', 'assistance'];

const ORDER: Record<VisitDue, number> = { overdue: 0, never: 1, soon: 2, ok: 3, none: 4 };

export async function loadRegister(db: Database, community: Community, actor: AuditActor & { role: Role }): Promise<RegisterOutput> {
  const today = beijingDate(actor.now);
  const policy = policyOf(community);
  const [children, classes, township, allOpen] = await Promise.all([
    childrenOfCommunities(db, [community._id]),
    db.collection(COLLECTION.classes).where({ schoolId: community.schoolId }).field({ name: true }).limit(1000).get(),
    community.townshipId ? db.collection(COLLECTION.townships).doc(community.townshipId).get() : Promise.resolve({ data: [] }),
    openAlertsOf(db, [community._id]),
  ]);
  // a restricted alert only for those it names: not even counted for others
  const alerts = visibleAlerts(allOpen, actor);
  const ids = children.map((c) => c._id);
  const [{ last, visits }, entries] = await Promise.all([lastVisits(db, ids), entriesOf(db, ids)]);
  const className = new Map((classes.data as SchoolClass[]).map((c) => [c._id, c.name]));
  const allowance = allowanceInForce(entries, today);
  const relief = totalsByChild(entries, today);
  const rows = children.map((c: Child): RegisterRow => {
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
  rows.sort((a, b) => b.urgentAlerts - a.urgentAlerts || b.openAlerts - a.openAlerts || ORDER[a.due] - ORDER[b.due] || a.name.localeCompare(b.name, 'zh'));
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
      visitedThisMonth: new Set(visits.filter((v) => v.date.startsWith(month)).map((v) => v.childId)).size,
      openAlerts: alerts.length,
    },
    rows,
  };
}
