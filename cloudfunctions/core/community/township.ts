/**
 * The 儿童督导员's township at a glance: per community, its 儿童主任s (by name), how many children need visits and how many
 * are overdue or never visited (coverage), this month's visits and open alerts; the township's open alerts, urgent
 * first; the ledger's totals. Counts only, except the alerts (children's names and what happened), whose children
 * are in the audit log.
 */
import type { BindingRecord, Community, Township } from '../../../typings/domain';
import type { TownshipCommunityRow, TownshipOverview } from '../../../typings/actions/community';
import type { Database } from '../cloud';
import type { Role } from '../../../typings/roles';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { beijingDate } from '../time';
import { alertGuide } from '../alerts/kinds';
import { alertView } from '../archive/alerts';
import { visibleAlerts } from '../alerts/audience';
import { byIds, childrenOfCommunities, entriesOf, lastVisits, openAlertsOf } from './load';
import { policyOf, visitDue } from './policy';
import { ledgerTotals, totalsYuan } from './assistance/totals';
import { nicknames } from '../talks/people';

/**
 * `reach`: the township's community ids when the caller's binding already holds them (a 儿童督导员's is read with the
 * bindings), so the communities themselves are read together with everything else rather than before it.
 */
export async function townshipOverview(db: Database, township: Township, actor: AuditActor & { role: Role }, reach?: string[]): Promise<TownshipOverview> {
  const today = beijingDate(actor.now);
  const month = today.slice(0, 7);
  const communitiesRead = db.collection(COLLECTION.communities).where({ townshipId: township._id }).orderBy('name', 'asc').limit(1000).get();
  const ids = reach ?? ((await communitiesRead).data as Community[]).map((c) => c._id);
  // Everything keyed by the communities at once: the township's visits and ledger are those made in its communities.
  const [communitiesRes, children, allOpen, directors, { last, visits }, entries] = await Promise.all([
    communitiesRead,
    childrenOfCommunities(db, ids),
    openAlertsOf(db, ids),
    byIds<BindingRecord>(db, COLLECTION.bindings, 'communityId', ids, { role: 'community', revokedAt: null }),
    lastVisits(db, ids, 'communityId'),
    entriesOf(db, ids, 'communityId'),
  ]);
  const communities = (communitiesRes.data as Community[]).filter((c) => ids.includes(c._id));
  // a restricted alert (e.g. a suspected harm found in a talk) only for those it names: not even counted for others
  const alerts = visibleAlerts(allOpen, actor);
  const shown = [...alerts].sort((a, b) => Number(alertGuide(b).urgent) - Number(alertGuide(a).urgent) || b.createdAt.getTime() - a.createdAt.getTime());
  const alertChildren = [...new Set(shown.map((a) => a.childId).filter((x): x is string => !!x))];
  // The directors' names and the audit of the alerts' children, together.
  const [people] = await Promise.all([
    nicknames(
      db,
      directors.map((b) => b.openid),
    ),
    alertChildren.length
      ? audit(
          db,
          actor,
          alertChildren.map((childId) => ({ kind: 'read' as const, schoolId: township.schoolId, childId, fields: ['alerts'] })),
        )
      : undefined,
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
