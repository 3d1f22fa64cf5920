import { defineHandler } from '../handler';
import { reminderSettingsSchema, saveSettings } from '../../../core/reminders/config';

/**
 * The deployment's reminder settings (admin): WeChat template ids with their key mapping, quiet hours per role,
 * the mini-program state messages open. What the input names replaces the stored value; the rest stays.
 */
export default defineHandler('reminders.configure', {
  input: reminderSettingsSchema,
  access: { roles: ['admin'], scope: 'deployment' },
  run: (ctx, input) => saveSettings(ctx.db, input, ctx, ctx.setting),
});
