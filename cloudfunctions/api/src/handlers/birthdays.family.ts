import { z } from 'zod';
import { defineHandler } from '../handler';
import { id } from '../../../core/validate';
import { actorOf } from '../../../core/audit';
import { chooseForChild } from '../../../core/birthdays/choices';

/** The family chooses whether classmates (buddies too) are reminded of their child's birthday; off: only the teacher. */
export default defineHandler('birthdays.family', {
  input: z.object({ childId: id('儿童ID'), classmates: z.boolean({ error: '请选择是否提醒同学' }) }).strict(),
  access: { roles: ['parent', 'guardian'], scope: { child: 'childId' } },
  async run(ctx, input) {
    return { classmates: await chooseForChild(ctx.db, ctx.grant.record, input.classmates, actorOf(ctx)) };
  },
});
