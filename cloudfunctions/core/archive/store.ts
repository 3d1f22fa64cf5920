/**
 * Writing the archive and the contact card: consent first, then one transaction that checks the version,
 * writes the record, its history entry and its audit entry, and raises or resolves the guardian alert, so the data,
 * its history, its audit trail and its alert never disagree (a crash leaves all of them or none).
 */
import { docOf, type Database, type Transaction } from '../cloud';
import type { Role } from '../../../typings/roles';
import type { AlertRecord, Child, ContactCard, SchoolClass } from '../../../typings/domain';
import { AppError } from '../errors';
import { FORBIDDEN_SCOPE } from '../access';
import { audit, actorOf } from '../audit';
import { COLLECTION } from '../collections';
import { requireConsent } from '../consent';
import { diffRecords, type FieldChange } from './diff';
import { historyEntry } from './history';
import { ageOn, archiveIssues, cardIssues, needsGuardianAlert, storedChanges, type ArchiveChanges, type CardInput } from './rules';
import { newId } from './ids';
import { alertRecord } from '../alerts/record';
import { deliverRaised } from '../alerts/deliver';
import { syncDropOutAlert } from './enrolment';

export interface Actor {
  openid: string;
  role: Role | null;
  /** The actor's binding label, for the history. */
  label: string | null;
  action: string;
  now: Date;
}

/** The actor of a handler's change: who, in which role and binding (for the history and the audit entry). */
export function editorOf(ctx: { openid: string; now: Date; action: string; grant: { role: Role; binding: { label: string } } }): Actor {
  return { ...actorOf(ctx), label: ctx.grant.binding.label };
}

export { docOf } from '../cloud';

/** update() flattens nested objects into dotted paths; objects and lists here replace the stored value whole. */
export function replacing(db: Database, values: Record<string, unknown>): Record<string, unknown> {
  const _ = db.command;
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v !== null && typeof v === 'object' && !(v instanceof Date) ? _.set(v) : v]));
}

export const STALE = '档案已被他人修改，请刷新后重新编辑';
export const GUARDIAN_ALERT = 'no_capable_guardian';

/**
 * The n-th guardian alert of a child (1, 2, ...): two transactions raising one at once write the same _id, so only
 * one of them commits (the other retries and finds it open).
 */
export function guardianAlertId(childId: string, n: number): string {
  return `${childId}-${GUARDIAN_ALERT}-${n}`;
}

/** What a write did to the guardian alert, and the id of an alert it raised (to deliver once the write commits). */
export interface GuardianAlertChange {
  change: 'raised' | 'resolved' | null;
  raisedId: string | null;
}

type AlertChild = Pick<Child, '_id' | 'schoolId' | 'classId' | 'name' | 'birthDate' | 'leftBehindType'> & { communityId?: string | null };

/** Raise the guardian alert when the child needs one and has none open; resolve the open one when fixed. */
export async function syncGuardianAlert(
  tx: Transaction,
  child: AlertChild,
  card: Pick<ContactCard, 'guardian' | 'unreachable'> | null,
  actor: Actor,
): Promise<GuardianAlertChange> {
  const needed = needsGuardianAlert(child, card, actor.now);
  const res = await tx.collection(COLLECTION.alerts).where({ childId: child._id, kind: GUARDIAN_ALERT }).limit(1000).get();
  const all = res.data as AlertRecord[];
  const open = all.filter((a) => !a.resolvedAt);
  if (needed && open.length === 0) {
    const raisedId = guardianAlertId(child._id, all.length + 1);
    await tx.collection(COLLECTION.alerts).add({ _id: raisedId, ...guardianAlert(child, actor, card) });
    return { change: 'raised', raisedId };
  }
  if (!needed && open.length > 0) {
    await Promise.all(
      open.map((a) =>
        tx.collection(COLLECTION.alerts).doc(a._id).update({
          resolvedAt: actor.now,
          resolvedBy: actor.openid,
          resolvedLabel: '系统',
          resolution: '联系卡已登记有照护能力的监护人（或儿童情况已变化），系统自动解除',
        }),
      ),
    );
    return { change: 'resolved', raisedId: null };
  }
  return { change: null, raisedId: null };
}

/** The alert for a child under 16 without a capable guardian (or with nobody reachable at all). */
export function guardianAlert(
  child: Pick<Child, '_id' | 'schoolId' | 'classId' | 'name' | 'birthDate'> & { communityId?: string | null },
  actor: Pick<Actor, 'openid' | 'now'>,
  card?: Pick<ContactCard, 'unreachable'> | null,
): Omit<AlertRecord, '_id'> {
  const who = `${child.name}（${ageOn(child.birthDate, actor.now)}岁）`;
  const message = card?.unreachable
    ? `${who}的联系卡登记为无法联系到任何监护人：${card.unreachable.reason}。孩子可能无人照料，请当天核实并落实照护。`
    : `${who}没有具有照护能力的监护人。不满十六周岁的儿童不得脱离监护单独居住生活，请尽快核实并落实委托照护。`;
  return alertRecord({
    schoolId: child.schoolId,
    classId: child.classId,
    childId: child._id,
    communityId: child.communityId ?? null,
    kind: GUARDIAN_ALERT,
    message,
    urgent: true,
    createdAt: actor.now,
    createdBy: actor.openid,
  });
}

