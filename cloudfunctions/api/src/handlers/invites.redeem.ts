import { z } from 'zod';
import { defineHandler } from '../handler';
import type { Transaction } from '../../../core/cloud';
import { text } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { assertNotLocked, failWrongCode, hashCode } from '../../../core/codes';
import { inviteStatus, type InviteRecord } from '../../../core/invites';
import type { Role } from '../../../../typings/roles';

/**
 * Redeem an invite code: binds the caller's OPENID (from the cloud context) to the invite's role and scope.
 * Single use (checked again inside the transaction), expiring, refused for a closed class; wrong codes count
 * toward a lockout of the caller.
 */
export default defineHandler('invites.redeem', {
  input: z.object({ code: text('邀请码', 20) }).strict(),
  access: { anyone: true },
  async run(ctx, input) {
    await assertNotLocked(ctx.db, ctx.openid, ctx.now);
    const found = await ctx.db.collection('invites').where({ codeHash: hashCode(input.code) }).limit(1).get();
    const invite = found.data[0] as InviteRecord | undefined;
    if (!invite) return failWrongCode(ctx.db, ctx.openid, ctx.now, '邀请码不正确');
    const status = inviteStatus(invite, ctx.now);
    if (status === 'revoked') throw new AppError('CONFLICT', '该邀请码已被撤销，请联系老师重新邀请');
    if (status === 'used') throw new AppError('CONFLICT', '该邀请码已被使用，每个邀请码只能使用一次');
    if (status === 'expired') throw new AppError('EXPIRED', '该邀请码已过期，请联系老师重新邀请');

    const [cls, child, same] = await Promise.all([
      invite.classId ? ctx.db.collection('classes').doc(invite.classId).get() : null,
      invite.childId ? ctx.db.collection('children').doc(invite.childId).get() : null,
      ctx.db
        .collection('bindings')
        .where({ openid: ctx.openid, role: invite.role, schoolId: invite.schoolId, classId: invite.classId, childId: invite.childId, communityId: invite.communityId, revokedAt: null })
        .limit(1)
        .get(),
    ]);
    if ((cls?.data[0] as { archivedAt?: Date | null } | undefined)?.archivedAt) throw new AppError('CONFLICT', '该班级已撤销，邀请码失效');
    if (child && (!child.data[0] || (child.data[0] as { deletedAt?: Date | null }).deletedAt)) throw new AppError('CONFLICT', '该儿童信息已不存在，邀请码失效');
    if (same.data.length) throw new AppError('CONFLICT', '您已拥有该身份，无需重复绑定');

    return ctx.db.runTransaction(async (tx: Transaction) => {
      const fresh = (await tx.collection('invites').doc(invite._id).get()).data as InviteRecord | null;
      if (!fresh || fresh.usedAt || fresh.revokedAt) throw new AppError('CONFLICT', '该邀请码已被使用，每个邀请码只能使用一次');
      await tx.collection('invites').doc(invite._id).update({ usedAt: ctx.now, usedBy: ctx.openid });
      const binding = {
        openid: ctx.openid,
        role: invite.role,
        schoolId: invite.schoolId,
        classId: invite.classId,
        childId: invite.childId,
        communityId: invite.communityId,
        label: invite.label,
        title: invite.title ?? null,
        inviteId: invite._id,
        createdAt: ctx.now,
        revokedAt: null,
      };
      const added = await tx.collection('bindings').add(binding);
      return { bindingId: added.id as string, role: invite.role as Role, label: invite.label };
    });
  },
});
