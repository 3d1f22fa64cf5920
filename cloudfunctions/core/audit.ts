/**
 * Audit trail: every read of an archive or contact card, every change, export and deletion of a child's data.
 * A change and its audit entry commit together: write the entry with the transaction that makes the change
 * (`audit(tx, ...)` inside `db.runTransaction`), so a crash can never leave a change without its entry.
 * A read is audited in one request (`audit(db, ...)`).
 */
import type { Role } from '../../typings/roles';
import type { Database, Transaction } from './cloud';
import { COLLECTION } from './collections';

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
  await db.collection(COLLECTION.auditLog).add(docs.length === 1 ? docs[0] : docs);
}

/** The actor of a handler invocation. */
export function actorOf(ctx: { openid: string; now: Date; action: string; grant: { role: Role } | null }): AuditActor {
  return { openid: ctx.openid, now: ctx.now, action: ctx.action, role: ctx.grant?.role ?? null };
}
