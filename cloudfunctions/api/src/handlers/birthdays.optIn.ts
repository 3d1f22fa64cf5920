import { z } from 'zod';
import { defineHandler } from '../handler';
import { actorOf } from '../../../core/audit';
import { chooseForStudent } from '../../../core/birthdays/choices';

/** A student asks to be reminded the day before every classmate's birthday (or no longer). */
export default defineHandler('birthdays.optIn', {
  input: z.object({ on: z.boolean({ error: '请选择是否接收同学生日提醒' }) }).strict(),
  access: { roles: ['student'], scope: 'own' },
  async run(ctx, input) {
    return { on: await chooseForStudent(ctx.db, ctx.grant.binding, input.on, actorOf(ctx)) };
  },
});