export interface WriteResult {
  version: number;
  changed: string[];
  alert: 'raised' | 'resolved' | null;
}

const invalid = (issues: { path: string; message: string }[]) => new AppError('INVALID_INPUT', issues[0].message, issues);

export type RosterInput = Pick<Child, 'name' | 'gender' | 'birthDate' | 'leftBehindType'>;

/** The database's answer when transactions collided and its retries ran out. */
export const collided = (err: unknown) => (err as { code?: string } | null)?.code === 'DATABASE_TRANSACTION_CONFLICT';

/**
 * Add a pupil to a class roster with the roster fields only, at archive version 1; a second pupil of the class with
 * the same name and birth date is refused, however many arrive at once: each addition writes the class's document
 * first, so two additions to one class never commit side by side (the later one retries and finds the first). The
 * child, its history and its audit entry commit together.
 */
export async function createChild(db: Database, cls: SchoolClass, roster: RosterInput, actor: Actor): Promise<Child> {
  const child: Child = {
    _id: newId(),
    schoolId: cls.schoolId,
    classId: cls._id,
    communityId: cls.communityId ?? null,
    name: roster.name,
    gender: roster.gender,
    birthDate: roster.birthDate,
    lunarBirthday: null,
    leftBehindType: roster.leftBehindType,
    focusSupport: null,
    archiveVersion: 1,
    createdAt: actor.now,
    updatedAt: actor.now,
    updatedBy: actor.openid,
    deletedAt: null,
  };
  const fields = ['name', 'gender', 'birthDate', 'leftBehindType'] as const;
  const note = '加入花名册';
  const add = async (tx: Transaction) => {
    const current = docOf<SchoolClass>(await tx.collection(COLLECTION.classes).doc(cls._id).get());
    if (!current || current.archivedAt) throw new AppError('CONFLICT', '该班级已撤销');
    if (current.importing && current.importing.until.getTime() > actor.now.getTime()) throw new AppError('CONFLICT', '本班正在导入花名册，请导入完成后再添加');
    await tx.collection(COLLECTION.classes).doc(cls._id).update({ rosterChangedAt: actor.now });
    const same = await tx.collection(COLLECTION.children).where({ classId: cls._id, name: roster.name, birthDate: roster.birthDate, deletedAt: null }).get();
    if (same.data.length) throw new AppError('CONFLICT', `${roster.name}（${roster.birthDate}）已在本班花名册中`);
    await tx.collection(COLLECTION.children).add(child);
    const changes = fields.map((field) => ({ field, from: null, to: roster[field] }));
    await tx
      .collection(COLLECTION.archiveHistory)
      .add(historyEntry({ ...actor, schoolId: cls.schoolId, childId: child._id, target: 'archive', version: 1, changes, note }));
    await audit(tx, actor, [{ kind: 'change', schoolId: cls.schoolId, childId: child._id, fields: [...fields], note }]);
  };
  try {
    await db.runTransaction(add);
  } catch (err) {
    if (collided(err)) throw new AppError('CONFLICT', '有人正在同时向本班添加学生，请刷新花名册后再试');
    throw err;
  }
  return child;
}

/** Change archive fields of a child (consent required), versioned; audited with the fields that changed. */
export async function updateArchive(db: Database, childId: string, expectedVersion: number, changes: ArchiveChanges, actor: Actor): Promise<WriteResult> {
  await requireConsent(db, childId);
  let raisedId: string | null = null;
  const result = await db.runTransaction(async (tx: Transaction) => {
    const child = docOf<Child>(await tx.collection(COLLECTION.children).doc(childId).get());
    if (!child || child.deletedAt) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    const version = child.archiveVersion ?? 0;
    if (version !== expectedVersion) throw new AppError('CONFLICT', STALE);
    const stored = storedChanges(changes, child);
    const merged = { ...child, ...stored } as Child;
    const issues = archiveIssues(merged);
    if (issues.length) throw invalid(issues);
    const diff = diffRecords(child, merged, Object.keys(stored));
    if (diff.length === 0) return { version, changed: [], alert: null };

    let alert: WriteResult['alert'] = null;
    if ('leftBehindType' in stored || 'birthDate' in stored || 'name' in stored) {
      const card = docOf<ContactCard>(await tx.collection(COLLECTION.contactCards).doc(childId).get()) ?? null;
      if (card) {
        // The alert is decided from the card too: writing it makes a card saved at the same time conflict with this.
        await tx
          .collection(COLLECTION.contactCards)
          .doc(childId)
          .update({ alertCheckedAt: actor.now, alertCheckedVersion: version + 1 });
        ({ change: alert, raisedId } = await syncGuardianAlert(tx, merged, card, actor));
      }
    }
    if ('enrolment' in stored) alert = (await syncDropOutAlert(tx, merged, actor)) ?? alert;
    await tx
      .collection(COLLECTION.children)
      .doc(childId)
      .update(replacing(db, { ...stored, archiveVersion: version + 1, updatedAt: actor.now, updatedBy: actor.openid }));
    await tx
      .collection(COLLECTION.archiveHistory)
      .add(historyEntry({ ...actor, schoolId: child.schoolId, childId, target: 'archive', version: version + 1, changes: diff }));
    await audit(tx, actor, [{ kind: 'change', schoolId: child.schoolId, childId, fields: topFields(diff) }]);
    return { version: version + 1, changed: topFields(diff), alert };
  });
  await deliverRaised(db, [raisedId], actor.now);
  return result;
}

