import { defineHandler } from '../handler';
import { noInput } from '../../../core/validate';
import { loadConfig } from '../../../core/reminders/config';
import { myReminders } from '../../../core/reminders/views';
import type { MyReminders } from '../../../../typings/actions/reminders';

/** 提醒设置: the templates I may subscribe to with the sends I have left, my quiet hours, my latest reminders. */
export default defineHandler('reminders.mine', {
  input: noInput(),
  access: { anyone: true },
  async run(ctx): Promise<MyReminders> {
    const config = await loadConfig(ctx.db, ctx.setting);
    return myReminders(
      ctx.db,
      ctx.openid,
      ctx.principal.bindings.map((b) => b.role),
      config,
      ctx.now,
    );
  },
});
