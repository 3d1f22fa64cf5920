/**
 * Audit trail: every read of an archive or contact card, every change, export and deletion of a child's data.
 * A change and its audit entry commit together: write the entry with the transaction that makes the change
 * (`audit(tx, ...)` inside `db.runTransaction`), so a crash can never leave a change without its entry.
 * A read is audited in one request (`audit(db, ...)`).
 */
import type { Role } from '../../typings/roles';
import type { BindingRecord, UserRecord } from '../../typings/domain';
import type { AuditView } from '../../typings/actions/accounts';
import type { Database, Transaction } from './cloud';
import { COLLECTION } from './collections';
import { cursorText } from './validate';
import { pageAfter } from './paging';

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

/**
 * Who and which child the entries of a page name, read together (three batched queries at once, never one per entry):
 * the people's nicknames, their labels in the school (by person, role and child: a guardian of two children is
 * 林小禾的奶奶 on one's entries and 周子墨的外婆 on the other's; else by person and role, else by person), and the
 * children's names.
 */
async function auditNames(db: Database, schoolId: string, entries: AuditEntry[]) {
  const _ = db.command;
  const openids = [...new Set(entries.map((r) => r.openid))];
  const childIds = [...new Set(entries.map((r) => r.childId).filter((id): id is string => !!id))];
  const none = Promise.resolve({ data: [] as unknown[] });
  const [users, bindings, children] = await Promise.all([
    openids.length
      ? db
          .collection(COLLECTION.users)
          .where({ _id: _.in(openids) })
          .limit(1000)
          .get()
      : none,
    openids.length
      ? db
          .collection(COLLECTION.bindings)
          .where({ schoolId, openid: _.in(openids) })
          .limit(1000)
          .get()
      : none,
    childIds.length
      ? db
          .collection(COLLECTION.children)
          .where({ _id: _.in(childIds) })
          .field({ name: true })
          .limit(1000)
          .get()
      : none,
  ]);
  const label = new Map<string, string>();
  // a current binding's label wins over a revoked one's (someone removed is still named by what they were)
  const ordered = (bindings.data as BindingRecord[]).filter((b) => b.label).sort((a, b) => Number(!a.revokedAt) - Number(!b.revokedAt));
  for (const b of ordered) for (const key of [`${b.openid}|${b.role}|${b.childId}`, `${b.openid}|${b.role}`, b.openid]) label.set(key, b.label);
  return {
    nickname: new Map((users.data as UserRecord[]).map((u) => [u._id, u.nickname])),
    label,
    child: new Map((children.data as { _id: string; name: string }[]).map((c) => [c._id, c.name])),
  };
}

/** The audit trail of a school, newest first, filtered by child or person, paged by (time, id). */
export async function listAudit(db: Database, query: AuditQuery): Promise<{ entries: AuditView[]; next: string | null }> {
  const limit = query.limit ?? 50;
  const where: Record<string, unknown> = { schoolId: query.schoolId };
  if (query.childId) where.childId = query.childId;
  if (query.openid) where.openid = query.openid;
  // Many entries share one instant (a roster read writes one per child): pageAfter pages by (at, _id).
  const filter = pageAfter(db, where, query.before, { field: 'at', order: 'desc', separator: CURSOR_SEPARATOR, path: 'before' });
  const res = await db
    .collection(COLLECTION.auditLog)
    .where(filter)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit + 1)
    .get();
  const rows = res.data as (AuditEntry & { _id: string })[];
  const page = rows.slice(0, limit);
  const names = await auditNames(db, query.schoolId, page);
  const entries = page.map((r) => ({
    at: r.at.toISOString(),
    openid: r.openid,
    nickname: names.nickname.get(r.openid) ?? null,
    label: names.label.get(`${r.openid}|${r.role}|${r.childId}`) ?? names.label.get(`${r.openid}|${r.role}`) ?? names.label.get(r.openid) ?? null,
    role: r.role,
    action: r.action,
    kind: r.kind,
    childId: r.childId,
    childName: r.childId ? (names.child.get(r.childId) ?? null) : null,
    fields: r.fields ?? [],
    note: r.note ?? null,
  }));
  const last = page[page.length - 1];
  return { entries, next: rows.length > limit ? cursorText(last.at, last._id, CURSOR_SEPARATOR) : null };
}
