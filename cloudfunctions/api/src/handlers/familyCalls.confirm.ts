import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { confirmCall } from '../../../core/familyCalls/changes';

/**
 * A parent or guardian invited to the call confirms they will take it (a teacher may record a confirmation given
 * by phone). Twice is fine. A parent of the child who is not invited to this call is refused (invitedToCall).
 */
export default defineHandler('familyCalls.confirm', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['parent', 'guardian', 'teacher', 'admin'], scope: { call: 'callId' }, check: 'invitedToCall' },
  run: (ctx) => confirmCall(ctx, ctx.grant.record),
});
