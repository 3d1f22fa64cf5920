/**
 * <reminder-settings>: the admin's reminder settings (reminders.settings when it opens): the subscribe-message
 * templates (template id and which WeChat key carries which field), each role's quiet hours, and which version of
 * the mini-program a message opens. Each save sends only the item changed (reminders.configure) and shows every
 * setting the server answers with.
 */
import type { Role } from '../../../../../typings/roles';
import type { ReminderSettingsInput, ReminderSettingsView, ReminderTemplateKey } from '../../../../../typings/actions/reminders';
import { call, errorMessage } from '../../../../services/api';
import { instanceState } from '../../../../services/instance';
import { ROLE_LABELS, ROLE_ORDER } from '../../../../services/roles';
import { TEMPLATE_SPECS, TEMPLATE_TITLE } from '../../services/templates';

type AppState = ReminderSettingsView['miniprogramState'];

const APP_STATES: { label: string; value: AppState }[] = [
  { label: '正式版', value: 'formal' },
  { label: '体验版', value: 'trial' },
  { label: '开发版', value: 'developer' },
];

interface SettingsRows {
  templates: { key: string; title: string; text: string; mapping: string }[];
  /** 家长 22:00–次日 07:00；监护人 … (only the roles that have quiet hours) */
  quietText: string;
  appState: string;
  /** which reminders may spend a one-time subscription, in one sentence */
  subscriptionUse: string;
}

interface TemplateForm {
  key: ReminderTemplateKey;
  id: string;
  /** WeChat key (thing1, time2…) per logical field, as typed */
  fields: { key: string; label: string; wxKey: string }[];
  longTerm: boolean;
}

function windowText(w: { start: string; end: string } | undefined): string {
  if (!w) return '不设免打扰';
  return w.end <= w.start ? `${w.start}–次日 ${w.end}` : `${w.start}–${w.end}`;
}

function settingsRows(view: ReminderSettingsView): SettingsRows {
  return {
    templates: view.templates.map((t) => ({
      key: t.key,
      title: t.title,
      text: t.setting ? `模板 ID：${t.setting.id}（${t.setting.longTerm ? '长期订阅' : '一次性订阅'}）` : '未设置，只在消息中心提醒',
      mapping: t.setting
        ? Object.entries(t.setting.fields)
            .map(([wxKey, logical]) => `${wxKey}→${t.fields[logical] ?? logical}`)
            .join('、')
        : '',
    })),
    quietText:
      ROLE_ORDER.filter((role) => view.quietHours[role])
        .map((role) => `${ROLE_LABELS[role]} ${windowText(view.quietHours[role])}`)
        .join('；') || '各身份都不设免打扰',
    appState: APP_STATES.find((s) => s.value === view.miniprogramState)?.label ?? view.miniprogramState,
    subscriptionUse: view.subscriptionUse.note,
  };
}

/** The form for a template, filled from the settings when they are known. */
function templateForm(key: ReminderTemplateKey, view: ReminderSettingsView | null): TemplateForm {
  const spec = TEMPLATE_SPECS.find((t) => t.key === key) ?? TEMPLATE_SPECS[0];
  const setting = view?.templates.find((t) => t.key === key)?.setting ?? null;
  const wxKeyOf = (logical: string) => Object.entries(setting?.fields ?? {}).find(([, l]) => l === logical)?.[0] ?? '';
  return {
    key: spec.key,
    id: setting?.id ?? '',
    fields: spec.fields.map((f) => ({ ...f, wxKey: wxKeyOf(f.key) })),
    longTerm: setting?.longTerm ?? false,
  };
}

/** The last settings the server returned. */
const own = instanceState(() => ({ known: null as ReminderSettingsView | null }));

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field?: string; index?: number }>;

