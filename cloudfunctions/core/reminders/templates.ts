/**
 * Subscribe-message templates. The code knows logical templates (what a reminder says: title, time, note...);
 * each deployment picks WeChat templates from its own library (公共模板库) and maps their keys (thing1, time2...)
 * to those logical fields (settings, see ./config.ts). Values are cut to WeChat's limits per field type here.
 */
import type { Role } from '../../../typings/roles';
import type { SubscriptionUse } from '../../../typings/actions/reminders';
import { beijing } from '../time';

export type TemplateKey = 'schedule' | 'birthday' | 'notice';

export interface TemplateDescription {
  /** Shown on the 提醒设置 page. */
  title: string;
  description: string;
  /** Logical field name -> what it holds (for the person configuring the mapping). */
  fields: Record<string, string>;
  /** Who usually gets it: the 提醒设置 page offers the template to these roles. */
  roles: Role[];
}

export const TEMPLATE_CATALOG: Record<TemplateKey, TemplateDescription> = {
  schedule: {
    title: '日程提醒',
    description: '亲情视频、谈心、家长会等安排提醒您',
    fields: { title: '事项', time: '时间', child: '孩子姓名', note: '备注' },
    roles: ['teacher', 'parent', 'guardian'],
  },
  birthday: {
    title: '生日提醒',
    description: '孩子和同学过生日时提醒您送上祝福',
    fields: { name: '姓名', date: '生日', note: '备注' },
    roles: ['teacher', 'parent', 'guardian', 'student'],
  },
  notice: {
    title: '工作提醒',
    description: '每月谈心、预警、走访等工作提醒',
    fields: { title: '事项', note: '说明', time: '时间', count: '数量' },
    roles: ['admin', 'teacher', 'community', 'township'],
  },
};

export const TEMPLATE_KEYS = Object.keys(TEMPLATE_CATALOG) as TemplateKey[];

/**
 * The reminders a one-time subscription is spent on, most important first. Each 允许 a person taps lets WeChat carry
 * one message, so it goes to what would otherwise be missed: a call about to start, a call changed, a request to
 * answer, the month's talks, a parent meeting's invitation. Other reminders (the morning agenda, the day-before note) reach the 消息中心 only and
 * leave the subscription for these. A long-term template (长期订阅) carries every reminder. A feature adding a
 * reminder that must reach people in WeChat adds its kind here.
 */
export const SUBSCRIPTION_KINDS: Record<string, string> = {
  'familyCall.soon': '亲情视频开始前半小时',
  'familyCall.booked': '新预约的亲情视频（请确认）',
  'familyCall.moved': '亲情视频改期',
  'familyCall.cancelled': '亲情视频取消',
  'familyCall.moveAnswer': '改期申请的答复',
  'familyCall.moveRequest': '家长申请改期',
  'familyCall.rebook': '未接通的通话需重新预约',
  'familyCall.noContact': '孩子两周以上未与父母联系',
  'talkRound.class': '每月谈心任务',
  'talkRound.child': '每月与帮扶对象谈心',
  'birthday.classmates': '手拉手好朋友和同学明天过生日',
  'birthday.family': '孩子生日当天的祝福',
  'alert.raised': '孩子情况变化、无人照料或疑似受侵害的预警',
  // a family that misses the invitation misses the meeting (and its sign-in counts toward 家长家教知识普及率)
  'meeting.invite': '家长会、座谈会邀请',
};

/** May a reminder of this kind use up one of the person's one-time subscriptions? */
export function spendsSubscription(kind: string): boolean {
  return Object.prototype.hasOwnProperty.call(SUBSCRIPTION_KINDS, kind);
}

/** The rule as the settings screens say it. */
export function subscriptionUse(): SubscriptionUse {
  const kinds = Object.entries(SUBSCRIPTION_KINDS).map(([kind, label]) => ({ kind, label }));
  return {
    kinds,
    note: `每次「允许」可让微信送达一条提醒，只用于：${kinds.map((k) => k.label).join('、')}。其他提醒（如每日通话安排、通话前一天的提醒）只在消息中心，不占用次数；长期订阅的模板不受此限。`,
  };
}

