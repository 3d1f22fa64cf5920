import { z } from 'zod';
import { defineHandler } from '../handler';
import { month } from '../../../core/talks/input';
import { monthRound, ownScope } from '../../../core/talks/month';
import { monthOf } from '../../../core/talks/round';
import { viewerOf } from '../../../core/talks/writer';

/**
 * The teacher's own talk round (the page the monthly reminders open): the children they mentor (帮扶对象) and the
 * left-behind children of the classes they teach, with this month's status, last talk and open follow-ups. Found
 * from the caller's bindings only.
 */
export default defineHandler('talks.mine', {
  input: z.object({ month: month().optional() }).strict(),
  access: { roles: ['teacher'], scope: 'own' },
  run: (ctx, input) => monthRound(ctx.db, ownScope(ctx.principal), monthOf(input.month, ctx.now), viewerOf(ctx), ctx.now),
});
