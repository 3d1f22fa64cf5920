import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { revokeBinding } from '../../../core/people';

/**
 * Remove someone's role: an admin in their school (never the last admin), a teacher for the families and students of
 * their class. A mentor's pairings end with their role.
 */
export default defineHandler('people.revoke', {
  input: z.object({ bindingId: id('身份ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { binding: 'bindingId' }, check: 'mayManageRole' },
  async run(ctx) {
    await revokeBinding(ctx.db, { ...actorOf(ctx), label: ctx.grant.binding.label }, ctx.grant.record);
    return { revoked: true as const };
  },
});
