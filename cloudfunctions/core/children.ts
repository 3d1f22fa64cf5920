/**
 * One child as a whole: the detail screen (each part as the caller's role may see it, every read audited), and,
 * when they leave school, everything stored about them exported and then deleted.
 */
import type { Role } from '../../typings/roles';
import type { AlertRecord, ArchiveChange, Child, ContactCard, Pairing } from '../../typings/domain';
import type { CareView, ChildDetail, ContactCardView } from '../../typings/actions/archive';
import type { ChildExport } from '../../typings/actions/children';
import type { CloudApp, Database, Transaction } from './cloud';
import { removeFiles } from './files';
import { AppError, conflict } from './errors';
import { COLLECTION, childDataCollections } from './collections';
import { audit, type AuditActor } from './audit';
import { removeChildData } from './housekeeping';
import { consentView, latestConsent } from './consent';
import { archiveView, cardView } from './privacy/views';
import { docOf } from './archive/store';
import { childActivities } from './activities/honours';
import { careView } from './archive/care';
import { historyView, loadHistory } from './archive/history';
import { completeness } from './archive/completeness';
import { alertView } from './archive/alerts';
import { visibleAlerts } from './alerts/audience';
import { childTalkBrief } from './talks/child';

const HISTORY_ON_FIRST_SCREEN = 20;

const isStaff = (role: Role) => role === 'admin' || role === 'teacher' || role === 'community' || role === 'township';
/** The school's own staff keep the file: its history and completeness are theirs, not community work's. */
const keepsFile = (role: Role) => role === 'admin' || role === 'teacher';
/** Community work sees the adults around the child (mentor, proxy parents), not the classmates paired with them. */
const communityCare = (role: Role, care: CareView): CareView => (keepsFile(role) || !isStaff(role) ? care : { ...care, buddies: [], ended: [] });

/** The names of the buddies (手拉手好朋友) among these pairings, who are children of the school too. */
async function buddyNames(db: Database, pairings: Pairing[]): Promise<Map<string, string>> {
  const ids = [...new Set(pairings.map((p) => p.buddyChildId).filter((x): x is string => !!x))];
  if (!ids.length) return new Map();
  const res = await db
    .collection(COLLECTION.children)
    .where({ _id: db.command.in(ids), deletedAt: null })
    .field({ name: true })
    .limit(100)
    .get();
  return new Map((res.data as { _id: string; name: string }[]).map((b) => [b._id, b.name]));
}

function contactCardOut(card: ContactCard | null, shown: Record<string, unknown> | null): ContactCardView | null {
  if (!card || !shown) return null;
  return {
    ...(shown as Omit<ContactCardView, 'updatedAt' | 'confirmedAt'>),
    updatedAt: card.updatedAt.toISOString(),
    confirmedAt: card.confirmedAt?.toISOString() ?? null,
  } as ContactCardView;
}

/**
 * The child detail screen in one call: the archive, the contact card, the care network, consent, and for staff the
 * latest history, completeness and open alerts. The read is audited with the fields returned. Independent reads go
 * out together: two rounds after the router's.
 */
