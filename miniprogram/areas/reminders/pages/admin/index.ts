/**
 * 提醒模板与发送记录（管理员）：
 *   - 发送记录（reminders.outbox）：本校提醒的微信订阅消息发到哪一步了（待发送、已发送、失败及微信错误码、
 *     未发送只进消息中心……），可按状态筛选。这是首屏（一次调用）。
 *   - 提醒设置（reminders.configure）：本部署的订阅消息模板（模板 ID 与字段对应）、各身份的免打扰时段、
 *     消息打开的小程序版本。每次只提交改动的那一项，其余保持不变；保存后显示服务端返回的全部当前设置。
 *     注意：reminders.configure 每次调用都会写入设置，后端没有只读取设置的接口，所以进入页面时不显示当前设置。
 * 从首页进入时 url 带 ?schoolId=；不带时先用 whoami 找到管理员身份的学校。
 */
import type { Role } from '../../../../../typings/roles';
import type { OutboxView, ReminderSettingsInput, ReminderSettingsView, ReminderTemplateKey } from '../../../../../typings/actions/reminders';
import { call, errorMessage } from '../../../../services/api';
import { maskOpenid } from '../../../../services/format';
import { privacyReady } from '../../../../services/privacy';
import { TEMPLATE_SPECS } from '../../services/templates';
import { ROLE_LABELS, ROLE_ORDER, roleLabel } from '../../../../services/roles';
import { loadAdminScreen } from '../../../../services/screen';
import { instanceState } from '../../../../services/instance';
import { beijingDateTime } from '../../../../services/time';

type State = 'loading' | 'error' | 'forbidden' | 'ready';
type OutboxStatus = OutboxView['status'];
type AppState = ReminderSettingsView['miniprogramState'];

const TEMPLATE_TITLE: Record<string, string> = Object.fromEntries(TEMPLATE_SPECS.map((t) => [t.key, t.title]));

const STATUS: Record<OutboxStatus, { label: string; theme: string }> = {
  pending: { label: '待发送', theme: 'primary' },
  sending: { label: '发送中', theme: 'primary' },
  sent: { label: '已发送', theme: 'success' },
  failed: { label: '发送失败', theme: 'danger' },
  skipped: { label: '未发微信', theme: 'default' },
  cancelled: { label: '已撤回', theme: 'default' },
};

const FILTERS: { value: '' | OutboxStatus; label: string }[] = [
  { value: '', label: '全部' },
  { value: 'pending', label: '待发送' },
  { value: 'sent', label: '已发送' },
  { value: 'failed', label: '发送失败' },
  { value: 'skipped', label: '未发微信' },
  { value: 'cancelled', label: '已撤回' },
];

/** What WeChat's errcodes mean, for the person reading the log. */
const ERRCODES: Record<string, string> = {
  '43101': '用户拒收或订阅次数已用完',
  '40037': '模板 ID 不正确',
  '47003': '模板参数不正确，请检查字段对应',
  '47001': '数据格式不正确',
  '40003': '用户 OPENID 不正确',
  '41030': '跳转页面不存在或小程序未发布',
  '43107': '用户未订阅该模板',
  '45009': '调用太频繁，稍后重试',
  '-1': '微信系统繁忙，稍后重试',
};

const SKIP_REASONS: Record<string, string> = {
  no_subscription: '对方没有订阅，只进了消息中心',
  no_template: '没有设置模板，只进了消息中心',
};

const APP_STATES: { label: string; value: AppState }[] = [
  { label: '正式版', value: 'formal' },
  { label: '体验版', value: 'trial' },
  { label: '开发版', value: 'developer' },
];

const LOG_LIMIT = 50;

interface LogRow {
  id: string;
  title: string;
  to: string;
  due: string;
  statusLabel: string;
  statusTheme: string;
  status: OutboxStatus;
  /** 微信错误码 40037：模板 ID 不正确 / 对方没有订阅… / 发送于 … */
  detail: string;
  errcode: string;
}

interface SettingsRows {
  templates: { key: string; title: string; text: string; mapping: string }[];
  /** 家长 22:00–次日 07:00；监护人 … (only the roles that have quiet hours) */
  quietText: string;
  appState: string;
}

interface TemplateForm {
  key: ReminderTemplateKey;
  id: string;
  /** WeChat key (thing1, time2…) per logical field, as typed */
  fields: { key: string; label: string; wxKey: string }[];
  longTerm: boolean;
}

