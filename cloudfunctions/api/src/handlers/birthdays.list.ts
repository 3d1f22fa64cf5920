import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { classBirthdays } from '../../../core/birthdays/screens';

/** A class's birthdays this week and this month, for its teacher: who is reminded, cards received and waiting. Audited. */
export default defineHandler('birthdays.list', {
  input: z.object({ classId: id('班级ID').optional() }).strict(),
  access: { roles: ['admin', 'teacher'], scope: { class: 'classId', mine: true } },
  run: (ctx) => classBirthdays(ctx.db, ctx.grant.target!, ctx.now, actorOf(ctx)),
});
