import { defineHandler } from '../handler';
import { noInput } from '../../../core/validate';
import { loadStoredSettings, resolveConfig, settingsView } from '../../../core/reminders/config';
import type { ReminderSettingsView } from '../../../../typings/actions/reminders';

/** The reminder settings in force (stored, else the function's environment, else the defaults), read only. */
export default defineHandler('reminders.settings', {
  input: noInput(),
  access: { roles: ['admin'], scope: 'deployment' },
  async run(ctx): Promise<ReminderSettingsView> {
    return settingsView(resolveConfig(await loadStoredSettings(ctx.db), ctx.setting));
  },
});
