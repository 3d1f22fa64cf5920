import { z } from 'zod';
import { defineHandler } from '../handler';
import { actorOf } from '../../../core/audit';
import { studentHome } from '../../../core/birthdays/screens';

/**
 * A student's home (one call): my hand-in-hand buddy and their birthday, my class's birthdays (given names and class
 * only), the cards I sent, the class corner, whether I am reminded of every classmate's birthday.
 */
export default defineHandler('birthdays.home', {
  input: z.object({}).strict(),
  access: { roles: ['student'], scope: 'own' },
  run: (ctx) => studentHome(ctx.db, ctx.grant, ctx.openid, ctx.now, actorOf(ctx)),
});
