/**
 * The 儿童督导员's township at a glance: per community, its 儿童主任s (by name), how many children need visits and how many
 * are overdue or never visited (coverage), this month's visits and open alerts; the township's open alerts, urgent
 * first; the ledger's totals. Counts only, except the alerts (children's names and what happened), whose children
 * are in the audit log.
 */
import type { BindingRecord, Community, Township } from '../../../typings/domain';
import type { TownshipCommunityRow, TownshipOverview } from '../../../typings/actions/community';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { beijingDate } from '../time';
import { alertGuide } from '../alerts/kinds';
import { alertView } from '../archive/alerts';
import { byIds, childrenOfCommunities, entriesOf, lastVisits, openAlertsOf } from './load';
import { policyOf, visitDue } from './policy';
import { ledgerTotals, totalsYuan } from './assistance/totals';
import { nicknames } from '../talks/people';

export async function townshipOverview(db: Database, township: Township, actor: AuditActor): Promise<TownshipOverview> {
  const today = beijingDate(actor.now);
  const month = today.slice(0, 7);
  const communities = (await db.collection(COLLECTION.communities).where({ townshipId: township._id }).orderBy('name', 'asc').limit(1000).get())
    .data as Community[];
  const ids = communities.map((c) => c._id);
  const [children, alerts, directors] = await Promise.all([
    childrenOfCommunities(db, ids),
    openAlertsOf(db, ids),
    byIds<BindingRecord>(db, COLLECTION.bindings, 'communityId', ids, { role: 'community', revokedAt: null }),
  ]);
  const childIds = children.map((c) => c._id);
  const [{ last, visits }, entries, people] = await Promise.all([
    lastVisits(db, childIds),
    entriesOf(db, childIds),
    nicknames(
      db,
      directors.map((b) => b.openid),
    ),
  ]);
  const names = new Map(children.map((c) => [c._id, c.name]));
  const rows = communities.map((community): TownshipCommunityRow => {
    const policy = policyOf(community);
    const mine = children.filter((c) => c.communityId === community._id);
    const dues = mine.map((c) => visitDue(c, last.get(c._id) ?? null, policy, today).due);
    const need = dues.filter((d) => d !== 'none').length;
    const late = dues.filter((d) => d === 'overdue' || d === 'never').length;
    const open = alerts.filter((a) => a.communityId === community._id);
    return {
      id: community._id,
      name: community.name,
      // a 儿童主任 by the name they go by (their nickname), else their binding's label
      directors: directors.filter((b) => b.communityId === community._id).map((b) => people.get(b.openid) ?? b.label),
      children: mine.length,
      needVisits: need,
      overdue: dues.filter((d) => d === 'overdue').length,
      never: dues.filter((d) => d === 'never').length,
      coverage: need ? Math.round(((need - late) * 100) / need) : null,
      visitsThisMonth: visits.filter((v) => v.communityId === community._id && v.date.startsWith(month)).length,
      openAlerts: open.length,
      urgentAlerts: open.filter((a) => alertGuide(a).urgent).length,
    };
  });
  const shown = [...alerts].sort((a, b) => Number(alertGuide(b).urgent) - Number(alertGuide(a).urgent) || b.createdAt.getTime() - a.createdAt.getTime());
  const alertChildren = [...new Set(shown.map((a) => a.childId).filter((x): x is string => !!x))];
  if (alertChildren.length)
    await audit(
      db,
      actor,
      alertChildren.map((childId) => ({ kind: 'read' as const, schoolId: township.schoolId, childId, fields: ['alerts'] })),
    );
  const totals = ledgerTotals(entries, today);
  return {
    township: { id: township._id, name: township.name },
    today,
    communities: rows,
    alerts: shown.map((a) => alertView(a, names.get(a.childId ?? '') ?? null, { showReports: true })),
    totals,
    totalsYuan: totalsYuan(totals),
  };
}
