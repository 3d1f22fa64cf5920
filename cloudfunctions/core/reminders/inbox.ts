/**
 * The in-app inbox (消息中心): a person's reminders, newest first, read/unread. Always scoped by the caller's OPENID.
 */
import type { Database } from '../cloud';
import type { InboxItem } from '../../../typings/actions/reminders';
import type { InboxEntry } from './types';

export function inboxItem(e: InboxEntry): InboxItem {
  return { id: e._id, kind: e.kind, title: e.title, body: e.body, page: e.page, at: e.visibleAt.toISOString(), read: !!e.readAt };
}

/** Cursor of the last item of a page: its time and id (many reminders share one time, e.g. the talk round). */
export function cursorOf(e: InboxEntry): string {
  return `${e.visibleAt.toISOString()}~${e._id}`;
}

export function parseCursor(cursor: string): { at: Date; id: string } | null {
  const m = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z)~([A-Za-z0-9_-]{1,64})$/.exec(cursor);
  if (!m) return null;
  const at = new Date(m[1]);
  return Number.isNaN(at.getTime()) ? null : { at, id: m[2] };
}

export async function unreadCount(db: Database, openid: string, now: Date): Promise<number> {
  const _ = db.command;
  const res = await db.collection('inbox').where({ to: openid, readAt: null, visibleAt: _.lte(now) }).count();
  return res.total ?? 0;
}

export async function listInbox(db: Database, openid: string, now: Date, opts: { limit: number; after?: { at: Date; id: string }; unreadOnly?: boolean }): Promise<{ items: InboxEntry[]; next: string | null }> {
  const _ = db.command;
  const where: Record<string, unknown> = { to: openid, visibleAt: _.lte(now) };
  if (opts.unreadOnly) where.readAt = null;
  let query = db.collection('inbox').where(where);
  if (opts.after) {
    const { at, id } = opts.after;
    query = db.collection('inbox').where(_.and([where, _.or([{ visibleAt: _.lt(at) }, { visibleAt: at, _id: _.lt(id) }])]));
  }
  const res = await query.orderBy('visibleAt', 'desc').orderBy('_id', 'desc').limit(opts.limit + 1).get();
  const rows = res.data as InboxEntry[];
  const items = rows.slice(0, opts.limit);
  return { items, next: rows.length > opts.limit ? cursorOf(items[items.length - 1]) : null };
}

/** Mark the caller's own entries read (ids of someone else's entries simply match nothing). */
export async function markRead(db: Database, openid: string, now: Date, ids: string[] | 'all'): Promise<number> {
  const _ = db.command;
  const where: Record<string, unknown> = { to: openid, readAt: null, visibleAt: _.lte(now) };
  if (ids !== 'all') where._id = _.in(ids);
  const res = await db.collection('inbox').where(where).update({ readAt: now });
  return res.updated ?? 0;
}
