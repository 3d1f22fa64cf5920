import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { term } from '../../../core/workPlan/input';
import { createPlan } from '../../../core/workPlan/plan';

/** A term's plan from the template (the seed schedule for a spring term, its autumn equivalent); once per term. */
export default defineHandler('workPlan.create', {
  input: z.object({ schoolId: id('学校ID').optional(), term: term() }).strict(),
  access: { roles: ['admin'], scope: { school: 'schoolId', mine: true } },
  run: (ctx, input) => createPlan({ db: ctx.db, actor: actorOf(ctx) }, ctx.grant.target!.schoolId, input.term),
});
