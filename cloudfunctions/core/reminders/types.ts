/**
 * The reminder engine's records. A reminder is written once to the outbox (WeChat delivery, with status) and once
 * to the recipient's inbox (消息中心), both under the same deterministic id, so nothing depends on consent.
 */
import type { Role } from '../../../typings/roles';
import type { TemplateKey } from './templates';

/** Logical field values; a missing one is sent as a placeholder ('-'). */
export type ReminderFields = Record<string, string | Date | null | undefined>;

/**
 * What a feature hands the engine (see remind() in ./index.ts). kind + subject + occurrence + to is the key:
 * the same reminder enqueued twice, or by two runs at once, is stored once.
 */
export interface ReminderDraft {
  /** What kind of reminder, e.g. 'familyCall.soon', 'talkRound.class'. */
  kind: string;
  /** The recipient's OPENID. */
  to: string;
  /** The recipient's role for this reminder: decides quiet hours. */
  role: Role;
  /** What it is about (a call id, a class id, a child id). */
  subject: string;
  /** Which occurrence (a date, a month '2027-03', a call's start time). */
  occurrence: string;
  /** Which WeChat template carries it (its id and field mapping are deployment settings). */
  template: TemplateKey;
  /**
   * Values by the template's logical field names (TEMPLATE_CATALOG); Dates are formatted in Beijing time. The
   * `title` field is always `title` below, so WeChat and the inbox show the same title.
   */
  fields: ReminderFields;
  /** The title, in the inbox and in the WeChat message. */
  title: string;
  /** The inbox text. */
  body: string;
  /**
   * The time the reminder is about (a call's start), when its title, body or fields say it relatively: they hold
   * WHEN ('{when}', see ./when.ts) there, written out when shown, so a stored text never goes stale.
   */
  when?: Date;
  /** Mini-program page the message opens, without a leading slash: 'areas/family-calls/pages/next/index?id=call-1'. */
  page: string;
  /** When it is due (default: now). WeChat is sent at or after this time; the inbox shows it from then on. */
  at?: Date;
  schoolId?: string | null;
  /** The child it concerns, if any: the child's purge removes the reminder too. */
  childId?: string | null;
}

/**
 * pending: waiting for its time (or a retry, or the end of quiet hours); sending: claimed by one delivery run;
 * sent; failed (permanent WeChat error, or retries used up; lastErrcode says why); skipped (no subscription left,
 * no template configured, or a kind that does not use up a one-time subscription): the inbox entry is the
 * reminder; cancelled: withdrawn before it went out (./cancel.ts).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';
export type SkipReason = 'no_subscription' | 'no_template' | 'inbox_only';

/** A stored reminder: the draft as enqueued (its `at` became dueAt), with its delivery state. */
export interface OutboxEntry extends Omit<ReminderDraft, 'at' | 'schoolId' | 'childId' | 'when'> {
  _id: string;
  /** The readable key the id is derived from: kind|subject|occurrence|to. */
  key: string;
  schoolId: string | null;
  childId: string | null;
  when: Date | null;
  status: OutboxStatus;
  /** When the next delivery attempt may happen. */
  dueAt: Date;
  createdAt: Date;
  attempts: number;
  claimId: string | null;
  claimedAt: Date | null;
  /** Set just before the WeChat send: a send begun is never repeated (./deliver.ts). */
  attemptedAt?: Date | null;
  lastErrcode: number | null;
  lastError: string | null;
  skipReason: SkipReason | null;
  /** Set when quiet hours pushed the WeChat message to the morning. */
  deferredUntil: Date | null;
  sentAt: Date | null;
  finishedAt: Date | null;
}

export interface InboxEntry {
  _id: string;
  to: string;
  kind: string;
  title: string;
  body: string;
  page: string;
  /** The time WHEN in the title or body stands for (written out when read). */
  when: Date | null;
  /** The inbox shows the entry from this time on (a reminder enqueued ahead of time stays hidden until due). */
  visibleAt: Date;
  readAt: Date | null;
  createdAt: Date;
  schoolId: string | null;
  childId: string | null;
}

/** How many one-time sends a person has left on a template (一次性订阅), or a long-term acceptance. */
export interface SubscriptionRecord {
  _id: string;
  openid: string;
  template: TemplateKey;
  /** The WeChat template id the counts belong to: a new template id starts from zero. */
  templateId: string;
  remaining: number;
  /** Long-term templates (长期订阅): accepted once, no count. */
  acceptedAt: Date | null;
  /** The user chose "总是拒绝"/banned the template: nothing is sent until they accept again. */
  banned: boolean;
  updatedAt: Date;
}
