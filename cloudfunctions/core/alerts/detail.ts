/**
 * One alert as the person opening it sees it: what happened, the steps to take, who was told, who saw it, who acted,
 * and (for those who record it: the admin, the mentor, the 儿童主任 and the 儿童督导员) the mandatory report's
 * steps as ./mandatoryReport.ts shows them. Opening it records that this person has seen it; the read is audited.
 */
import type { AlertRecord, AlertSeen, Child, Community, SchoolClass } from '../../../typings/domain';
import type { AlertCase } from '../../../typings/actions/community';
import type { Role } from '../../../typings/roles';
import type { Database } from '../cloud';
import type { Principal } from '../access';
import { COLLECTION } from '../collections';
import { audit, type AuditActor } from '../audit';
import { docOf } from '../archive/store';
import { ageOn } from '../archive/rules';
import { alertView } from '../archive/alerts';
import { alertGuide, SITUATION_CHANGES } from './kinds';
import { mayReport } from './audience';
import { stepView } from './mandatoryReport';

export interface AlertViewer extends AuditActor {
  role: Role;
  principal: Principal;
  /** The viewer's binding label, shown to others as who saw it. */
  label: string;
}

/** The first time this person opens the alert: one conditional write, so two openings at once record one. */
async function markSeen(db: Database, alert: AlertRecord, seen: AlertSeen): Promise<AlertRecord> {
  if ((alert.seen ?? []).some((s) => s.openid === seen.openid)) return alert;
  const _ = db.command;
  await db
    .collection(COLLECTION.alerts)
    .where({ _id: alert._id, 'seen.openid': _.neq(seen.openid) })
    .update({ seen: _.push([seen]) });
  return { ...alert, seen: [...(alert.seen ?? []), seen] };
}

export async function alertDetail(db: Database, stored: AlertRecord, viewer: AlertViewer): Promise<AlertCase> {
  const reports = mayReport(stored, { role: viewer.role, openid: viewer.openid, bindings: viewer.principal.bindings });
  const [childRes, classRes, communityRes, alert] = await Promise.all([
    stored.childId ? db.collection(COLLECTION.children).doc(stored.childId).get() : Promise.resolve({ data: [] }),
    stored.classId ? db.collection(COLLECTION.classes).doc(stored.classId).get() : Promise.resolve({ data: [] }),
    stored.communityId ? db.collection(COLLECTION.communities).doc(stored.communityId).get() : Promise.resolve({ data: [] }),
    markSeen(db, stored, { openid: viewer.openid, role: viewer.role, label: viewer.label, at: viewer.now }),
    audit(db, viewer, [
      { kind: 'read', schoolId: stored.schoolId, childId: stored.childId, fields: reports ? ['alerts', 'alerts.mandatoryReport'] : ['alerts'] },
    ]),
  ]);
  const child = docOf<Child>(childRes);
  const present = child && !child.deletedAt ? child : null;
  const open = !alert.resolvedAt;
  return {
    alert: alertView(alert, present?.name ?? null, { showReports: reports }),
    child: present
      ? {
          id: present._id,
          name: present.name,
          age: ageOn(present.birthDate, viewer.now),
          className: docOf<SchoolClass>(classRes)?.name ?? '',
          communityName: docOf<Community>(communityRes)?.name ?? null,
        }
      : null,
    change: alert.change ? { ...alert.change, label: SITUATION_CHANGES[alert.change.kind]?.label ?? '情况变化' } : null,
    steps: alertGuide(alert).steps,
    reports: reports ? (alert.mandatoryReport?.steps ?? []).map(stepView) : null,
    canReport: reports && open,
    canResolve: open && (viewer.role === 'admin' || viewer.role === 'community' || viewer.role === 'township'),
  };
}
