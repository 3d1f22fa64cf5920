/** Reminders: the in-app inbox (消息中心), subscribe-message consent, and the engine's settings. */
import type { Role } from '../roles';

export type ReminderTemplateKey = 'schedule' | 'birthday' | 'notice';

export interface InboxItem {
  id: string;
  kind: string;
  title: string;
  body: string;
  /** The page the reminder opens, without a leading slash (may carry a query). */
  page: string;
  /** ISO time the reminder became due. */
  at: string;
  read: boolean;
}

export interface InboxPage {
  items: InboxItem[];
  unread: number;
  /** Pass as `after` for the next page; null at the end. */
  next: string | null;
}

/** What wx.requestSubscribeMessage answers per template id. */
export type SubscribeDecision = 'accept' | 'reject' | 'ban' | 'filter';

export interface TemplateSubscriptionView {
  key: ReminderTemplateKey;
  title: string;
  description: string;
  /** The WeChat template id to pass to wx.requestSubscribeMessage; null when this deployment has none (inbox only). */
  templateId: string | null;
  longTerm: boolean;
  /** One-time sends left (一次性订阅); for a long-term template 1 when accepted. */
  remaining: number;
  banned: boolean;
}

export type DeliveryStatus = 'pending' | 'deferred' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface DeliveryView {
  id: string;
  kind: string;
  title: string;
  /** ISO due time. */
  at: string;
  status: DeliveryStatus;
  /** In Chinese, e.g. 已通过微信提醒 / 未订阅微信提醒，仅在消息中心 / 免打扰时段，将于 3月2日 07:00 发送. */
  statusLabel: string;
}

/** Which reminders may use up a one-time subscription (一次性订阅), as the settings screens say it. */
export interface SubscriptionUse {
  /** The kinds of reminder a one-time 允许 is spent on, most important first, with their Chinese names. */
  kinds: { kind: string; label: string }[];
  /** The rule in one sentence, to show under the templates. */
  note: string;
}

export interface MyReminders {
  /** The templates offered to the caller's roles. */
  templates: TemplateSubscriptionView[];
  /** What a one-time subscription is spent on; other reminders reach the inbox only. */
  subscriptionUse: SubscriptionUse;
  /** Quiet hours that apply to the caller's roles (Beijing time). */
  quietHours: { role: Role; start: string; end: string }[];
  /** The caller's latest reminders and what happened to the WeChat message. */
  recent: DeliveryView[];
}

export interface TemplateSettingInput {
  id: string;
  /** WeChat key (thing1, time2, ...) -> logical field of the template (title, time, note, ...). */
  fields: Record<string, string>;
  longTerm?: boolean;
}

export interface ReminderSettingsInput {
  /** null switches a template off (inbox only). */
  templates?: Partial<Record<ReminderTemplateKey, TemplateSettingInput | null>>;
  /** null: no quiet hours for that role. */
  quietHours?: Partial<Record<Role, { start: string; end: string } | null>>;
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface ReminderSettingsView {
  templates: { key: ReminderTemplateKey; title: string; fields: Record<string, string>; setting: TemplateSettingInput | null }[];
  quietHours: Partial<Record<Role, { start: string; end: string }>>;
  miniprogramState: 'developer' | 'trial' | 'formal';
  /** What a one-time subscription is spent on; other reminders reach the inbox only. */
  subscriptionUse: SubscriptionUse;
}

export interface OutboxView {
  id: string;
  kind: string;
  to: string;
  role: Role;
  title: string;
  template: ReminderTemplateKey;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
  dueAt: string;
  attempts: number;
  lastErrcode: number | null;
  skipReason: string | null;
  sentAt: string | null;
}

export interface ReminderActions {
  'inbox.list': { input: { unreadOnly?: boolean; after?: string; limit?: number }; output: InboxPage };
  'inbox.read': { input: { ids: string[] } | { all: true }; output: { marked: number; unread: number } };
  'reminders.mine': { input: Record<string, never>; output: MyReminders };
  'reminders.subscribe': { input: { results: Record<string, SubscribeDecision> }; output: MyReminders };
  'reminders.configure': { input: ReminderSettingsInput; output: ReminderSettingsView };
  'reminders.settings': { input: Record<string, never>; output: ReminderSettingsView };
  'reminders.outbox': {
    input: { schoolId: string; status?: 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled'; limit?: number };
    output: { entries: OutboxView[] };
  };
}
