/**
 * What the reminder screens show: to a person (提醒设置) their templates with sends left, quiet hours and recent
 * deliveries; to the admin the delivery log of the school.
 */
import type { Role } from '../../../typings/roles';
import type { DeliveryView, MyReminders, OutboxView, TemplateSubscriptionView } from '../../../typings/actions/reminders';
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';
import { beijing } from '../time';
import type { ReminderConfig } from './config';
import { loadSubscriptions, usable } from './subscriptions';
import { TEMPLATE_CATALOG, TEMPLATE_KEYS, subscriptionUse } from './templates';
import type { OutboxEntry, SkipReason } from './types';
import { renderWhen } from './when';

const SKIPPED_LABELS: Record<SkipReason, string> = {
  no_subscription: '未订阅微信提醒，仅在消息中心',
  no_template: '仅在消息中心',
  inbox_only: '仅在消息中心（这类提醒不占用微信订阅次数）',
};

export function deliveryView(e: OutboxEntry, now: Date): DeliveryView {
  const base = { id: e._id, kind: e.kind, title: renderWhen(e.title, e.when, now), at: e.dueAt.toISOString() };
  switch (e.status) {
    case 'sent':
      return { ...base, status: 'sent', statusLabel: '已通过微信提醒' };
    case 'failed':
      return {
        ...base,
        status: 'failed',
        statusLabel: e.lastErrcode === 43101 ? '微信提醒未送达（未订阅或已拒收），请在消息中心查看' : '微信提醒发送失败，请在消息中心查看',
      };
    case 'skipped':
      return { ...base, status: 'skipped', statusLabel: SKIPPED_LABELS[e.skipReason ?? 'no_template'] };
    case 'sending':
      return { ...base, status: 'sending', statusLabel: '正在发送' };
    case 'cancelled':
      return { ...base, status: 'cancelled', statusLabel: '已取消' };
    default:
      if (e.deferredUntil && e.deferredUntil.getTime() > now.getTime()) {
        return { ...base, status: 'deferred', statusLabel: `免打扰时段，将于 ${beijing(e.deferredUntil).format('M月D日 HH:mm')} 发送` };
      }
      return { ...base, status: 'pending', statusLabel: e.attempts > 0 ? '发送失败，稍后重试' : '待发送' };
  }
}

export async function myReminders(db: Database, openid: string, roles: Role[], config: ReminderConfig, now: Date): Promise<MyReminders> {
  const [subs, recentRes] = await Promise.all([
    loadSubscriptions(db, openid),
    db.collection(COLLECTION.outbox).where({ to: openid }).orderBy('createdAt', 'desc').limit(10).get(),
  ]);
  const byTemplate = new Map(subs.map((s) => [s.template, s]));
  // Someone without a role yet sees every template: they may be about to redeem an invite.
  const offered = TEMPLATE_KEYS.filter((k) => !roles.length || TEMPLATE_CATALOG[k].roles.some((r) => roles.includes(r)));
  const templates: TemplateSubscriptionView[] = offered.map((key) => {
    const t = config.templates[key];
    const sub = byTemplate.get(key);
    const left = usable(sub, config, key);
    return {
      key,
      title: TEMPLATE_CATALOG[key].title,
      description: TEMPLATE_CATALOG[key].description,
      templateId: t?.id ?? null,
      longTerm: !!t?.longTerm,
      remaining: left === Infinity ? 1 : left,
      banned: !!(t && sub && sub.templateId === t.id && sub.banned),
    };
  });
  const quietHours = [...new Set(roles)].flatMap((role) => {
    const w = config.quietHours[role];
    return w ? [{ role, start: w.start, end: w.end }] : [];
  });
  const recent = (recentRes.data as OutboxEntry[]).map((e) => deliveryView(e, now));
  return { templates, subscriptionUse: subscriptionUse(), quietHours, recent };
}

export type OutboxStatusFilter = OutboxView['status'];

/** The delivery log of a school (admin): what was sent, deferred, skipped, and failed with which WeChat errcode. */
export async function outboxLog(db: Database, query: { schoolId: string; status?: OutboxStatusFilter; limit?: number }, now: Date): Promise<OutboxView[]> {
  const where: Record<string, unknown> = { schoolId: query.schoolId };
  if (query.status) where.status = query.status;
  const res = await db
    .collection(COLLECTION.outbox)
    .where(where)
    .orderBy('dueAt', 'desc')
    .limit(query.limit ?? 50)
    .get();
  return (res.data as OutboxEntry[]).map((e) => ({
    id: e._id,
    kind: e.kind,
    to: e.to,
    role: e.role,
    title: renderWhen(e.title, e.when, now),
    template: e.template,
    status: e.status,
    dueAt: e.dueAt.toISOString(),
    attempts: e.attempts,
    lastErrcode: e.lastErrcode,
    skipReason: e.skipReason,
    sentAt: e.sentAt ? e.sentAt.toISOString() : null,
  }));
}
