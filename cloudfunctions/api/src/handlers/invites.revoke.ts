import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { revokeInvite } from '../../../core/invites';

/** Revoke an unused invite: the admin of its school, or a teacher of its class/child. */
export default defineHandler('invites.revoke', {
  input: z.object({ inviteId: id('邀请ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { invite: 'inviteId' }, check: 'mayManageRole' },
  async run(ctx) {
    await revokeInvite(ctx.db, actorOf(ctx), ctx.grant.record);
    return { revoked: true as const };
  },
});
