/**
 * Invitations: who may invite whom, into which scope; making, listing, revoking and redeeming invite codes. The code
 * is shown once, to the inviter; only its hash is stored. Every change to who may see what is audited with it.
 */
import type { Role } from '../../typings/roles';
import { ROLE_LABELS } from '../../typings/roles';
import type { CreatedInvite, InviteInput, InviteStatus, InviteView } from '../../typings/actions/accounts';
import type { BindingRecord, Child, InviteRecord } from '../../typings/domain';
import type { Database, Transaction } from './cloud';
import type { Target } from './access';
import { AppError, conflict, invalid } from './errors';
import { COLLECTION } from './collections';
import { audit, type AuditActor } from './audit';
import { checkCode, formatCode, generateCode, hashCode } from './codes';
import { docOf } from './archive/store';

export type { InviteRecord };

/** Which roles each inviter role may hand out. */
export const MAY_INVITE: Record<Role, Role[]> = {
  admin: ['admin', 'teacher', 'community', 'township', 'parent', 'guardian', 'student'],
  teacher: ['parent', 'guardian', 'student'],
  parent: [],
  guardian: [],
  student: [],
  community: [],
  township: [],
  // A county admin invites each school's admin (the school's own people are the school's to invite).
  county: ['admin'],
};

export const DEFAULT_INVITE_DAYS = 7;
const DAY_MS = 86400000;

export function inviteStatus(invite: InviteRecord, now: Date): InviteStatus {
  if (invite.revokedAt) return 'revoked';
  if (invite.usedAt) return 'used';
  if (invite.expiresAt.getTime() <= now.getTime()) return 'expired';
  return 'active';
}

export function inviteView(invite: InviteRecord, now: Date): InviteView {
  return {
    id: invite._id,
    role: invite.role,
    label: invite.label,
    classId: invite.classId,
    childId: invite.childId,
    communityId: invite.communityId,
    status: inviteStatus(invite, now),
    createdAt: invite.createdAt.toISOString(),
    expiresAt: invite.expiresAt.toISOString(),
    createdBy: invite.createdBy,
  };
}

/** How the invite names the person: "林小禾的妈妈", "三年级(1)班 吴星辰", "三年级(1)班 班主任". */
async function inviteLabel(db: Database, input: InviteInput, target: Target): Promise<string> {
  const className = target.schoolClass?.name ?? '';
  switch (input.role) {
    case 'parent':
    case 'guardian':
      return `${target.child!.name}的${input.relation}`;
    case 'student': {
      if (!input.childId) return input.label ?? `${className} 学生`;
      // A student invite may name the student's own child record (so wishes come from a known classmate).
      const student = docOf<Child>(await db.collection(COLLECTION.children).doc(input.childId).get());
      if (!student || student.deletedAt || student.classId !== input.classId) throw invalid('该学生不在这个班级', 'childId');
      return input.label ?? `${className} ${student.name}`;
    }
    case 'teacher':
      if (input.classId) return input.label ?? `${className} ${input.title === 'head' ? '班主任' : '教师'}`;
      return input.label ?? ROLE_LABELS.teacher;
    case 'community':
    case 'township': {
      if (input.label) return input.label;
      // "青山村 儿童主任", "青山镇 儿童督导员": the place the role covers, by name.
      const place =
        input.role === 'community' ? db.collection(COLLECTION.communities).doc(input.communityId) : db.collection(COLLECTION.townships).doc(input.townshipId);
      const name = docOf<{ name?: string }>(await place.get())?.name;
      return name ? `${name} ${ROLE_LABELS[input.role]}` : ROLE_LABELS[input.role];
    }
    default:
      return input.label ?? ROLE_LABELS[input.role];
  }
}

/** A new invite into the place the access rule granted (a class, a child, a community or the school). */
export async function createInvite(db: Database, actor: AuditActor, input: InviteInput, target: Target): Promise<CreatedInvite> {
  if (target.schoolClass?.archivedAt) throw conflict('该班级已撤销，不能再邀请');
  const code = generateCode();
  const names = input.role === 'parent' || input.role === 'guardian' || input.role === 'student';
  const record: Omit<InviteRecord, '_id'> = {
    codeHash: hashCode(code),
    role: input.role,
    schoolId: target.schoolId,
    classId: target.classId ?? null,
    childId: names ? (input.childId ?? null) : null,
    communityId: input.role === 'community' ? input.communityId : null,
    townshipId: input.role === 'township' ? input.townshipId : null,
    label: await inviteLabel(db, input, target),
    title: input.role === 'teacher' ? (input.title ?? 'subject') : null,
    createdBy: actor.openid,
    createdAt: actor.now,
    expiresAt: new Date(actor.now.getTime() + (input.expiresInDays ?? DEFAULT_INVITE_DAYS) * DAY_MS),
    usedAt: null,
    usedBy: null,
    revokedAt: null,
  };
  const inviteId = await db.runTransaction(async (tx: Transaction) => {
    const added = await tx.collection(COLLECTION.invites).add(record);
    await audit(tx, actor, [{ kind: 'access', schoolId: record.schoolId, childId: record.childId, fields: [], note: `邀请：${record.label}` }]);
    return added.id as string;
  });
  return { ...inviteView({ _id: inviteId, ...record }, actor.now), code: formatCode(code), scene: `i=${code}` };
}

