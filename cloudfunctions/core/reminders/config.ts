/**
 * Deployment settings of the reminder engine: which WeChat template carries each logical template (id, key
 * mapping, one-time or long-term), quiet hours per role, and the mini-program state the messages open.
 *
 * Read from the `settings` document `reminders` (written by the admin action reminders.configure, shared by the
 * api and scheduler functions); where it says nothing, from the function's environment variables
 * REMINDER_TEMPLATES / REMINDER_QUIET_HOURS / REMINDER_MINIPROGRAM_STATE (JSON, config.json envVariables);
 * then the defaults: no template (inbox only), parents and guardians quiet 22:00-07:00.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../../../typings/roles';
import { roleEnum } from '../validate';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import type { ReminderSettingsView } from '../../../typings/actions/reminders';
import { TEMPLATE_CATALOG, TEMPLATE_KEYS, WX_KEY, subscriptionUse, type TemplateKey } from './templates';

export const SETTINGS_DOC = 'reminders';

const clock = z.string({ error: '时间必须是文字，例如 22:00' }).regex(/^([01]\d|2[0-3]):[0-5]\d$/, '时间格式应为 HH:mm，例如 22:00');

export const quietWindowSchema = z
  .object({ start: clock, end: clock })
  .strict()
  .refine((w) => w.start !== w.end, '免打扰的开始和结束时间不能相同');

export const templateSettingSchema = z
  .object({
    id: z
      .string({ error: '模板 ID 必须是文字' })
      .trim()
      .min(1, '请填写模板 ID')
      .max(128, '模板 ID 过长')
      .regex(/^[A-Za-z0-9_-]+$/, '模板 ID 格式不正确'),
    fields: z
      .record(
        z.string().regex(WX_KEY, '模板字段应形如 thing1、time2、name3'),
        z.string({ error: '字段映射必须是文字' }).min(1, '字段映射不能为空').max(32, '字段映射过长'),
        { error: '模板字段映射格式不正确' },
      )
      .refine((m) => Object.keys(m).length > 0 && Object.keys(m).length <= 10, '模板字段应为 1 到 10 个'),
    longTerm: z.boolean({ error: 'longTerm 必须是布尔值' }).optional(),
  })
  .strict();

const templatesSchema = z.partialRecord(
  z.enum(TEMPLATE_KEYS as [TemplateKey, ...TemplateKey[]], { error: `模板只能是 ${TEMPLATE_KEYS.join('、')}` }),
  templateSettingSchema.nullable(),
  {
    error: '模板设置格式不正确',
  },
);
const quietSchema = z.partialRecord(roleEnum, quietWindowSchema.nullable(), {
  error: '免打扰设置格式不正确',
});
const stateSchema = z.enum(['developer', 'trial', 'formal'], { error: '小程序版本只能是 developer、trial 或 formal' });

export const reminderSettingsSchema = z
  .object({ templates: templatesSchema.optional(), quietHours: quietSchema.optional(), miniprogramState: stateSchema.optional() })
  .strict()
  .superRefine((s, ctx) => {
    // Every mapped logical field must be one the template's reminders carry.
    for (const [key, t] of Object.entries(s.templates ?? {})) {
      if (!t) continue;
      const known = TEMPLATE_CATALOG[key as TemplateKey].fields;
      for (const [wxKey, logical] of Object.entries(t.fields)) {
        if (!(logical in known))
          ctx.addIssue({
            code: 'custom',
            path: ['templates', key, 'fields', wxKey],
            message: `「${TEMPLATE_CATALOG[key as TemplateKey].title}」没有字段 ${logical}，可用：${Object.keys(known).join('、')}`,
          });
      }
    }
  });

export type ReminderSettings = z.infer<typeof reminderSettingsSchema>;
export type TemplateSetting = z.infer<typeof templateSettingSchema>;
export type QuietWindow = { start: string; end: string };

export interface ReminderConfig {
  templates: Partial<Record<TemplateKey, TemplateSetting>>;
  quietHours: Partial<Record<Role, QuietWindow>>;
  miniprogramState: 'developer' | 'trial' | 'formal';
}

export const DEFAULT_QUIET_HOURS: Partial<Record<Role, QuietWindow>> = {
  parent: { start: '22:00', end: '07:00' },
  guardian: { start: '22:00', end: '07:00' },
};

function parseEnvJson<T>(name: string, text: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!text) return undefined;
  try {
    const parsed = schema.safeParse(JSON.parse(text));
    if (parsed.success) return parsed.data;
    console.error(`[reminders] ignoring ${name}: ${parsed.error.issues[0]?.message}`);
  } catch {
    console.error(`[reminders] ignoring ${name}: not JSON`);
  }
  return undefined;
}

/** Combine stored settings, environment and defaults (later sources only fill what earlier ones leave out). */
export function resolveConfig(stored: ReminderSettings | null, setting: (name: string) => string | undefined = () => undefined): ReminderConfig {
  const envTemplates = parseEnvJson('REMINDER_TEMPLATES', setting('REMINDER_TEMPLATES'), templatesSchema) ?? {};
  const envQuiet = parseEnvJson('REMINDER_QUIET_HOURS', setting('REMINDER_QUIET_HOURS'), quietSchema) ?? {};
  const envState = stateSchema.safeParse(setting('REMINDER_MINIPROGRAM_STATE')).data;

  const templates: ReminderConfig['templates'] = {};
  for (const key of TEMPLATE_KEYS) {
    // null in the stored settings means "switched off" and beats the environment.
    const chosen = stored?.templates && key in stored.templates ? stored.templates[key] : envTemplates[key];
    if (chosen) templates[key] = chosen;
  }
  const quietHours: ReminderConfig['quietHours'] = {};
  for (const role of ROLES) {
    const layers = [stored?.quietHours, envQuiet];
    const layer = layers.find((l) => l && role in l);
    const window = layer ? layer[role] : DEFAULT_QUIET_HOURS[role];
    if (window) quietHours[role] = window;
  }
  return { templates, quietHours, miniprogramState: stored?.miniprogramState ?? envState ?? 'formal' };
}

