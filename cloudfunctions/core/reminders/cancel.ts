/**
 * Withdrawing reminders that have not gone out, when what they remind of no longer holds (a family call cancelled
 * or moved). Outbox entries still pending become `cancelled` (delivery only takes `pending`, so they are never
 * sent); the inbox entries of the same ids are removed, pending or already shown, so the 消息中心 holds no reminder
 * of a call that will not happen. Entries already sent or being sent stay as they are: the feature tells the person
 * about the change with a reminder of its own.
 */
import type { Database } from '../cloud';
import { COLLECTION } from '../collections';

export interface CancelFilter {
  /** The subjects (e.g. call ids) whose reminders to withdraw. */
  subjects: string[];
  /** Only these occurrences (e.g. the call's old start time); all when omitted. */
  occurrence?: string;
  /** Only these kinds; all when omitted. */
  kinds?: string[];
}

const IN_CHUNK = 100;

/** Returns how many pending WeChat messages were withdrawn and how many inbox entries were removed. */
export async function cancelReminders(db: Database, filter: CancelFilter, now: Date): Promise<{ cancelled: number; hidden: number }> {
  const _ = db.command;
  let cancelled = 0;
  let hidden = 0;
  for (let i = 0; i < filter.subjects.length; i += IN_CHUNK) {
    const where: Record<string, unknown> = { subject: _.in(filter.subjects.slice(i, i + IN_CHUNK)) };
    if (filter.occurrence) where.occurrence = filter.occurrence;
    if (filter.kinds) where.kind = _.in(filter.kinds);
    const res = await db.collection(COLLECTION.outbox).where(where).field({ _id: true, status: true }).limit(1000).get();
    const rows = res.data as { _id: string; status: string }[];
    if (!rows.length) continue;
    const pending = rows.filter((r) => r.status === 'pending').map((r) => r._id);
    if (pending.length) {
      // status in the condition: an entry a delivery run claimed meanwhile is left to that run.
      const r = await db
        .collection(COLLECTION.outbox)
        .where({ _id: _.in(pending), status: 'pending' })
        .update({ status: 'cancelled', finishedAt: now });
      cancelled += r.updated ?? 0;
    }
    const removed = await db
      .collection(COLLECTION.inbox)
      .where({ _id: _.in(rows.map((r) => r._id)) })
      .remove();
    hidden += removed.deleted ?? 0;
  }
  return { cancelled, hidden };
}
