import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { AppError } from '../../../core/errors';

/** Revoke an unused invite: the admin of its school, or a teacher of its class/child. */
export default defineHandler('invites.revoke', {
  input: z.object({ inviteId: id('邀请ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { invite: 'inviteId' }, check: 'mayManageRole' },
  async run(ctx, input) {
    const invite = ctx.grant.record;
    if (invite.usedAt) throw new AppError('CONFLICT', '邀请码已被使用，请改为移除该人员的身份');
    if (invite.revokedAt) return { revoked: true as const };
    await ctx.db.collection('invites').doc(input.inviteId).update({ revokedAt: ctx.now, revokedBy: ctx.openid });
    return { revoked: true as const };
  },
});