export async function childDetail(db: Database, actor: AuditActor & { role: Role }, child: Child): Promise<ChildDetail> {
  const role = actor.role;
  const staff = isStaff(role);
  const [cardRes, pairingRes, consent, history, alertRes, talks, activities] = await Promise.all([
    db.collection(COLLECTION.contactCards).doc(child._id).get(),
    db.collection(COLLECTION.pairings).where({ childId: child._id }).orderBy('createdAt', 'desc').limit(100).get(),
    latestConsent(db, child._id),
    keepsFile(role) ? loadHistory(db, child._id, HISTORY_ON_FIRST_SCREEN) : Promise.resolve([] as ArchiveChange[]),
    staff ? db.collection(COLLECTION.alerts).where({ childId: child._id, resolvedAt: null }).limit(20).get() : Promise.resolve({ data: [] }),
    childTalkBrief(db, child, { role, openid: actor.openid }, actor.now),
    childActivities(db, child, actor.now),
  ]);
  const card = docOf<ContactCard>(cardRes) ?? null;
  const pairings = pairingRes.data as Pairing[];
  const archive = archiveView(child as unknown as Record<string, unknown>, role);
  const cardShown = cardView(card as unknown as Record<string, unknown> | null, role);
  // The fields shown are known now: the audit entry goes out with the buddies' names (one round, not two).
  const [names] = await Promise.all([
    buddyNames(db, pairings),
    audit(db, actor, [
      { kind: 'read', schoolId: child.schoolId, childId: child._id, fields: [...archive.fields, ...cardShown.fields, ...talks.fields, 'honours'] },
    ]),
  ]);
  return {
    child: archive.view,
    viewAs: role,
    contactCard: contactCardOut(card, cardShown.view),
    care: communityCare(role, careView(pairings, names)),
    consent: consentView(child._id, consent),
    history: keepsFile(role) ? history.map((h) => historyView(h, role)) : null,
    completeness: keepsFile(role) ? completeness(child, card, consent?.decision === 'granted') : null,
    // The mandatory report's steps are for the admin and the community's people (and, on the alert itself, the mentor).
    alerts: staff
      ? visibleAlerts(alertRes.data as AlertRecord[], { role, openid: actor.openid }).map((a) => alertView(a, child.name, { showReports: role !== 'teacher' }))
      : [],
    canEdit: role === 'admin' || role === 'teacher',
    talks: talks.brief,
    activities,
  };
}

/** Everything stored about one child, by collection (before they leave school, or on a family's request); audited. */
export async function exportChild(db: Database, actor: AuditActor, child: Child): Promise<ChildExport> {
  const sources = childDataCollections();
  const results = await Promise.all(
    sources.map((c) =>
      db
        .collection(c.name)
        .where({ [c.childKey]: child._id })
        .limit(1000)
        .get(),
    ),
  );
  const collections: Record<string, unknown[]> = {};
  sources.forEach((c, i) => (collections[c.name] = results[i].data));
  await audit(db, actor, [{ kind: 'export', schoolId: child.schoolId, childId: child._id, fields: sources.map((c) => c.name) }]);
  return { childId: child._id, exportedAt: actor.now.toISOString(), collections };
}

/**
 * Delete a child's data everywhere when they leave school; the admin types the child's name to confirm. First, in
 * one transaction, the child is marked deleted (every scope treats them as gone from then on) together with the
 * audit entry; then the data goes. A deletion cut short is finished by the scheduler (housekeeping.ts).
 */
/** The photos of a child's own posts in cloud storage: each was uploaded through a slot of the child's. */
async function childFiles(db: Database, childId: string): Promise<string[]> {
  const out: string[] = [];
  for (let page = 0; ; page++) {
    const res = await db
      .collection(COLLECTION.growthUploads)
      .where({ childId })
      .skip(page * 1000)
      .limit(1000)
      .field({ fileID: true })
      .get();
    out.push(...(res.data as { fileID: string }[]).map((u) => u.fileID));
    if (res.data.length < 1000) return out;
  }
}

export async function purgeChild(app: CloudApp, actor: AuditActor, child: Child, confirmName: string): Promise<{ deleted: Record<string, number> }> {
  const db = app.database();
  if (child.name !== confirmName)
    throw new AppError('INVALID_INPUT', '输入的姓名与该儿童不一致，未删除任何数据', [{ path: 'confirmName', message: '姓名不一致' }]);
  await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<Child>(await tx.collection(COLLECTION.children).doc(child._id).get());
    if (!current || current.deletedAt) throw conflict('该儿童的数据已在删除中');
    await tx.collection(COLLECTION.children).doc(child._id).update({ deletedAt: actor.now, purgeStartedAt: actor.now });
    const fields = childDataCollections().map((c) => c.name);
    await audit(tx, actor, [{ kind: 'delete', schoolId: child.schoolId, childId: child._id, fields, note: '儿童离校，删除全部数据' }]);
  });
  // the files first: their slots, which name them, go with the rest of the child's data
  await removeFiles(app, await childFiles(db, child._id));
  return { deleted: await removeChildData(db, child._id) };
}
