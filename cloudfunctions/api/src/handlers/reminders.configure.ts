import { defineHandler } from '../handler';
import { SETTINGS_DOC, loadStoredSettings, reminderSettingsSchema, resolveConfig, settingsView } from '../../../core/reminders/config';
import type { ReminderSettingsView } from '../../../../typings/actions/reminders';

/**
 * The deployment's reminder settings (admin): WeChat template ids with their key mapping, quiet hours per role,
 * the mini-program state messages open. What the input names replaces the stored value; the rest stays (a value
 * never set keeps coming from the function's environment).
 */
export default defineHandler('reminders.configure', {
  input: reminderSettingsSchema,
  access: { roles: ['admin'], scope: 'deployment' },
  async run(ctx, input): Promise<ReminderSettingsView> {
    const stored = (await loadStoredSettings(ctx.db)) ?? {};
    const next = {
      templates: { ...(stored.templates ?? {}), ...(input.templates ?? {}) },
      quietHours: { ...(stored.quietHours ?? {}), ...(input.quietHours ?? {}) },
      ...((input.miniprogramState ?? stored.miniprogramState) ? { miniprogramState: input.miniprogramState ?? stored.miniprogramState } : {}),
    };
    await ctx.db.collection('settings').doc(SETTINGS_DOC).set({ ...next, updatedAt: ctx.now, updatedBy: ctx.openid });
    return settingsView(resolveConfig(next, ctx.setting));
  },
});
