/**
 * The moderation cards and corner works share: WeChat's content check on the writer's words (risky: refused kindly,
 * nothing stored; review: waits for the teacher), the class's rule (every text waits for the teacher, or only those
 * WeChat flags), who signs a text, and the teacher's decision on one.
 */
import type { Child } from '../../../typings/domain';
import type { Role } from '../../../typings/roles';
import type { Decision, ModerationStatus } from '../../../typings/actions/birthdays';
import type { CloudApp, Database, Transaction } from '../cloud';
import type { Grant } from '../access';
import { AppError, conflict } from '../errors';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { checkText, refusedText } from '../contentCheck';
import { docOf } from '../archive/store';
import { givenName } from '../birthdays/names';
import type { Signer, WishSettingsRecord } from './records';

/**
 * What a new text is stored as: risky is refused here, before anything is written; flagged waits for the teacher;
 * the rest shows at once, unless its class wants to see every student's text first (a teacher's own shows at once).
 */
export async function moderate(
  app: CloudApp,
  writer: { openid: string; role: Role },
  content: string,
  approvalRequired: boolean,
): Promise<{ status: ModerationStatus; flagged: boolean }> {
  const verdict = await checkText(app, { openid: writer.openid, scene: 'comment', content });
  if (verdict === 'risky') throw refusedText();
  const flagged = verdict === 'review';
  return { status: flagged || (approvalRequired && writer.role === 'student') ? 'pending' : 'approved', flagged };
}

export async function approvalRequired(db: Database, classId: string): Promise<boolean> {
  const setting = docOf<WishSettingsRecord>(await db.collection(COLLECTION.wishSettings).doc(classId).get());
  return setting?.approvalRequired ?? false;
}

/** The teacher's rule for the class: every student's card and work waits for them, or only what WeChat flags. Audited with it. */
export async function saveApprovalRule(db: Database, target: { schoolId: string; classId: string }, on: boolean, actor: AuditActor): Promise<boolean> {
  await db.runTransaction(async (tx: Transaction) => {
    const record: Omit<WishSettingsRecord, '_id'> = { ...target, approvalRequired: on, updatedAt: actor.now, updatedBy: actor.openid };
    await tx.collection(COLLECTION.wishSettings).doc(target.classId).set(record);
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: target.schoolId,
        childId: null,
        fields: ['wishSettings.approvalRequired'],
        note: on ? '贺卡与作品须老师看过' : '贺卡与作品通过检查即展示',
      },
    ]);
  });
  return on;
}

/**
 * How a text is signed: a student by their given name (星辰同学), the class's shared account for the whole class
 * (三年级(1)班全体同学), a teacher by their part (班主任, 帮扶老师, 老师), the school's leaders as 学校.
 */
export async function signerOf(db: Database, grant: Grant, className: string): Promise<Signer> {
  const b = grant.binding;
  let label = '学校';
  if (grant.role === 'student' && b.childId) {
    const me = docOf<Child>(await db.collection(COLLECTION.children).doc(b.childId).field({ name: true, deletedAt: true }).get());
    label = me && !me.deletedAt ? `${givenName(me.name)}同学` : '同学';
  } else if (grant.role === 'student') label = `${className}全体同学`;
  else if (grant.role === 'teacher') label = b.childId ? '帮扶老师' : b.title === 'head' ? '班主任' : '老师';
  return { openid: b.openid, bindingId: b._id, role: grant.role, label };
}

const NEXT: Record<Decision, ModerationStatus> = { approve: 'approved', reject: 'rejected' };

/**
 * The teacher's decision on a card or work: approve (the child, family or class see it) or reject (only its writer
 * sees it), also on one already decided (a card taken down). The same decision twice is refused; audited with it.
 */
export async function decide(
  db: Database,
  collection: typeof COLLECTION.wishes | typeof COLLECTION.cornerWorks,
  id: string,
  decision: Decision,
  actor: AuditActor,
  what: { label: string; childId: string | null; onReject?: Record<string, unknown> },
): Promise<ModerationStatus> {
  const status = NEXT[decision];
  await db.runTransaction(async (tx: Transaction) => {
    const record = docOf<{ status: ModerationStatus; schoolId: string }>(await tx.collection(collection).doc(id).get());
    if (!record) throw new AppError('NOT_FOUND', `没有这${what.label}`);
    if (record.status === status) throw conflict(`这${what.label}已经${decision === 'approve' ? '通过' : '撤下'}了`);
    const also = decision === 'reject' ? (what.onReject ?? {}) : {};
    await tx
      .collection(collection)
      .doc(id)
      .update({ status, reviewedAt: actor.now, reviewedBy: actor.openid, updatedAt: actor.now, ...also });
    await audit(tx, actor, [
      {
        kind: 'change',
        schoolId: record.schoolId,
        childId: what.childId,
        fields: [`${collection}.status`],
        note: `${decision === 'approve' ? '通过' : '撤下'}${what.label}`,
      },
    ]);
  });
  return status;
}
