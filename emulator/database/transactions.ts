/**
 * Transactions (database.startTransaction / commitTransaction / abortTransaction), with MongoDB's snapshot
 * isolation, as CloudBase runs them:
 *
 * - A transaction reads from a snapshot taken at its first operation: commits made after that (by plain writes or
 *   other transactions) stay invisible to it; its own writes are visible to it.
 * - Writes are buffered and applied in one SQLite transaction at commit.
 * - Only writes collide (DATABASE_TRANSACTION_CONFLICT, the code the SDK's runTransaction retries on):
 *     · writing a document another open transaction has a pending write on (the second writer fails at once);
 *     · writing a document committed by someone else since the snapshot (fails at once);
 *     · at commit, a document it wrote that someone else committed meanwhile (a plain write does not wait).
 *   A document the transaction only read may change meanwhile: that aborts nothing (no read-set validation).
 * - Open transactions expire after 30 s (CloudBase's limit); an unknown, finished or expired id is
 *   DATABASE_TRANSACTION_FAIL with the cloud's message.
 *
 * While transactions are open, every committed write keeps the version it replaced, so a snapshot can be rebuilt:
 * for each document changed since the snapshot, the version it had then (or its absence).
 */
import { randomBytes } from 'node:crypto';
import { DbError, ErrorCode } from './errors';
import type { Doc } from './ejson';
import type { Overlay } from './query';
import type { CollectionInfo, Store } from './store';

export const TRANSACTION_TIMEOUT_MS = 30_000;

const CONFLICT_MESSAGE =
  '[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. Please check your request, but if the problem persists, contact us.';
const NOT_EXIST_MESSAGE =
  '[ResourceUnavailable.TransactionNotExist] Transaction does not exist on the server, transaction must be commit or abort in 30 seconds. Please check your request, but if the problem persists, contact us.';

export interface Transaction {
  id: string;
  expiresAt: number;
  /** The sequence number its reads see, fixed at its first operation. */
  snapshot?: number;
  /** collection -> (idKey -> pending document, null = delete). */
  writes: Map<string, Overlay>;
}

/** A committed document version: its row order and content. */
export interface Version {
  seq: number;
  doc: Doc;
}

/** One committed write to one document: when, and what it replaced (null: the document did not exist). */
interface Change {
  seq: number;
  before: Version | null;
}

const ref = (coll: string, key: string) => `${coll}\u0000${key}`;

function conflict(): DbError {
  return new DbError(ErrorCode.TRANSACTION_CONFLICT, CONFLICT_MESSAGE);
}

export class TransactionManager {
  private readonly open = new Map<string, Transaction>();
  /** Document ref -> id of the open transaction that holds a pending write on it. */
  private readonly writers = new Map<string, string>();
  /** collection -> idKey -> committed writes in order (kept only while transactions are open). */
  private readonly history = new Map<string, Map<string, Change[]>>();
  private seq = 0;

  constructor(private readonly timeoutMs = TRANSACTION_TIMEOUT_MS) {}

  start(now = Date.now()): Transaction {
    this.sweep(now);
    const tx: Transaction = { id: randomBytes(16).toString('hex'), expiresAt: now + this.timeoutMs, writes: new Map() };
    this.open.set(tx.id, tx);
    return tx;
  }

  /** The open transaction, its snapshot taken if this is its first operation; else DATABASE_TRANSACTION_FAIL. */
  get(id: unknown, now = Date.now()): Transaction {
    this.sweep(now);
    const tx = typeof id === 'string' ? this.open.get(id) : undefined;
    if (!tx) throw new DbError(ErrorCode.TRANSACTION_FAIL, NOT_EXIST_MESSAGE);
    tx.snapshot ??= this.seq;
    return tx;
  }

  /** Drops transactions past their deadline, releasing their pending writes. */
  sweep(now = Date.now()): void {
    for (const tx of this.open.values()) if (tx.expiresAt <= now) this.finish(tx);
  }