function topFields(diff: FieldChange[]): string[] {
  return [...new Set(diff.map((c) => c.field.split('.')[0]))];
}

const UNCHANGED_CARD = '确认联系卡信息无变化';

/** Save the whole contact card (consent required), versioned; saving also confirms it for this month's round. */
export async function saveCard(db: Database, child: Child, expectedVersion: number, input: CardInput, actor: Actor): Promise<WriteResult> {
  const issues = cardIssues(input);
  if (issues.length) throw invalid(issues);
  await requireConsent(db, child._id);
  let raisedId: string | null = null;
  const result = await db.runTransaction(async (tx: Transaction) => {
    // The child as this transaction sees it (the alert depends on their age and situation, which an archive
    // update may be changing: that update writes the card, so one of the two retries and sees the other).
    const [fresh, current] = await Promise.all([
      tx
        .collection(COLLECTION.children)
        .doc(child._id)
        .get()
        .then((r) => docOf<Child>(r)),
      tx
        .collection(COLLECTION.contactCards)
        .doc(child._id)
        .get()
        .then((r) => docOf<ContactCard>(r) ?? null),
    ]);
    if (!fresh || fresh.deletedAt) throw new AppError('FORBIDDEN', FORBIDDEN_SCOPE);
    const version = current?.version ?? 0;
    if (version !== expectedVersion) throw new AppError('CONFLICT', STALE);
    const unreachable = input.unreachable ?? null;
    const diff = diffRecords(current as unknown as Record<string, unknown> | null, { ...input, unreachable } as unknown as Record<string, unknown>, [
      'parents',
      'guardian',
      'emergency',
      'unreachable',
    ]);
    const card: Omit<ContactCard, '_id'> = {
      childId: child._id,
      schoolId: child.schoolId,
      classId: child.classId,
      parents: input.parents,
      guardian: input.guardian,
      emergency: input.emergency,
      unreachable,
      version: diff.length ? version + 1 : version,
      createdAt: current?.createdAt ?? actor.now,
      updatedAt: diff.length ? actor.now : (current?.updatedAt ?? actor.now),
      updatedBy: diff.length ? actor.openid : (current?.updatedBy ?? actor.openid),
      confirmedAt: actor.now,
      confirmedBy: actor.openid,
    };
    const synced = await syncGuardianAlert(tx, fresh, card, actor);
    raisedId = synced.raisedId;
    await tx.collection(COLLECTION.contactCards).doc(child._id).set(card);
    if (diff.length)
      await tx.collection(COLLECTION.archiveHistory).add(
        historyEntry({
          ...actor,
          schoolId: child.schoolId,
          childId: child._id,
          target: 'contactCard',
          version: card.version,
          changes: diff,
        }),
      );
    const changed = topFields(diff);
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: child.schoolId,
        childId: child._id,
        fields: changed.map((f) => `contactCard.${f}`),
        note: changed.length ? undefined : UNCHANGED_CARD,
      },
    ]);
    return { version: card.version, changed, alert: synced.change };
  });
  await deliverRaised(db, [raisedId], actor.now);
  return result;
}

/**
 * 信息更新: the teacher checked the card with the family and nothing changed. Only the confirmation fields change,
 * and only while the card is still at the version the teacher looked at.
 */
export async function confirmCard(db: Database, child: Child, expectedVersion: number, actor: Actor): Promise<{ confirmedAt: string }> {
  await db.runTransaction(async (tx: Transaction) => {
    const card = docOf<ContactCard>(await tx.collection(COLLECTION.contactCards).doc(child._id).get());
    if (!card) throw new AppError('NOT_FOUND', '还没有联系卡，请先填写');
    if (card.version !== expectedVersion) throw new AppError('CONFLICT', STALE);
    await tx.collection(COLLECTION.contactCards).doc(child._id).update({ confirmedAt: actor.now, confirmedBy: actor.openid });
    await audit(tx, actor, [{ kind: 'change', schoolId: child.schoolId, childId: child._id, fields: ['contactCard.confirmedAt'], note: UNCHANGED_CARD }]);
  });
  return { confirmedAt: actor.now.toISOString() };
}

export { fetchAll } from '../paging';
