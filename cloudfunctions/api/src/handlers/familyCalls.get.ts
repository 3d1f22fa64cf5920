import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { callDetail } from '../../../core/familyCalls/screens';

/**
 * One call: for the teacher's record/move screen (with the devices to move to and how many calls follow it in the
 * series) and for the parent's detail (confirm, ask to move); with how the call is made (CallProvider).
 */
export default defineHandler('familyCalls.get', {
  input: z.object({ callId: id('通话ID') }).strict(),
  access: { roles: ['admin', 'teacher', 'parent', 'guardian'], scope: { call: 'callId' } },
  run: (ctx) => callDetail(ctx, ctx.grant.record, ctx.grant.role),
});
