/**
 * Slot locks: every quarter hour a call holds, once for its device and once for its child, as a document whose
 * _id names the device (or child) and the quarter: d_<deviceId>_<YYYYMMDDHHmm>, c_<childId>_<YYYYMMDDHHmm>.
 * The database refuses a second document with the same _id and a transaction that writes one another open
 * transaction is writing, so two bookings that overlap anywhere, however concurrent, cannot both be stored.
 * Locks are written first in each transaction: a losing transaction fails before it holds anything.
 */
import type { SlotLock } from '../../../typings/domain';
import { addEach, type Database, type Transaction } from '../cloud';
import { COLLECTION } from '../collections';
import { beijing } from '../time';
import { QUARTER_MIN } from './clock';

export interface Placed {
  occurrenceId: string;
  childId: string;
  deviceId: string;
  schoolId: string;
  startsAt: Date;
  minutes: number;
}

export function locksOf(p: Placed): SlotLock[] {
  const out: SlotLock[] = [];
  for (let q = 0; q < p.minutes / QUARTER_MIN; q++) {
    const at = new Date(p.startsAt.getTime() + q * QUARTER_MIN * 60000);
    const stamp = beijing(at).format('YYYYMMDDHHmm');
    const base = { childId: p.childId, occurrenceId: p.occurrenceId, schoolId: p.schoolId, at };
    out.push({ _id: `d_${p.deviceId}_${stamp}`, kind: 'device', deviceId: p.deviceId, ...base });
    out.push({ _id: `c_${p.childId}_${stamp}`, kind: 'child', deviceId: null, ...base });
  }
  return out;
}

const IN_CHUNK = 500;

/**
 * Write the locks of a transaction: the first device quarter alone, then the rest together. Written all at once,
 * fifty bookings of one slot each take some quarter first and refuse each other's, so every one of them fails;
 * taking the same first lock first, one of them holds it and the others fail on it.
 */
export async function claimLocks(tx: Transaction, locks: readonly SlotLock[]): Promise<void> {
  const ordered = [...locks].sort((a, b) => (a.kind === b.kind ? (a._id < b._id ? -1 : 1) : a.kind === 'device' ? -1 : 1));
  if (!ordered.length) return;
  await tx.collection(COLLECTION.slotLocks).add(ordered[0]);
  await addEach(tx, COLLECTION.slotLocks, ordered.slice(1));
}

/**
 * The existing locks among these ids. Pass the transaction as `reader` inside one (a transaction object has no
 * `command`, hence `_`): its reads are then checked again at commit.
 */
export async function existingLocks(reader: Pick<Database, 'collection'> | Transaction, _: Database['command'], ids: string[]): Promise<SlotLock[]> {
  const out: SlotLock[] = [];
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    const res = await reader
      .collection(COLLECTION.slotLocks)
      .where({ _id: _.in(ids.slice(i, i + IN_CHUNK)) })
      .limit(1000)
      .get();
    out.push(...(res.data as SlotLock[]));
  }
  return out;
}

export function isLockClash(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return (
    e?.code === 'DATABASE_DUPLICATE_WRITE' || e?.code === 'DATABASE_TRANSACTION_CONFLICT' || /duplicate|E11000|TransactionConflict/i.test(e?.message ?? '')
  );
}
