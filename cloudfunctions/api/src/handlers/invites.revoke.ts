import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';
import { grantFor } from '../../../core/access';
import { MAY_INVITE, type InviteRecord } from '../../../core/invites';

/** Revoke an unused invite: the admin of its school, or a teacher of its class/child. */
export default defineHandler({
  action: 'invites.revoke',
  input: z.object({ inviteId: id('邀请ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: 'none' },
  async run(ctx, input) {
    const res = await ctx.db.collection('invites').doc(input.inviteId).get();
    const invite = res.data[0] as InviteRecord | undefined;
    if (!invite) throw new AppError('FORBIDDEN', '无权访问该范围的数据');
    const grant = grantFor(ctx.principal, ['admin', 'teacher'], { schoolId: invite.schoolId, classId: invite.classId, childId: invite.childId, communityId: invite.communityId });
    if (!MAY_INVITE[grant.role].includes(invite.role)) throw new AppError('FORBIDDEN', '无权撤销该邀请');
    if (invite.usedAt) throw new AppError('CONFLICT', '邀请码已被使用，请改为移除该人员的身份');
    if (invite.revokedAt) return { revoked: true as const };
    await ctx.db.collection('invites').doc(input.inviteId).update({ revokedAt: ctx.now, revokedBy: ctx.openid });
    return { revoked: true as const };
  },
});
