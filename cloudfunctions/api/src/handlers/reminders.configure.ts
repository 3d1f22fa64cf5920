import { defineHandler } from '../handler';
import { SETTINGS_DOC, loadStoredSettings, reminderSettingsSchema, resolveConfig } from '../../../core/reminders/config';
import { TEMPLATE_CATALOG, TEMPLATE_KEYS } from '../../../core/reminders/templates';
import type { ReminderSettingsView } from '../../../../typings/actions/reminders';

/**
 * The deployment's reminder settings (admin): WeChat template ids with their key mapping, quiet hours per role,
 * the mini-program state messages open. What the input names replaces the stored value; the rest stays.
 */
export default defineHandler({
  action: 'reminders.configure',
  input: reminderSettingsSchema,
  access: { roles: ['admin'], scope: 'none' },
  async run(ctx, input): Promise<ReminderSettingsView> {
    const stored = (await loadStoredSettings(ctx.db)) ?? {};
    const next = {
      templates: { ...(stored.templates ?? {}), ...(input.templates ?? {}) },
      quietHours: { ...(stored.quietHours ?? {}), ...(input.quietHours ?? {}) },
      miniprogramState: input.miniprogramState ?? stored.miniprogramState ?? 'formal',
    };
    await ctx.db.collection('settings').doc(SETTINGS_DOC).set({ ...next, updatedAt: ctx.now, updatedBy: ctx.openid });
    const config = resolveConfig(next, ctx.setting);
    return {
      templates: TEMPLATE_KEYS.map((key) => ({ key, title: TEMPLATE_CATALOG[key].title, fields: TEMPLATE_CATALOG[key].fields, setting: config.templates[key] ?? null })),
      quietHours: config.quietHours,
      miniprogramState: config.miniprogramState,
    };
  },
});
