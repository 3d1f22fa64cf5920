/**
 * Audit trail: every read of an archive or contact card, every change, export and deletion of a child's data.
 * Written in the same handler as the read, in one database request per handler.
 */
import type { Role } from '../../typings/roles';
import type { Database } from './cloud';

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

export async function audit(db: Database, actor: AuditActor, entries: Omit<AuditEntry, 'at' | 'openid' | 'role' | 'action'>[]): Promise<void> {
  if (entries.length === 0) return;
  const docs = entries.map((e) => ({ ...e, at: actor.now, openid: actor.openid, role: actor.role, action: actor.action }));
  await db.collection('auditLog').add(docs.length === 1 ? docs[0] : docs);
}

/** The actor of a handler invocation. */
export function actorOf(ctx: { openid: string; now: Date; action: string; grant: { role: Role } | null }): AuditActor {
  return { openid: ctx.openid, now: ctx.now, action: ctx.action, role: ctx.grant?.role ?? null };
}
