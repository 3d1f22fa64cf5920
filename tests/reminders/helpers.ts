/**
 * Shared set-up for the reminder tests: templates configured through the admin action, reminders enqueued through
 * the engine's API with the real SDK, triggers fired through the emulator's timer service (the built bundle).
 */
import type { TestEmulator } from '../helpers/emulator';
import { remind, type ReminderDraft } from '../../cloudfunctions/core/reminders';
import { reminderId, reminderKey } from '../../cloudfunctions/core/reminders/outbox';
import type { OutboxEntry, InboxEntry } from '../../cloudfunctions/core/reminders/types';

export const TEMPLATES = {
  schedule: { id: 'TPL_SCHEDULE', fields: { thing1: 'title', time2: 'time', name3: 'child', thing4: 'note' } },
  notice: { id: 'TPL_NOTICE', fields: { thing1: 'title', thing2: 'note', number3: 'count' } },
};

export async function configureTemplates(env: TestEmulator, extra: Record<string, unknown> = {}): Promise<void> {
  const res = await env.api('demo-admin', 'reminders.configure', { templates: TEMPLATES, ...extra } as never);
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
}

/** The user taps 允许 `times` times for the schedule template. */
export async function subscribe(env: TestEmulator, openid: string, times = 1, templateId = TEMPLATES.schedule.id): Promise<void> {
  for (let i = 0; i < times; i++) {
    const res = await env.api(openid, 'reminders.subscribe', { results: { [templateId]: 'accept' } });
    if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  }
}

export function draft(to: string, over: Partial<ReminderDraft> = {}): ReminderDraft {
  return {
    kind: 'familyCall.soon',
    to,
    role: 'parent',
    subject: 'call-1',
    occurrence: '2027-03-05T19:00',
    template: 'schedule',
    fields: { title: '亲情视频通话', time: new Date('2027-03-05T11:00:00Z'), child: '林小禾', note: '请提前五分钟到关爱室' },
    title: '亲情视频提醒',
    body: '今晚 19:00 与林小禾视频通话',
    page: 'pages/family-calls/index?id=call-1',
    ...over,
  };
}

export const idOf = (d: ReminderDraft) => reminderId(reminderKey(d));

export function enqueue(env: TestEmulator, drafts: ReminderDraft[], now: Date) {
  return remind(env.app.database(), drafts, now);
}

export async function fire(env: TestEmulator, trigger: 'quarterHour' | 'morning' | 'monthly', at: Date) {
  const inv = await env.emulator.timers.fire('scheduler', trigger, at);
  const result = inv.result as {
    ok: boolean;
    data?: {
      sources: Record<string, { created: number; existing: number }>;
      delivery: Record<string, number>;
      window: { from: string; to: string };
    };
    error?: unknown;
  };
  if (!result?.ok) throw new Error(`scheduler ${trigger} failed: ${JSON.stringify(result)}`);
  return { ...result.data!, dbRequests: inv.dbRequests };
}

export async function outboxEntry(env: TestEmulator, id: string): Promise<OutboxEntry> {
  return (await env.app.database().collection('outbox').doc(id).get()).data[0] as OutboxEntry;
}

export async function inboxOf(env: TestEmulator, openid: string): Promise<InboxEntry[]> {
  return (await env.app.database().collection('inbox').where({ to: openid }).limit(1000).get()).data as InboxEntry[];
}

export async function remaining(env: TestEmulator, openid: string, template = 'schedule'): Promise<number | undefined> {
  const res = await env.app.database().collection('subscriptions').doc(`${template}-${openid}`).get();
  return (res.data[0] as { remaining?: number } | undefined)?.remaining;
}

/** Messages WeChat (the emulator) received for this user: accepted ones, or every attempt. */
export function sentTo(env: TestEmulator, openid: string, includeFailed = false) {
  return env.emulator.wx.messages({ touser: openid, includeFailed });
}