  /** Records committed writes with the versions they replaced (call for every write, transactional or not). */
  noteCommitted(coll: string, changes: Iterable<{ key: string; before: Version | null }>): void {
    if (this.open.size === 0) return;
    const seq = ++this.seq;
    let byKey = this.history.get(coll);
    if (!byKey) {
      byKey = new Map();
      this.history.set(coll, byKey);
    }
    for (const { key, before } of changes) {
      const list = byKey.get(key) ?? [];
      list.push({ seq, before });
      byKey.set(key, list);
    }
  }

  /**
   * What `tx` sees of `coll` beyond the committed rows: for each document changed since its snapshot the version
   * it had then (null when it did not exist), and over that the transaction's own writes.
   */
  view(tx: Transaction, coll: string): Overlay {
    const view: Overlay = new Map();
    for (const [key, changes] of this.history.get(coll) ?? []) {
      const first = changes.find((c) => c.seq > (tx.snapshot ?? this.seq));
      if (first) view.set(key, first.before ? { seq: first.before.seq, doc: first.before.doc } : { doc: null });
    }
    for (const [key, w] of tx.writes.get(coll) ?? []) view.set(key, w);
    return view;
  }

  private changedSinceSnapshot(tx: Transaction, coll: string, key: string): boolean {
    const changes = this.history.get(coll)?.get(key);
    return !!changes && changes[changes.length - 1].seq > (tx.snapshot ?? this.seq);
  }

  /** Fails when `tx` may not write the document: another transaction holds a pending write on it, or it changed. */
  checkWritable(tx: Transaction, coll: string, key: string): void {
    const holder = this.writers.get(ref(coll, key));
    if ((holder && holder !== tx.id) || this.changedSinceSnapshot(tx, coll, key)) throw conflict();
  }

  /** Registers a pending write; `seq` is the row order of the version it replaces (for natural order). */
  write(tx: Transaction, coll: string, key: string, seq: number | undefined, doc: Doc | null): void {
    this.checkWritable(tx, coll, key);
    this.writers.set(ref(coll, key), tx.id);
    let overlay = tx.writes.get(coll);
    if (!overlay) {
      overlay = new Map();
      tx.writes.set(coll, overlay);
    }
    const prev = overlay.get(key);
    overlay.set(key, { seq: prev ? prev.seq : seq, doc });
  }

  /** Checks for colliding writes and applies the transaction's writes in one SQLite transaction; it ends either way. */
  commit(store: Store, tx: Transaction): void {
    try {
      for (const [coll, overlay] of tx.writes) {
        for (const key of overlay.keys()) if (this.changedSinceSnapshot(tx, coll, key)) throw conflict();
      }
      const applied = store.atomic(() => [...tx.writes].map(([coll, overlay]) => ({ coll, changes: applyOverlay(store, store.collection(coll), overlay) })));
      for (const { coll, changes } of applied) this.noteCommitted(coll, changes);
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
    this.prune();
  }

  /** Forgets the writes no open transaction's snapshot needs any more. */
  private prune(): void {
    let oldest = this.seq;
    for (const t of this.open.values()) if (t.snapshot !== undefined) oldest = Math.min(oldest, t.snapshot);
    for (const [coll, byKey] of this.history) {
      for (const [key, changes] of byKey) {
        const kept = changes.filter((c) => c.seq > oldest);
        if (kept.length) byKey.set(key, kept);
        else byKey.delete(key);
      }
      if (byKey.size === 0) this.history.delete(coll);
    }
  }

  get openCount(): number {
    return this.open.size;
  }
}

/** Writes one collection's pending documents; returns each document's previous version. */
function applyOverlay(store: Store, info: CollectionInfo, overlay: Overlay): { key: string; before: Version | null }[] {
  return [...overlay].map(([key, w]) => {
    const existing = store.getByKey(info, key);
    if (w.doc === null) {
      if (existing) store.delete(info, existing.seq);
    } else if (existing) {
      store.replace(info, existing.seq, w.doc);
    } else {
      store.insert(info, w.doc);
    }
    return { key, before: existing ? { seq: existing.seq, doc: existing.doc } : null };
  });
}