/** The stored settings document, or null (a malformed one is ignored with a log line rather than stopping delivery). */
export async function loadStoredSettings(db: Database): Promise<ReminderSettings | null> {
  const res = await db.collection(COLLECTION.settings).doc(SETTINGS_DOC).get();
  const doc = res.data[0] as (ReminderSettings & { _id?: string; updatedAt?: unknown; updatedBy?: unknown }) | undefined;
  if (!doc) return null;
  const { templates, quietHours, miniprogramState } = doc;
  const parsed = reminderSettingsSchema.safeParse({ templates, quietHours, miniprogramState });
  if (!parsed.success) {
    console.error('[reminders] ignoring settings/reminders:', parsed.error.issues[0]?.message);
    return null;
  }
  return parsed.data;
}

export async function loadConfig(db: Database, setting?: (name: string) => string | undefined): Promise<ReminderConfig> {
  return resolveConfig(await loadStoredSettings(db), setting);
}

/** The settings as the admin's screen shows them: every template with its fields and what is in force. */
export function settingsView(config: ReminderConfig): ReminderSettingsView {
  return {
    templates: TEMPLATE_KEYS.map((key) => ({
      key,
      title: TEMPLATE_CATALOG[key].title,
      fields: TEMPLATE_CATALOG[key].fields,
      setting: config.templates[key] ?? null,
    })),
    quietHours: config.quietHours,
    miniprogramState: config.miniprogramState,
    subscriptionUse: subscriptionUse(),
  };
}

/**
 * The admin changes the settings: what the input names replaces the stored value; the rest stays (a value never set
 * keeps coming from the function's environment). Answers the settings now in force.
 */
export async function saveSettings(
  db: Database,
  input: ReminderSettings,
  by: { openid: string; now: Date },
  setting: (name: string) => string | undefined,
): Promise<ReminderSettingsView> {
  const stored = (await loadStoredSettings(db)) ?? {};
  const miniprogramState = input.miniprogramState ?? stored.miniprogramState;
  const next: ReminderSettings = {
    templates: { ...(stored.templates ?? {}), ...(input.templates ?? {}) },
    quietHours: { ...(stored.quietHours ?? {}), ...(input.quietHours ?? {}) },
    ...(miniprogramState ? { miniprogramState } : {}),
  };
  await db
    .collection(COLLECTION.settings)
    .doc(SETTINGS_DOC)
    .set({ ...next, updatedAt: by.now, updatedBy: by.openid });
  return settingsView(resolveConfig(next, setting));
}
