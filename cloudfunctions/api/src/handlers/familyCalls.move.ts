import { z } from 'zod';
import { defineHandler } from '../handler';
import { day, id } from '../../../core/validate';
import { moveCall } from '../../../core/familyCalls/changes';
import { callMinutes, quarterClock, weekday } from '../../../core/familyCalls/input';

const common = {
  callId: id('通话ID'),
  time: quarterClock('新的开始时间'),
  minutes: callMinutes().optional(),
  deviceId: id('设备ID').optional(),
};

/**
 * Move a call (scope 'one': to another day and time) or this and every following call of its series (scope
 * 'following': to another weekday and time, each in its own week). Calls keep their ids, so nothing is duplicated;
 * each new time is checked like a booking. A moved call waits for the parents to confirm again; their pending
 * reminders are withdrawn and they are told.
 */
export default defineHandler('familyCalls.move', {
  input: z.discriminatedUnion(
    'scope',
    [
      z.object({ ...common, scope: z.literal('one'), date: day('新的日期') }).strict(),
      z.object({ ...common, scope: z.literal('following'), weekday: weekday() }).strict(),
    ],
    { error: '请选择只改这一次，还是这次及以后' },
  ),
  access: { roles: ['admin', 'teacher'], scope: { call: 'callId' } },
  run: (ctx, input) => moveCall(ctx, ctx.grant.record, input),
});
