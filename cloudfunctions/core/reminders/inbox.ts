/**
 * The in-app inbox (消息中心): a person's reminders, newest first, read/unread. Always scoped by the caller's OPENID.
 */
import type { Database } from '../cloud';
import type { InboxItem, InboxPage } from '../../../typings/actions/reminders';
import { COLLECTION } from '../collections';
import { invalid } from '../errors';
import { cursorText, parseCursor, type PageCursor } from '../validate';
import type { InboxEntry } from './types';
import { renderWhen } from './when';

/** Pages are cut after an entry's time and id (many reminders share one time, e.g. the talk round). */
const CURSOR_SEPARATOR = '~';

/** An entry as it reads now: a relative time in its text is written out as of `now`. */
export function inboxItem(e: InboxEntry, now: Date): InboxItem {
  return {
    id: e._id,
    kind: e.kind,
    title: renderWhen(e.title, e.when, now),
    body: renderWhen(e.body, e.when, now),
    page: e.page,
    at: e.visibleAt.toISOString(),
    read: !!e.readAt,
  };
}

export async function unreadCount(db: Database, openid: string, now: Date): Promise<number> {
  const _ = db.command;
  const res = await db
    .collection(COLLECTION.inbox)
    .where({ to: openid, readAt: null, visibleAt: _.lte(now) })
    .count();
  return res.total ?? 0;
}

async function entriesPage(
  db: Database,
  openid: string,
  now: Date,
  opts: { limit: number; after?: PageCursor; unreadOnly?: boolean },
): Promise<{ items: InboxEntry[]; next: string | null }> {
  const _ = db.command;
  const where: Record<string, unknown> = { to: openid, visibleAt: _.lte(now) };
  if (opts.unreadOnly) where.readAt = null;
  const { after } = opts;
  const filter = after ? _.and([where, _.or([{ visibleAt: _.lt(after.at) }, { visibleAt: after.at, _id: _.lt(after.id) }])]) : where;
  const res = await db
    .collection(COLLECTION.inbox)
    .where(filter)
    .orderBy('visibleAt', 'desc')
    .orderBy('_id', 'desc')
    .limit(opts.limit + 1)
    .get();
  const rows = res.data as InboxEntry[];
  const items = rows.slice(0, opts.limit);
  const last = items[items.length - 1];
  return { items, next: rows.length > opts.limit ? cursorText(last.visibleAt, last._id, CURSOR_SEPARATOR) : null };
}

/** A page of my messages that are due, with the unread count; `after` is the previous page's `next`. */
export async function inboxPage(db: Database, openid: string, now: Date, opts: { limit?: number; after?: string; unreadOnly?: boolean }): Promise<InboxPage> {
  const after = opts.after ? parseCursor(opts.after, CURSOR_SEPARATOR) : undefined;
  if (after === null) throw invalid('分页位置格式不正确', 'after');
  const [page, unread] = await Promise.all([
    entriesPage(db, openid, now, { limit: opts.limit ?? 20, after, unreadOnly: opts.unreadOnly }),
    unreadCount(db, openid, now),
  ]);
  return { items: page.items.map((e) => inboxItem(e, now)), unread, next: page.next };
}

/** Mark the caller's own entries read, some or all (ids of someone else's entries simply match nothing). */
export async function markRead(db: Database, openid: string, now: Date, ids: string[] | 'all'): Promise<{ marked: number; unread: number }> {
  const _ = db.command;
  const where: Record<string, unknown> = { to: openid, readAt: null, visibleAt: _.lte(now) };
  if (ids !== 'all') where._id = _.in([...new Set(ids)]);
  const res = await db.collection(COLLECTION.inbox).where(where).update({ readAt: now });
  return { marked: res.updated ?? 0, unread: await unreadCount(db, openid, now) };
}
