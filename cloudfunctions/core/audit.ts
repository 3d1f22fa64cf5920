/**
 * Audit trail: every read of an archive or contact card, every change, export and deletion of a child's data.
 * A change and its audit entry commit together: write the entry with the transaction that makes the change
 * (`audit(tx, ...)` inside `db.runTransaction`), so a crash can never leave a change without its entry.
 * A read is audited in one request (`audit(db, ...)`).
 */
import type { Role } from '../../typings/roles';
import type { UserRecord } from '../../typings/domain';
import type { AuditView } from '../../typings/actions/accounts';
import type { Database, Transaction } from './cloud';
import { COLLECTION } from './collections';
import { invalid } from './errors';
import { cursorText, parseCursor } from './validate';

const CURSOR_SEPARATOR = '|';

export type AuditKind = 'read' | 'change' | 'export' | 'delete' | 'consent' | 'access';

export interface AuditEntry {
  at: Date;
  openid: string;
  role: Role | null;
  action: string;
  kind: AuditKind;
  schoolId: string | null;
  childId: string | null;
  /** Which fields were read or changed. */
  fields: string[];
  note?: string;
}

export interface AuditActor {
  openid: string;
  now: Date;
  action: string;
  role: Role | null;
}

export async function audit(db: Database | Transaction, actor: AuditActor, entries: Omit<AuditEntry, 'at' | 'openid' | 'role' | 'action'>[]): Promise<void> {
  if (entries.length === 0) return;
  const docs = entries.map((e) => ({ ...e, at: actor.now, openid: actor.openid, role: actor.role, action: actor.action }));
  if (isDatabase(db)) await db.collection(COLLECTION.auditLog).add(docs.length === 1 ? docs[0] : docs);
  // A transaction takes one document per add: several entries are several requests, sent together.
  else await Promise.all(docs.map((d) => db.collection(COLLECTION.auditLog).add(d)));
}

/** The database itself rather than a transaction (which has no runTransaction). */
function isDatabase(db: Database | Transaction): db is Database {
  return typeof (db as Partial<Database>).runTransaction === 'function';
}

/** The actor of a handler invocation. */
export function actorOf(ctx: { openid: string; now: Date; action: string; grant: { role: Role } | null }): AuditActor {
  return { openid: ctx.openid, now: ctx.now, action: ctx.action, role: ctx.grant?.role ?? null };
}

export interface AuditQuery {
  schoolId: string;
  childId?: string;
  openid?: string;
  /** The `next` of the previous page. */
  before?: string;
  limit?: number;
}

/** The audit trail of a school, newest first, filtered by child or person, paged by (time, id). */
export async function listAudit(db: Database, query: AuditQuery): Promise<{ entries: AuditView[]; next: string | null }> {
  const _ = db.command;
  const limit = query.limit ?? 50;
  const where: Record<string, unknown> = { schoolId: query.schoolId };
  if (query.childId) where.childId = query.childId;
  if (query.openid) where.openid = query.openid;
  let filter: object = where;
  if (query.before) {
    // Many entries share one instant (a roster read writes one per child): page by (at, _id), not by time alone.
    const cursor = parseCursor(query.before, CURSOR_SEPARATOR);
    if (!cursor) throw invalid('翻页位置不正确，请从第一页重新查看', 'before');
    filter = _.and([where, _.or([{ at: _.lt(cursor.at) }, { at: cursor.at, _id: _.lt(cursor.id) }])]);
  }
  const res = await db
    .collection(COLLECTION.auditLog)
    .where(filter)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
    .get();
  const rows = res.data as (AuditEntry & { _id: string })[];
  const page = rows.slice(0, limit);
  const openids = [...new Set(page.map((r) => r.openid))];
  const users = openids.length
    ? ((
        await db
          .collection(COLLECTION.users)
          .where({ _id: _.in(openids) })
          .limit(1000)
          .get()
      ).data as UserRecord[])
    : [];
  const nickname = new Map(users.map((u) => [u._id, u.nickname]));
  const entries = page.map((r) => ({
    at: r.at.toISOString(),
    openid: r.openid,
    nickname: nickname.get(r.openid) ?? null,
    role: r.role,
    action: r.action,
    kind: r.kind,
    childId: r.childId,
    fields: r.fields ?? [],
    note: r.note ?? null,
  }));
  const last = page[page.length - 1];
  return { entries, next: rows.length > limit ? cursorText(last.at, last._id, CURSOR_SEPARATOR) : null };
}