function logRows(entries: OutboxView[]): LogRow[] {
  return entries.map((e) => {
    const errcode = e.lastErrcode !== null && e.lastErrcode !== 0 ? String(e.lastErrcode) : '';
    let detail = '';
    if (errcode) detail = `微信错误码 ${errcode}${ERRCODES[errcode] ? `：${ERRCODES[errcode]}` : ''}${e.status === 'pending' ? '，将自动重试' : ''}`;
    else if (e.status === 'skipped') detail = SKIP_REASONS[e.skipReason ?? ''] ?? '只进了消息中心';
    else if (e.status === 'sent' && e.sentAt) detail = `发送于 ${beijingDateTime(e.sentAt)}`;
    return {
      id: e.id,
      title: e.title,
      to: `${roleLabel(e.role)} ${maskOpenid(e.to)} · ${TEMPLATE_TITLE[e.template] ?? e.template}`,
      due: `计划 ${beijingDateTime(e.dueAt)}${e.attempts > 1 ? ` · 已尝试 ${e.attempts} 次` : ''}`,
      statusLabel: STATUS[e.status]?.label ?? e.status,
      statusTheme: STATUS[e.status]?.theme ?? 'default',
      status: e.status,
      detail,
      errcode,
    };
  });
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
  };
}

/** The form for a template, filled from the settings when they are known. */
function templateForm(key: ReminderTemplateKey, view: ReminderSettingsView | null): TemplateForm {
  const spec = TEMPLATE_SPECS.find((t) => t.key === key) ?? TEMPLATE_SPECS[0];
  const setting = view?.templates.find((t) => t.key === key)?.setting ?? null;
  const wxKeyOf = (logical: string) => Object.entries(setting?.fields ?? {}).find(([, l]) => l === logical)?.[0] ?? '';
  return { key: spec.key, id: setting?.id ?? '', fields: spec.fields.map((f) => ({ ...f, wxKey: wxKeyOf(f.key) })), longTerm: setting?.longTerm ?? false };
}

/** The last settings the server returned, per page instance. */
const own = instanceState(() => ({ known: null as ReminderSettingsView | null }));

type FieldEvent = WechatMiniprogram.CustomEvent<{ value: unknown }, WechatMiniprogram.IAnyObject, { field?: string; index?: number }>;
type ValueEvent = WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { value?: string }>;

Component({
  data: {
    state: 'loading' as State,
    errorMessage: '',
    schoolId: '',
    tab: 'log' as 'log' | 'settings',
    filters: FILTERS,
    status: '' as '' | OutboxStatus,
    log: [] as LogRow[],
    logLoading: false,
    logError: '',
    logLimit: LOG_LIMIT,
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

  methods: {
    onLoad(query: Record<string, string | undefined> = {}) {
      this.setData({ schoolId: query.schoolId ?? '' });
      this.load();
    },

    onPullDownRefresh() {
      this.loadLog().then(() => wx.stopPullDownRefresh());
    },

    /** The delivery log can name children: nothing is asked before the privacy authorization. */
    async load() {
      await privacyReady();
      return loadAdminScreen(this, async () => {
        const res = await call('reminders.outbox', this.outboxInput());
        this.setData({ state: 'ready', log: logRows(res.entries) });
      });
    },

    outboxInput() {
      return { schoolId: this.data.schoolId, limit: LOG_LIMIT, ...(this.data.status ? { status: this.data.status } : {}) };
    },

    /** The log again (a filter picked, pulled down): the page stays, a failure is said above the list. */
    async loadLog() {
      this.setData({ logLoading: true, logError: '' });
      try {
        const res = await call('reminders.outbox', this.outboxInput());
        this.setData({ log: logRows(res.entries) });
      } catch (err) {
        this.setData({ logError: errorMessage(err) });
      } finally {
        this.setData({ logLoading: false });
      }
    },

    onRetry() {
      this.load();
    },

    onTab(e: WechatMiniprogram.BaseEvent<WechatMiniprogram.IAnyObject, { tab?: string }>) {
      const tab = e.currentTarget.dataset.tab === 'settings' ? 'settings' : 'log';
      this.setData({ tab });
      if (tab === 'settings' && !own(this).known) this.loadSettings();
    },

    /** The settings in force, read when the admin first opens that tab (the log is the first screen). */
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

    onFilter(e: ValueEvent) {
      const value = (e.currentTarget.dataset.value ?? '') as '' | OutboxStatus;
      if (value === this.data.status) return;
      this.setData({ status: value });
      this.loadLog();
    },

    // ---- settings ----

    onTemplateKey(e: WechatMiniprogram.CustomEvent<{ value: unknown }>) {
      const key = String(e.detail.value) as ReminderTemplateKey;
      this.setData({ template: templateForm(key, own(this).known), settingsError: '' });
    },

    onTemplateField(e: FieldEvent) {
      const { field, index } = e.currentTarget.dataset;
      if (field === 'id') this.setData({ 'template.id': String(e.detail.value ?? '') });
      else if (field === 'longTerm') this.setData({ 'template.longTerm': e.detail.value === true });
      else if (field === 'wxKey' && this.data.template.fields[Number(index)]) this.setData({ [`template.fields[${Number(index)}].wxKey`]: String(e.detail.value ?? '').trim() });
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
