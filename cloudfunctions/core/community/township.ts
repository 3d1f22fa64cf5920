/**
 * The 儿童督导员's township at a glance: per community, its 儿童主任s (by name), how many children need visits and how many
 * are overdue or never visited (coverage: the database groups the children with their latest visit days, policy.ts
 * judges each day as the register does), this month's visits and open alerts; the first TOWNSHIP_ALERTS of the
 * township's open alerts, urgent first (the rest are counted: each community's register lists them); the ledger's
 * totals. Counts only, except the alerts shown (children's names and what happened), whose children are in the audit log.
 */
import type { AlertRecord, BindingRecord, Community, Township } from '../../../typings/domain';
import type { TownshipCommunityRow, TownshipOverview } from '../../../typings/actions/community';
import type { Database } from '../cloud';
import type { Role } from '../../../typings/roles';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { beijingDate } from '../time';
import { alertGuide } from '../alerts/kinds';
import { alertView } from '../archive/alerts';
import { visibleAlerts } from '../alerts/audience';
import { byIds, entriesOf, openAlertsOf, visitCounts, visitGroups, visitsInMonth, type VisitCounts } from './load';
import { policyOf } from './policy';
import { ledgerTotals, totalsYuan } from './assistance/totals';
import { nicknames } from '../talks/people';
import { alertChildNames } from '../alerts/deliver';

/** The open alerts the overview shows in full (each about 1 KB); the others are counted. */
export const TOWNSHIP_ALERTS = 20;

const NO_CHILDREN: VisitCounts = { children: 0, needVisits: 0, overdue: 0, never: 0 };

/**
 * `reach`: the township's community ids when the caller's binding already holds them (a 儿童督导员's is read with the
 * bindings), so the communities themselves are read together with everything else rather than before it.
 */
export async function townshipOverview(db: Database, township: Township, actor: AuditActor & { role: Role }, reach?: string[]): Promise<TownshipOverview> {
  const today = beijingDate(actor.now);
  const communitiesRead = db.collection(COLLECTION.communities).where({ townshipId: township._id }).orderBy('name', 'asc').limit(1000).get();
  const ids = reach ?? ((await communitiesRead).data as Community[]).map((c) => c._id);
  // Everything keyed by the communities at once: the month's visits and the ledger are those made in its communities;
  // a child's due is judged from their own latest visit, as in the register.
  const [communitiesRes, groups, visits, allOpen, directors, entries] = await Promise.all([
    communitiesRead,
    visitGroups(db, ids),
    visitsInMonth(db, ids, today),
    openAlertsOf(db, ids),
    byIds<BindingRecord>(db, COLLECTION.bindings, 'communityId', ids, { role: 'community', revokedAt: null }),
    entriesOf(db, ids, 'communityId'),
  ]);
  const communities = (communitiesRes.data as Community[]).filter((c) => ids.includes(c._id));
  const counts = visitCounts(groups, new Map(communities.map((c) => [c._id, policyOf(c)])), today);
  // a restricted alert (e.g. a suspected harm found in a talk) only for those it names: not even counted for others
  const alerts = visibleAlerts(allOpen, actor);
  const shown = [...alerts]
    .sort((a, b) => Number(alertGuide(b).urgent) - Number(alertGuide(a).urgent) || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, TOWNSHIP_ALERTS);
  const alertChildren = [...new Set(shown.map((a) => a.childId).filter((x): x is string => !!x))];
  // The directors' names, the shown alerts' children's names and their audit, together.
  const [people, names] = await Promise.all([
    nicknames(
      db,
      directors.map((b) => b.openid),
    ),
    alertChildNames(db, shown),
    alertChildren.length
      ? audit(
          db,
          actor,
          alertChildren.map((childId) => ({ kind: 'read' as const, schoolId: township.schoolId, childId, fields: ['alerts'] })),
        )
      : undefined,
  ]);
  const rows = communities.map((community) =>
    communityRow(community, counts.get(community._id) ?? NO_CHILDREN, visits.get(community._id) ?? 0, alerts, directors, people),
  );
  const totals = ledgerTotals(entries, today);
  return {
    township: { id: township._id, name: township.name },
    today,
    communities: rows,
    alerts: shown.map((a) => alertView(a, names.get(a.childId ?? '') ?? null, { showReports: true })),
    moreAlerts: alerts.length - shown.length,
    totals,
    totalsYuan: totalsYuan(totals),
  };
}

function communityRow(
  community: Community,
  c: VisitCounts,
  visitsThisMonth: number,
  alerts: AlertRecord[],
  directors: BindingRecord[],
  people: Map<string, string>,
): TownshipCommunityRow {
  const open = alerts.filter((a) => a.communityId === community._id);
  const late = c.overdue + c.never;
  return {
    id: community._id,
    name: community.name,
    // a 儿童主任 by the name they go by (their nickname), else their binding's label
    directors: directors.filter((b) => b.communityId === community._id).map((b) => people.get(b.openid) ?? b.label),
    ...c,
    coverage: c.needVisits ? Math.round(((c.needVisits - late) * 100) / c.needVisits) : null,
    visitsThisMonth,
    openAlerts: open.length,
    urgentAlerts: open.filter((a) => alertGuide(a).urgent).length,
  };
}