/** WeChat's field types, named by the key's prefix (thing1 -> thing). */
export const FIELD_TYPES = [
  'thing',
  'time',
  'date',
  'name',
  'phrase',
  'character_string',
  'number',
  'letter',
  'symbol',
  'amount',
  'phone_number',
  'car_number',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const WX_KEY = /^(thing|time|date|name|phrase|character_string|number|letter|symbol|amount|phone_number|car_number)(\d+)$/;

export function fieldType(wxKey: string): FieldType | null {
  const m = WX_KEY.exec(wxKey);
  return m ? (m[1] as FieldType) : null;
}

// Limits from WeChat's subscribe-message documentation (characters, not bytes).
const chars = (s: string) => Array.from(s);
const HAN = /\p{Script=Han}/u;
const LETTER = /[A-Za-z]/;

function cut(s: string, max: number, ellipsis: boolean): string {
  const c = chars(s);
  if (c.length <= max) return s;
  return ellipsis ? c.slice(0, max - 1).join('') + '…' : c.slice(0, max).join('');
}

function keep(s: string, allowed: RegExp): string {
  return chars(s)
    .filter((ch) => allowed.test(ch))
    .join('');
}

function asDate(value: string | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (!/^\d{4}-\d{2}-\d{2}(T|$)/.test(value)) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The value WeChat accepts for a field of this type: thing <= 20 (cut with …), name <= 10 Chinese characters or
 * <= 20 letters, phrase <= 5 Chinese characters only, character_string/number/letter <= 32, symbol <= 5,
 * phone_number <= 17, car_number <= 8, time "2027年3月5日 19:00", date "2027年3月5日" (Beijing time).
 * Never empty: WeChat refuses an empty value (47003), so a placeholder stands in.
 */
export function fitValue(type: FieldType, value: string | Date | null | undefined): string {
  if (value === null || value === undefined) value = '';
  if (type === 'time' || type === 'date') {
    const d = asDate(value);
    if (!d) return String(value).trim() || '-';
    return beijing(d).format(type === 'time' ? 'YYYY年M月D日 HH:mm' : 'YYYY年M月D日');
  }
  const s = (value instanceof Date ? value.toISOString() : value).replace(/\s+/g, ' ').trim();
  switch (type) {
    case 'thing':
      return cut(s, 20, true) || '-';
    case 'name': {
      // Pure Chinese (<= 10) or pure letters (<= 20); a mixed value keeps its Chinese part.
      if (HAN.test(s)) return cut(keep(s, HAN), 10, false);
      return cut(keep(s, /[A-Za-z ]/), 20, false).trim() || '-';
    }
    case 'phrase':
      return cut(keep(s, HAN), 5, false) || '提醒';
    case 'character_string':
      return cut(keep(s, /[\x21-\x7e]/), 32, false) || '-';
    case 'number':
      return cut(keep(s, /[0-9.]/), 32, false) || '0';
    case 'letter':
      return cut(keep(s, LETTER), 32, false) || 'A';
    case 'symbol':
      return cut(keep(s, /[\x21-\x2f\x3a-\x40\x5b-\x60\x7b-\x7e]/), 5, false) || '-';
    case 'amount':
      return cut(keep(s, /[0-9.¥]/), 11, false) || '0';
    case 'phone_number':
      return cut(keep(s, /[0-9+-]/), 17, false) || '-';
    case 'car_number':
      return cut(keep(s, /[\p{Script=Han}A-Za-z0-9]/u), 8, false) || '-';
  }
}

/** requestData.data for subscribeMessage.send: each WeChat key filled from its logical field, fitted to its type. */
export function templateData(mapping: Record<string, string>, fields: Record<string, string | Date | null | undefined>): Record<string, { value: string }> {
  const data: Record<string, { value: string }> = {};
  for (const [wxKey, logical] of Object.entries(mapping)) {
    const type = fieldType(wxKey);
    if (!type) continue;
    data[wxKey] = { value: fitValue(type, fields[logical]) };
  }
  return data;
}
