import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { getPlan } from '../../../core/talks/plans';
import { actorOf } from '../../../core/audit';

/** One individual education plan with its reviews (staff of the child). Audited. */
export default defineHandler('plans.get', {
  input: z.object({ planId: id('方案ID') }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { plan: 'planId' } },
  run: (ctx) => getPlan(ctx.db, ctx.grant.record, actorOf(ctx)),
});
