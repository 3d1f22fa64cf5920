/**
 * A child as community work sees them, on one screen: who they are and where they live (the fields the 儿童主任's
 * work needs, whoever opens this view: no study, health or family notes), the contact card with its phones, open
 * alerts, visits, and the ledger. The read is audited with the fields returned.
 */
import type { AlertRecord, AssistanceEntry, Child, Community, ContactCard, SchoolClass, Visit } from '../../../typings/domain';
import type { CommunityChildView } from '../../../typings/actions/community';
import type { ContactCardView } from '../../../typings/actions/archive';
import type { Role } from '../../../typings/roles';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { beijingDate } from '../time';
import { archiveView, cardView } from '../privacy/views';
import { docOf } from '../archive/store';
import { ageOn } from '../archive/rules';
import { alertView } from '../archive/alerts';
import { visibleAlerts } from '../alerts/audience';
import { isFocus, policyOf, visitDue } from './policy';
import { visitView } from './visits';
import { allowanceHistory, entryView, newestFirst } from './assistance/ledger';
import { ledgerTotals, totalsYuan } from './assistance/totals';

const VISITS_SHOWN = 20;

function cardOut(card: ContactCard | null, shown: Record<string, unknown> | null): ContactCardView | null {
  if (!card || !shown) return null;
  return { ...(shown as unknown as ContactCardView), updatedAt: card.updatedAt.toISOString(), confirmedAt: card.confirmedAt?.toISOString() ?? null };
}

export async function communityChild(db: Database, child: Child, actor: AuditActor & { role: Role }): Promise<CommunityChildView> {
  const today = beijingDate(actor.now);
  const [cardRes, classRes, communityRes, visitRes, alertRes, entryRes] = await Promise.all([
    db.collection(COLLECTION.contactCards).doc(child._id).get(),
    db.collection(COLLECTION.classes).doc(child.classId).get(),
    child.communityId ? db.collection(COLLECTION.communities).doc(child.communityId).get() : Promise.resolve({ data: [] }),
    db.collection(COLLECTION.visits).where({ childId: child._id }).orderBy('date', 'desc').orderBy('recordedAt', 'desc').limit(VISITS_SHOWN).get(),
    db.collection(COLLECTION.alerts).where({ childId: child._id, resolvedAt: null }).limit(20).get(),
    db.collection(COLLECTION.assistance).where({ childId: child._id }).limit(1000).get(),
  ]);
  const card = docOf<ContactCard>(cardRes) ?? null;
  const community = docOf<Community>(communityRes) ?? null;
  const visits = visitRes.data as Visit[];
  const entries = (entryRes.data as AssistanceEntry[]).sort(newestFirst);
  // The community's view of the archive whoever opens it: this screen is community work, not the school's file.
  const archive = archiveView(child as unknown as Record<string, unknown>, 'community');
  const shownCard = cardView(card as unknown as Record<string, unknown> | null, actor.role);
  const lastVisit = visits[0]?.date ?? null;
  const policy = policyOf(community);
  await audit(db, actor, [
    { kind: 'read', schoolId: child.schoolId, childId: child._id, fields: [...archive.fields, ...shownCard.fields, 'visits', 'alerts', 'assistance'] },
  ]);
  const totals = ledgerTotals(entries, today);
  return {
    child: archive.view,
    viewAs: actor.role,
    age: ageOn(child.birthDate, actor.now),
    className: docOf<SchoolClass>(classRes)?.name ?? '',
    communityName: community?.name ?? null,
    focus: isFocus(child),
    policy,
    due: { lastVisit, ...visitDue(child, lastVisit, policy, today) },
    contactCard: cardOut(card, shownCard.view),
    alerts: visibleAlerts(alertRes.data as AlertRecord[], actor).map((a) => alertView(a, child.name, { showReports: actor.role !== 'teacher' })),
    visits: visits.map(visitView),
    ledger: {
      totals,
      totalsYuan: totalsYuan(totals),
      allowanceHistory: allowanceHistory(entries),
      entries: entries.slice(0, 50).map((e) => entryView(e, child.name)),
    },
    canVisit: actor.role === 'community' || actor.role === 'township',
    canRecordAssistance: actor.role === 'community' || actor.role === 'township' || actor.role === 'admin',
  };
}
