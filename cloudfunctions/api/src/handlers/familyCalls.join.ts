import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { joinCall } from '../../../core/familyCalls/screens';

/**
 * Start the call: how to make it (in-app VoIP where the account qualifies, else steps for a WeChat video call
 * from the room's device). For the teacher it also records the check-in time (first one counts), from 30 minutes
 * before the call to an hour after its end.
 */
export default defineHandler('familyCalls.join', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian'], scope: { call: 'callId' }, check: 'invitedToCall' },
  run: (ctx) => joinCall(ctx, ctx.grant.record, ctx.grant.role),
});