/** Invites of a whole school or of a class, newest first. */
export async function listInvites(db: Database, where: { schoolId: string } | { classId: string }, now: Date): Promise<InviteView[]> {
  const res = await db.collection(COLLECTION.invites).where(where).orderBy('createdAt', 'desc').limit(200).get();
  return (res.data as InviteRecord[]).map((r) => inviteView(r, now));
}

/** Revoke an unused invite (revoking it again changes nothing). */
export async function revokeInvite(db: Database, actor: AuditActor, invite: InviteRecord): Promise<void> {
  if (invite.usedAt) throw conflict('邀请码已被使用，请改为移除该人员的身份');
  if (invite.revokedAt) return;
  await db.runTransaction(async (tx: Transaction) => {
    await tx.collection(COLLECTION.invites).doc(invite._id).update({ revokedAt: actor.now, revokedBy: actor.openid });
    await audit(tx, actor, [{ kind: 'access', schoolId: invite.schoolId, childId: invite.childId, fields: [], note: `撤销邀请：${invite.label}` }]);
  });
}

/** Whether the invite can still be redeemed: active, its class open, its child still at school. */
async function assertRedeemable(db: Database, invite: InviteRecord, openid: string, now: Date): Promise<void> {
  const status = inviteStatus(invite, now);
  if (status === 'revoked') throw conflict('该邀请码已被撤销，请联系老师重新邀请');
  if (status === 'used') throw conflict('该邀请码已被使用，每个邀请码只能使用一次');
  if (status === 'expired') throw new AppError('EXPIRED', '该邀请码已过期，请联系老师重新邀请');
  const [cls, child, same] = await Promise.all([
    invite.classId ? db.collection(COLLECTION.classes).doc(invite.classId).get() : null,
    invite.childId ? db.collection(COLLECTION.children).doc(invite.childId).get() : null,
    db
      .collection(COLLECTION.bindings)
      .where({
        openid,
        role: invite.role,
        schoolId: invite.schoolId,
        classId: invite.classId,
        childId: invite.childId,
        communityId: invite.communityId,
        townshipId: invite.townshipId ?? null,
        revokedAt: null,
      })
      .limit(1)
      .get(),
  ]);
  if (cls && docOf<{ archivedAt?: Date | null }>(cls)?.archivedAt) throw conflict('该班级已撤销，邀请码失效');
  const student = child ? docOf<Child>(child) : null;
  if (child && (!student || student.deletedAt)) throw conflict('该儿童信息已不存在，邀请码失效');
  if (same.data.length) throw conflict('您已拥有该身份，无需重复绑定');
}

/**
 * Redeem an invite code: binds the caller's OPENID to the invite's role and scope. Single use (checked again inside
 * the transaction that binds), expiring, refused for a closed class; wrong codes count toward the caller's lockout.
 */
export async function redeemInvite(db: Database, by: Omit<AuditActor, 'role'>, code: string): Promise<{ bindingId: string; role: Role; label: string }> {
  const { openid, now } = by;
  const invite = await checkCode(db, openid, now, '邀请码不正确', async () => {
    const found = await db
      .collection(COLLECTION.invites)
      .where({ codeHash: hashCode(code) })
      .limit(1)
      .get();
    return found.data[0] as InviteRecord | undefined;
  });
  await assertRedeemable(db, invite, openid, now);
  // The entry is written under the role the caller now holds.
  const actor: AuditActor = { openid, now, action: by.action, role: invite.role };
  return db.runTransaction(async (tx: Transaction) => {
    const fresh = docOf<InviteRecord>(await tx.collection(COLLECTION.invites).doc(invite._id).get());
    if (!fresh || fresh.usedAt || fresh.revokedAt) throw conflict('该邀请码已被使用，每个邀请码只能使用一次');
    await tx.collection(COLLECTION.invites).doc(invite._id).update({ usedAt: now, usedBy: openid });
    const binding: Omit<BindingRecord, '_id' | 'title'> & { title: string | null; inviteId: string } = {
      openid,
      role: invite.role,
      schoolId: invite.schoolId,
      classId: invite.classId,
      childId: invite.childId,
      communityId: invite.communityId,
      townshipId: invite.townshipId ?? null,
      label: invite.label,
      title: invite.title ?? null,
      inviteId: invite._id,
      createdAt: now,
      revokedAt: null,
    };
    const added = await tx.collection(COLLECTION.bindings).add(binding);
    await audit(tx, actor, [{ kind: 'access', schoolId: invite.schoolId, childId: invite.childId, fields: [], note: `使用邀请码：${invite.label}` }]);
    return { bindingId: added.id as string, role: invite.role, label: invite.label };
  });
}
