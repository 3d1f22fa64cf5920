import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { removeItem } from '../../../core/workPlan/plan';

export default defineHandler('workPlan.removeItem', {
  input: z.object({ planId: id('工作计划ID'), itemId: id('事项ID') }).strict(),
  access: { roles: ['admin'], scope: { workPlan: 'planId' } },
  run: (ctx, input) => removeItem({ db: ctx.db, actor: actorOf(ctx) }, ctx.grant.record._id, input.itemId),
});
