/**
 * The history of a child's archive, contact card and care network (every change, versioned, with a field-level diff).
 * Entries hold the old and new values, so reading them follows the same per-role view as the archive itself.
 */
import type { Role } from '../../../typings/roles';
import type { ArchiveChange } from '../../../typings/domain';
import type { HistoryEntryView } from '../../../typings/actions/archive';
import type { Database } from '../cloud';
import { audit, type AuditActor } from '../audit';
import { COLLECTION } from '../collections';
import { historyValue } from '../privacy/views';
import { fieldLabel } from './labels';
import type { FieldChange } from './diff';

export function historyEntry(a: {
  schoolId: string;
  childId: string;
  target: ArchiveChange['target'];
  version: number;
  now: Date;
  openid: string;
  role: Role | null;
  /** The binding's label, e.g. "三年级(1)班 班主任": who, in words, without another read. */
  label: string | null;
  action: string;
  changes: FieldChange[];
  note?: string | null;
}): Omit<ArchiveChange, '_id'> {
  return {
    schoolId: a.schoolId,
    childId: a.childId,
    target: a.target,
    version: a.version,
    at: a.now,
    by: a.openid,
    byRole: a.role,
    byLabel: a.label,
    action: a.action,
    changes: a.changes,
    note: a.note ?? null,
  };
}

/** Newest first, `limit` entries before `before` (paging by time). */
export async function loadHistory(db: Database, childId: string, limit: number, before?: Date): Promise<ArchiveChange[]> {
  const where: Record<string, unknown> = { childId };
  if (before) where.at = db.command.lt(before);
  const res = await db.collection(COLLECTION.archiveHistory).where(where).orderBy('at', 'desc').limit(limit).get();
  return res.data as ArchiveChange[];
}

const HIDDEN = '（无权查看）';

function shown(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  return JSON.stringify(value);
}

export function historyView(entry: ArchiveChange, role: Role): HistoryEntryView {
  return {
    id: entry._id,
    at: entry.at.toISOString(),
    target: entry.target,
    version: entry.version,
    by: entry.byLabel ?? null,
    byRole: entry.byRole,
    note: entry.note,
    changes: entry.changes.map((c) => {
      const from = historyValue(entry.target, c.field, c.from, role);
      const to = historyValue(entry.target, c.field, c.to, role);
      return {
        field: c.field,
        label: fieldLabel(c.field),
        from: from === undefined ? HIDDEN : shown(from),
        to: to === undefined ? HIDDEN : shown(to),
      };
    }),
  };
}

/** A page of a child's history as `role` may see it, newest first; the read is audited. */
export async function childHistory(
  db: Database,
  child: { _id: string; schoolId: string },
  role: Role,
  page: { before?: string; limit?: number },
  actor: AuditActor,
): Promise<{ entries: HistoryEntryView[]; next: string | null }> {
  const limit = page.limit ?? 20;
  const rows = await loadHistory(db, child._id, limit + 1, page.before ? new Date(page.before) : undefined);
  const shown = rows.slice(0, limit);
  await audit(db, actor, [{ kind: 'read', schoolId: child.schoolId, childId: child._id, fields: ['history'] }]);
  return { entries: shown.map((h) => historyView(h, role)), next: rows.length > limit ? shown[shown.length - 1].at.toISOString() : null };
}
