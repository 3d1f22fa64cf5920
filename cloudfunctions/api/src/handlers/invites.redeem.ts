import { z } from 'zod';
import { defineHandler } from '../handler';
import { text } from '../../../core/validate';
import { redeemInvite } from '../../../core/invites';

/** Redeem an invite code: binds the caller's OPENID (from the cloud context) to the invite's role and scope. */
export default defineHandler('invites.redeem', {
  input: z.object({ code: text('邀请码', 20) }).strict(),
  access: { anyone: true },
  run: (ctx, input) => redeemInvite(ctx.db, ctx, input.code),
});
