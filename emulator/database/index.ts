/**
 * The emulator's CloudBase database service: answers the `database.*` actions that @cloudbase/node-sdk posts to
 * `serviceUrl` (POST /admin), with CloudBase semantics, stored in SQLite.
 *
 *   ejson.ts         EJSON in/out, db.serverDate(), ids, sizes, depth limits
 *   keys.ts          index key expressions over the stored EJSON
 *   store.ts         SQLite tables, declared indexes, row writes
 *   planner.ts       filter -> SQL narrowing (+ explainPlan)
 *   mingo.ts         the parts of mingo the emulator builds on
 *   operators.ts     mingo's options: MongoDB semantics where mingo differs ($elemMatch, $week, geo, $jsonSchema...)
 *   geo.ts           spherical distances and regions for the geo queries
 *   jsonschema.ts    the $jsonSchema validator
 *   query.ts         filter validation, executor (SQL + mingo), sort/skip/limit/projection
 *   update.ts        replacement and update operators
 *   aggregate.ts     aggregation pipelines
 *   transactions.ts  snapshot-isolated transactions
 *   actions.ts       one function per action
 */
import type Database from 'better-sqlite3';
import type { IndexDeclaration } from './declarations';
import { ACTIONS, type Context, isPlainBody } from './actions';
import { DbError, ErrorCode, errorReply, invalidParam, newRequestId } from './errors';
import { type Explain, type SortSpec, explainPlan } from './planner';
import type { Doc } from './ejson';
import { Store } from './store';
import { TRANSACTION_TIMEOUT_MS, TransactionManager } from './transactions';

export interface DatabaseService {
  /** body = the parsed JSON body of POST /admin whose action starts with 'database.'; returns the JSON reply (success shape from the capture, or { code, message, requestId } on error — never throws). */
  handle(body: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** The open better-sqlite3 handle (WAL), for the wx.api outbox and benchmarks. */
  sqlite: import('better-sqlite3').Database;
  close(): void;
}

export interface OpenDatabaseOptions {
  dataDir: string;
  collections: string[];
  indexes: IndexDeclaration[];
  /** How long an uncommitted transaction lives (default 30 s, CloudBase's limit). */
  transactionTimeoutMs?: number;
}

class Service implements DatabaseService {
  readonly store: Store;
  readonly txm: TransactionManager;
  private closed = false;

  constructor(opts: OpenDatabaseOptions) {
    this.store = new Store(opts.dataDir, opts.collections, opts.indexes);
    this.txm = new TransactionManager(opts.transactionTimeoutMs ?? TRANSACTION_TIMEOUT_MS);
  }

  get sqlite(): Database.Database {
    return this.store.db;
  }

  async handle(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const requestId = newRequestId();
    try {
      if (this.closed) throw new DbError(ErrorCode.SYS_ERR, '数据库已关闭 (the database service is closed)');
      if (!isPlainBody(body)) throw invalidParam('请求体必须是 JSON 对象 (the request body must be a JSON object)');
      const action = body.action;
      const fn = typeof action === 'string' ? ACTIONS[action] : undefined;
      if (!fn) {
        throw new DbError(ErrorCode.INVALID_ACTION, `不支持的操作 ${JSON.stringify(action)} (unknown action; supported: ${Object.keys(ACTIONS).join(', ')})`);
      }
      const ctx: Context = { store: this.store, txm: this.txm, now: Date.now() };
      this.txm.sweep(ctx.now);
      return { ...fn(ctx, body), requestId };
    } catch (err) {
      return errorReply(err, requestId);
    }
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.store.close();
  }
}

export function openDatabase(opts: OpenDatabaseOptions): DatabaseService {
  return new Service(opts);
}

/** How a find on `collection` with `filter` (already native values) runs on a service: the SQL and the indexes it uses. */
export function explainQuery(service: DatabaseService, collection: string, filter: Doc, sort?: SortSpec): Explain {
  if (!(service instanceof Service)) throw new Error('explainQuery needs a service made by openDatabase');
  return explainPlan(service.store, collection, filter, sort);
}

export { ErrorCode } from './errors';
export { DEFAULT_LIMIT, MAX_LIMIT } from './actions';
export { TRANSACTION_TIMEOUT_MS } from './transactions';
export { MAX_DOCUMENT_BYTES } from './ejson';
