import { z } from 'zod';
import { defineHandler } from '../handler';
import { id, text } from '../../../core/validate';
import { inviteQrCode } from '../../../core/parent/joinCode';

/** The mini-program code of an invite just made: scanning it opens the bind page with the code filled in. */
export default defineHandler('invites.qrcode', {
  input: z.object({ inviteId: id('邀请ID'), code: text('邀请码', 20) }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { invite: 'inviteId' }, check: 'mayManageRole' },
  run: (ctx, input) => inviteQrCode(ctx.app, ctx.grant.record, input.code, ctx.now),
});
