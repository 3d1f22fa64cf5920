/**
 * Families keep their own contact details: a parent proposes changes to their phone, work city, work unit and work
 * address on the contact card (联系卡), a guardian to their phone and home address; the class teacher confirms or
 * declines. A confirmed change is written to the card like any save (version, field-level history naming both the
 * family member who asked and the teacher who confirmed, audit) and counts as this month's card check (信息更新).
 * A new proposal for the same entry replaces the one still waiting.
 */
import type { ContactCard, Child } from '../../../typings/domain';
import type { ContactChangeView } from '../../../typings/actions/growth';
import type { Role } from '../../../typings/roles';
import type { Database, Transaction } from '../cloud';
import { AppError, invalid } from '../errors';
import { COLLECTION } from '../collections';
import { audit } from '../audit';
import { requireConsent } from '../consent';
import { docOf, STALE, type Actor } from '../archive/store';
import { historyEntry } from '../archive/history';
import { newId } from '../archive/ids';
import { remind } from '../reminders';
import type { ContactChange } from '../growth/records';
import { CONTACT_FIELD_LABELS, GUARDIAN_FIELDS, PARENT_FIELDS, type ContactField } from './labels';

export const contactPage = (childId: string) => `areas/growth/pages/contact/index?childId=${childId}`;
const reviewPage = 'areas/growth/pages/contact-changes/index';

type Entry = number | 'guardian';

export function entryLabel(card: ContactCard, entry: Entry): string {
  if (entry === 'guardian') return `监护人 ${card.guardian?.name ?? ''}`.trim();
  const p = card.parents[entry];
  return `${p?.relation ?? '家长'} ${p?.name ?? ''}`.trim();
}

function currentValue(card: ContactCard, entry: Entry, field: ContactField): string | null {
  const row = (entry === 'guardian' ? card.guardian : card.parents[entry]) as unknown as Record<string, string | null> | undefined;
  return row?.[field] ?? null;
}

export function changeView(c: ContactChange, childName: string): ContactChangeView {
  return {
    id: c._id,
    childId: c.childId,
    childName,
    entryLabel: c.entryLabel,
    changes: c.changes.map((x) => ({ ...x, label: CONTACT_FIELD_LABELS[x.field] })),
    status: c.status,
    proposedBy: c.proposedByLabel,
    proposedAt: c.proposedAt.toISOString(),
    decidedBy: c.decidedByLabel,
    decidedAt: c.decidedAt?.toISOString() ?? null,
    note: c.note,
  };
}

/** Which entries a family member may change: a guardian the guardian's, a parent the parents'. */
function checkEntry(card: ContactCard, entry: Entry, role: Role): ContactField[] {
  if (role === 'guardian') {
    if (entry !== 'guardian' || !card.guardian) throw invalid('监护人只能修改联系卡上监护人自己的信息', 'entry');
    return GUARDIAN_FIELDS;
  }
  if (entry === 'guardian' || !card.parents[entry]) throw invalid('请选择联系卡上您自己的那一栏', 'entry');
  return PARENT_FIELDS;
}

export async function proposeChange(
  db: Database,
  actor: Actor & { role: Role; label: string },
  child: Child,
  entry: Entry,
  wanted: Partial<Record<ContactField, string | null>>,
): Promise<ContactChangeView> {
  await requireConsent(db, child._id);
  const card = docOf<ContactCard>(await db.collection(COLLECTION.contactCards).doc(child._id).get());
  if (!card) throw new AppError('NOT_FOUND', '孩子还没有联系卡，请先联系班主任填写');
  const allowed = checkEntry(card, entry, actor.role);
  const fields = Object.keys(wanted) as ContactField[];
  const other = fields.find((f) => !allowed.includes(f));
  if (other) throw invalid(`这一栏没有“${CONTACT_FIELD_LABELS[other]}”`, `changes.${other}`);
  if (entry === 'guardian' && 'phone' in wanted && !wanted.phone) throw invalid('监护人的电话不能为空', 'changes.phone');
  const changes = fields.map((field) => ({ field, from: currentValue(card, entry, field), to: wanted[field] || null })).filter((c) => c.from !== c.to);
  if (!changes.length) throw invalid('和联系卡上的一样，没有需要修改的内容', 'changes');
  const change: ContactChange = {
    _id: newId(),
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    entry,
    entryLabel: entryLabel(card, entry),
    changes,
    status: 'pending',
    proposedBy: actor.openid,
    proposedByLabel: actor.label,
    proposedAt: actor.now,
    cardVersion: card.version,
    decidedBy: null,
    decidedByLabel: null,
    decidedAt: null,
    note: null,
  };
  await db.runTransaction(async (tx: Transaction) => {
    const waiting = await tx.collection(COLLECTION.contactChanges).where({ childId: child._id, entry, status: 'pending' }).get();
    for (const w of waiting.data as ContactChange[])
      await tx.collection(COLLECTION.contactChanges).doc(w._id).update({
        status: 'declined',
        decidedBy: actor.openid,
        decidedByLabel: actor.label,
        decidedAt: actor.now,
        note: '已重新提交修改',
      });
    await tx.collection(COLLECTION.contactChanges).add(change);
    await audit(tx, actor, [{ kind: 'change', schoolId: child.schoolId, childId: child._id, fields: changes.map((c) => `contactChange.${c.field}`) }]);
  });
  await tellTeachers(db, change, child.name, actor.now);
  return changeView(change, child.name);
}

