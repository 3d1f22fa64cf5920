/**
 * Transactions (database.startTransaction / commitTransaction / abortTransaction), optimistic and isolated.
 *
 * - Reads inside a transaction see the committed data plus the transaction's own writes (its overlay).
 * - Writes are buffered in the overlay and applied in one SQLite transaction at commit.
 * - Conflicts fail with DATABASE_TRANSACTION_CONFLICT, the one code the SDK's runTransaction retries on:
 *     · a write to a document another open transaction has already written (the second writer fails at once);
 *     · a write to a document committed by someone else since this transaction started;
 *     · at commit, any document the transaction read or wrote that was committed by someone else since it started.
 *   A failed commit discards the transaction.
 * - Open transactions expire after 30 s (CloudBase's limit); an unknown or expired id is DATABASE_TRANSACTION_FAIL.
 *
 * Every committed write (inside or outside transactions) is recorded with a sequence number while transactions
 * are open, which is what "changed since it started" is checked against.
 */
import { randomBytes } from 'node:crypto';
import { DbError, ErrorCode } from './errors';
import type { Doc } from './ejson';
import type { Overlay } from './query';
import type { CollectionInfo, Store } from './store';

export const TRANSACTION_TIMEOUT_MS = 30_000;

export interface Transaction {
  id: string;
  startSeq: number;
  expiresAt: number;
  /** collection -> (idKey -> pending document, null = delete). */
  writes: Map<string, Overlay>;
  /** `collection\u0000idKey` of every document read or written. */
  touched: Set<string>;
}

const ref = (coll: string, key: string) => `${coll}\u0000${key}`;

function conflict(message: string): DbError {
  return new DbError(ErrorCode.TRANSACTION_CONFLICT, `[TransactionConflict] ${message}`);
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  /** Document ref -> id of the open transaction that holds a pending write on it. */
  private readonly writers = new Map<string, string>();
  /** Document ref -> sequence number of its last committed write (kept only while transactions are open). */
  private readonly lastWrite = new Map<string, number>();
  private seq = 0;

  constructor(private readonly timeoutMs = TRANSACTION_TIMEOUT_MS) {}

  start(now = Date.now()): Transaction {
    this.sweep(now);
    const tx: Transaction = {
      id: randomBytes(16).toString('hex'),
      startSeq: this.seq,
      expiresAt: now + this.timeoutMs,
      writes: new Map(),
      touched: new Set(),
    };
    this.open.set(tx.id, tx);
    return tx;
  }

  /** The open transaction, or DATABASE_TRANSACTION_FAIL. */
  get(id: unknown, now = Date.now()): Transaction {
    this.sweep(now);
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) {
      throw new DbError(
        ErrorCode.TRANSACTION_FAIL,
        `事务 ${String(id)} 不存在、已结束或已超时 (transaction not found, finished or expired after ${this.timeoutMs / 1000}s)`,
      );
    }
    return tx;
  }

  /** Drops transactions past their deadline, releasing their pending writes. */
  sweep(now = Date.now()): void {
    for (const tx of this.open.values()) if (tx.expiresAt <= now) this.finish(tx);
  }

  /** Records committed writes (call for every write, transactional or not). */
  noteCommitted(coll: string, keys: Iterable<string>): void {
    if (this.open.size === 0) return;
    this.seq++;
    for (const k of keys) this.lastWrite.set(ref(coll, k), this.seq);
  }

  overlay(tx: Transaction, coll: string): Overlay | undefined {
    return tx.writes.get(coll);
  }

  noteRead(tx: Transaction, coll: string, keys: Iterable<string>): void {
    for (const k of keys) tx.touched.add(ref(coll, k));
  }

  /** Fails if `tx` may not write the document: another transaction holds a pending write on it, or it changed. */
  checkWritable(tx: Transaction, coll: string, key: string): void {
    const r = ref(coll, key);
    const holder = this.writers.get(r);
    if (holder && holder !== tx.id) {
      throw conflict(`文档 ${coll}/${key} 正被另一个事务修改 (document is being written by another transaction)`);
    }
    if ((this.lastWrite.get(r) ?? 0) > tx.startSeq) {
      throw conflict(`文档 ${coll}/${key} 在事务开始后已被修改 (document changed since the transaction started)`);
    }
  }

  /** Registers a pending write (after checkWritable). */
  write(tx: Transaction, coll: string, key: string, seq: number | undefined, doc: Doc | null): void {
    this.checkWritable(tx, coll, key);
    const r = ref(coll, key);
    this.writers.set(r, tx.id);
    tx.touched.add(r);
    let overlay = tx.writes.get(coll);
    if (!overlay) {
      overlay = new Map();
      tx.writes.set(coll, overlay);
    }
    const prev = overlay.get(key);
    overlay.set(key, { seq: prev ? prev.seq : seq, doc });
  }

  /**
   * Validates and applies the transaction. `apply` writes the overlay of one collection inside the SQLite
   * transaction. The transaction is finished whatever happens.
   */
  commit(store: Store, tx: Transaction, apply: (info: CollectionInfo, overlay: Overlay) => void): void {
    try {
      for (const r of tx.touched) {
        if ((this.lastWrite.get(r) ?? 0) > tx.startSeq) {
          const [coll, key] = r.split('\u0000');
          throw conflict(`文档 ${coll}/${key} 在事务开始后已被修改，提交失败 (document changed since the transaction started)`);
        }
      }
      store.atomic(() => {
        for (const [coll, overlay] of tx.writes) apply(store.collection(coll), overlay);
      });
      for (const [coll, overlay] of tx.writes) this.noteCommitted(coll, overlay.keys());
    } finally {
      this.finish(tx);
    }
  }

  abort(tx: Transaction): void {
    this.finish(tx);
  }

  private finish(tx: Transaction): void {
    if (!this.open.delete(tx.id)) return;
    for (const [coll, overlay] of tx.writes) {
      for (const key of overlay.keys()) {
        const r = ref(coll, key);
        if (this.writers.get(r) === tx.id) this.writers.delete(r);
      }
    }
    if (this.open.size === 0) this.lastWrite.clear();
  }

  get openCount(): number {
    return this.open.size;
  }
}
