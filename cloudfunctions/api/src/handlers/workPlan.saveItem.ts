import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { itemFields } from '../../../core/workPlan/input';
import { saveItem } from '../../../core/workPlan/plan';

/** Add an item to the plan (no itemId) or change one: month of the term, title, owner, status, evidence. */
export default defineHandler('workPlan.saveItem', {
  input: z.object({ planId: id('工作计划ID'), itemId: id('事项ID').optional(), ...itemFields }).strict(),
  access: { roles: ['admin'], scope: { workPlan: 'planId' } },
  run: (ctx, input) => saveItem({ db: ctx.db, actor: actorOf(ctx) }, ctx.grant.record, input),
});