async function tellTeachers(db: Database, change: ContactChange, childName: string, now: Date): Promise<void> {
  const res = await db
    .collection(COLLECTION.bindings)
    .where({ classId: change.classId, role: 'teacher', title: 'head', childId: null, revokedAt: null })
    .limit(20)
    .get();
  const title = `${childName}的家长修改了联系方式`;
  const body = `${change.proposedByLabel}申请修改${change.entryLabel}的${change.changes.map((c) => CONTACT_FIELD_LABELS[c.field]).join('、')}，请核对后确认。`;
  await remind(
    db,
    (res.data as { openid: string }[]).map((b) => ({
      kind: 'contactChange.proposed',
      to: b.openid,
      role: 'teacher' as const,
      subject: change._id,
      occurrence: change._id,
      template: 'notice' as const,
      fields: { title, note: body, time: now, count: '1' },
      title,
      body,
      page: reviewPage,
      at: now,
      schoolId: change.schoolId,
      childId: change.childId,
    })),
    now,
  );
}

/** The class teacher's answer; accepting writes the card (the values must still be what the family saw). */
export async function decideChange(db: Database, actor: Actor, change: ContactChange, accept: boolean, note: string | null): Promise<ContactChangeView> {
  if (change.status !== 'pending') throw new AppError('CONFLICT', '这条修改已经处理过了');
  const decided = { decidedBy: actor.openid, decidedByLabel: actor.label, decidedAt: actor.now, note };
  if (accept) await requireConsent(db, change.childId);
  await db.runTransaction(async (tx: Transaction) => {
    const current = docOf<ContactChange>(await tx.collection(COLLECTION.contactChanges).doc(change._id).get());
    if (!current || current.status !== 'pending') throw new AppError('CONFLICT', '这条修改已经处理过了');
    await tx
      .collection(COLLECTION.contactChanges)
      .doc(change._id)
      .update({ status: accept ? 'accepted' : 'declined', ...decided });
    if (!accept) {
      await audit(tx, actor, [{ kind: 'change', schoolId: change.schoolId, childId: change.childId, fields: ['contactChange'], note: '未采纳家长的修改' }]);
      return;
    }
    const card = docOf<ContactCard>(await tx.collection(COLLECTION.contactCards).doc(change.childId).get());
    if (!card || change.changes.some((c) => currentValue(card, change.entry, c.field) !== c.from)) throw new AppError('CONFLICT', STALE);
    const updated = applyChange(card, change);
    const version = card.version + 1;
    await tx
      .collection(COLLECTION.contactCards)
      .doc(change.childId)
      .update({
        ...(change.entry === 'guardian' ? { guardian: db.command.set(updated.guardian) } : { parents: db.command.set(updated.parents) }),
        version,
        updatedAt: actor.now,
        updatedBy: actor.openid,
        confirmedAt: actor.now,
        confirmedBy: actor.openid,
      });
    const path = change.entry === 'guardian' ? 'guardian' : `parents.${change.entry}`;
    await tx.collection(COLLECTION.archiveHistory).add(
      historyEntry({
        ...actor,
        schoolId: change.schoolId,
        childId: change.childId,
        target: 'contactCard',
        version,
        changes: change.changes.map((c) => ({ field: `${path}.${c.field}`, from: c.from, to: c.to })),
        note: `${change.proposedByLabel}提出修改，${actor.label ?? '班主任'}确认`,
      }),
    );
    await audit(tx, actor, [
      { kind: 'change', schoolId: change.schoolId, childId: change.childId, fields: [`contactCard.${path.split('.')[0]}`], note: '确认家长提出的修改' },
    ]);
  });
  const res = await db.collection(COLLECTION.children).doc(change.childId).field({ name: true }).get();
  return changeView({ ...change, status: accept ? 'accepted' : 'declined', ...decided }, docOf<{ name: string }>(res)?.name ?? '');
}

function applyChange(card: ContactCard, change: ContactChange): Pick<ContactCard, 'parents' | 'guardian'> {
  const values = Object.fromEntries(change.changes.map((c) => [c.field, c.to]));
  if (change.entry === 'guardian') return { parents: card.parents, guardian: { ...card.guardian!, ...values } as ContactCard['guardian'] };
  const index = change.entry;
  return { parents: card.parents.map((p, i) => (i === index ? { ...p, ...values } : p)), guardian: card.guardian };
}

/** The class's changes waiting for the teacher, and the latest decided ones. */
export async function classChanges(db: Database, classId: string): Promise<ContactChangeView[]> {
  const res = await db.collection(COLLECTION.contactChanges).where({ classId }).orderBy('proposedAt', 'desc').limit(50).get();
  const rows = res.data as ContactChange[];
  const ids = [...new Set(rows.map((r) => r.childId))];
  const names = ids.length
    ? ((
        await db
          .collection(COLLECTION.children)
          .where({ _id: db.command.in(ids) })
          .field({ name: true })
          .limit(100)
          .get()
      ).data as { _id: string; name: string }[])
    : [];
  const name = new Map(names.map((n) => [n._id, n.name]));
  return rows
    .filter((r) => r.note !== '已重新提交修改')
    .sort((a, b) => Number(b.status === 'pending') - Number(a.status === 'pending'))
    .map((r) => changeView(r, name.get(r.childId) ?? ''));
}