Component({
  data: {
    settings: null as SettingsRows | null,
    templateOptions: TEMPLATE_SPECS.map((t) => ({ label: t.title, value: t.key })),
    template: templateForm('schedule', null),
    roleOptions: ROLE_ORDER.map((r) => ({ label: ROLE_LABELS[r], value: r })),
    quiet: { role: 'parent' as Role, start: '22:00', end: '07:00' },
    appStateOptions: APP_STATES,
    appState: '' as '' | AppState,
    saving: '',
    settingsNotice: '',
    settingsError: '',
  },

  lifetimes: {
    attached() {
      this.loadSettings();
    },
  },

  methods: {
    /** The settings in force (the page shows this part when the admin first opens its tab). */
    async loadSettings() {
      this.setData({ settingsError: '' });
      try {
        const view = await call('reminders.settings', {});
        own(this).known = view;
        this.setData({ settings: settingsRows(view), template: templateForm(this.data.template.key, view) });
      } catch (err) {
        this.setData({ settingsError: errorMessage(err) });
      }
    },

    onTemplateKey(e: WechatMiniprogram.CustomEvent<{ value: unknown }>) {
      const key = String(e.detail.value) as ReminderTemplateKey;
      this.setData({ template: templateForm(key, own(this).known), settingsError: '' });
    },

    onTemplateField(e: FieldEvent) {
      const { field, index } = e.currentTarget.dataset;
      if (field === 'id') this.setData({ 'template.id': String(e.detail.value ?? '') });
      else if (field === 'longTerm') this.setData({ 'template.longTerm': e.detail.value === true });
      else if (field === 'wxKey' && this.data.template.fields[Number(index)])
        this.setData({ [`template.fields[${Number(index)}].wxKey`]: String(e.detail.value ?? '').trim() });
    },

    onSaveTemplate() {
      const t = this.data.template;
      const fields: Record<string, string> = {};
      for (const f of t.fields) if (f.wxKey) fields[f.wxKey] = f.key;
      if (!Object.keys(fields).length) {
        this.setData({ settingsError: '请至少填写一个字段对应，例如“事项”填 thing1' });
        return;
      }
      this.save('template', { templates: { [t.key]: { id: t.id.trim(), fields, longTerm: t.longTerm } } }, `已保存${TEMPLATE_TITLE[t.key]}的模板`);
    },

    onTemplateOff() {
      const t = this.data.template;
      this.save('templateOff', { templates: { [t.key]: null } }, `已停用${TEMPLATE_TITLE[t.key]}的模板，只在消息中心提醒`);
    },

    onQuietField(e: FieldEvent) {
      const field = e.currentTarget.dataset.field;
      if (field === 'role' || field === 'start' || field === 'end') this.setData({ [`quiet.${field}`]: String(e.detail.value ?? '').trim() });
    },

    onSaveQuiet() {
      const { role, start, end } = this.data.quiet;
      this.save('quiet', { quietHours: { [role]: { start, end } } }, `已保存${ROLE_LABELS[role]}的免打扰时段`);
    },

    onQuietOff() {
      const { role } = this.data.quiet;
      this.save('quietOff', { quietHours: { [role]: null } }, `${ROLE_LABELS[role]}不再设免打扰`);
    },

    onAppState(e: WechatMiniprogram.CustomEvent<{ value: unknown }>) {
      this.setData({ appState: String(e.detail.value) as AppState });
    },

    onSaveAppState() {
      const appState = this.data.appState;
      if (!appState) {
        this.setData({ settingsError: '请选择小程序版本' });
        return;
      }
      this.save('appState', { miniprogramState: appState }, '已保存消息打开的小程序版本');
    },

    /** One item of the settings (the rest stays as stored); the answer is every current setting. */
    async save(what: string, input: ReminderSettingsInput, done: string) {
      if (this.data.saving) return;
      this.setData({ saving: what, settingsError: '', settingsNotice: '' });
      try {
        const view = await call('reminders.configure', input);
        own(this).known = view;
        this.setData({
          settings: settingsRows(view),
          template: templateForm(this.data.template.key, view),
          appState: view.miniprogramState,
          settingsNotice: done,
        });
      } catch (err) {
        this.setData({ settingsError: errorMessage(err) });
      } finally {
        this.setData({ saving: '' });
      }
    },
  },
});
