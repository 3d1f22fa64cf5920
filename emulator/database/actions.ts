/**
 * One function per `database.*` action of the tcb-api wire protocol, as @cloudbase/node-sdk 3.18 sends them
 * (see shared/reference/tcb-wire-capture.json). Each returns the success body without requestId, or throws DbError.
 */
import { randomUUID } from 'node:crypto';
import { DbError, ErrorCode, invalidParam } from './errors';
import { type Doc, idKey, isPlainObject, isValidId, parseObjectParam, parseParam, replyEJSON, storedReply, toEJSON } from './ejson';
import { parseStages, runAggregate } from './aggregate';
import { type Overlay, compileFilter, countRows, findRows, parseSort, project, validateProjection } from './query';
import type { CollectionInfo, Row, Store } from './store';
import { type Transaction, TransactionManager } from './transactions';
import { buildUpdater, checkDocument, upsertBase } from './update';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

type Body = Record<string, unknown>;
type Reply = Record<string, unknown>;

export interface Context {
  store: Store;
  txm: TransactionManager;
  /** Request time: db.serverDate() values of one request are all this instant. */
  now: number;
}

/** A new document id: 32 hex digits, like the ids CloudBase generates. */
export function newDocId(): string {
  return randomUUID().replace(/-/g, '');
}

// ---- parameters -------------------------------------------------------------------------------

function collectionOf(ctx: Context, body: Body): CollectionInfo {
  const name = body.collectionName;
  if (typeof name !== 'string' || name === '') {
    throw invalidParam('缺少参数 collectionName (collectionName is required)');
  }
  return ctx.store.collection(name);
}

function queryTypeOf(body: Body): 'WHERE' | 'DOC' {
  const t = body.queryType ?? 'WHERE';
  if (t !== 'WHERE' && t !== 'DOC') throw invalidParam(`queryType 只能是 WHERE 或 DOC (invalid queryType ${String(t)})`);
  return t;
}

function filterOf(ctx: Context, body: Body, queryType: 'WHERE' | 'DOC'): Doc {
  const filter = body.query === undefined || body.query === '' ? {} : parseObjectParam(body.query, 'query', ctx.now);
  if (queryType === 'DOC' && !isValidId(filter._id)) {
    throw invalidParam('按文档读写时 query 必须包含合法的 _id (a DOC request needs a valid _id)');
  }
  return filter;
}

function integerParam(body: Body, name: string): number | undefined {
  const v = body[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw invalidParam(`${name} 必须是非负整数 (${name} must be a non-negative integer, got ${JSON.stringify(v)})`);
  }
  return v;
}

function transactionOf(ctx: Context, body: Body): Transaction | undefined {
  if (body.transactionId === undefined || body.transactionId === null || body.transactionId === '') return undefined;
  return ctx.txm.get(body.transactionId, ctx.now);
}

/**
 * CloudBase runs only single-record operations inside a transaction (“事务操作时为保障效率和并发性，只允许进行单记录操作，
 * 不允许进行批量操作，但可以在一个事务中对多个记录进行操作”): a write by _id, an add of one document, where().get()
 * and where().updateAndReturn(). The SDK sends where().update()/remove() and count() without the transaction id
 * (they run outside it, as plain requests); whatever arrives with one is refused.
 */
function singleDocOnly(queryType: string): void {
  if (queryType !== 'DOC') {
    throw invalidParam('事务中只支持按文档 _id 的写操作 (inside a transaction only document-level writes are allowed)');
  }
}

function oneDocumentOnly(count: number): void {
  if (count > 1) {
    throw invalidParam(
      `事务中不支持批量插入，每次只能插入一条文档，可在一个事务中多次插入 (inside a transaction add() takes one document per request, got ${count})`,
    );
  }
}

/** One document as a transaction sees it (`view` from TransactionManager.view): its snapshot or own version. */
function txVersion(ctx: Context, view: Overlay, info: CollectionInfo, key: string): { seq?: number; doc: Doc } | undefined {
  const seen = view.get(key);
  if (seen) return seen.doc ? { seq: seen.seq, doc: seen.doc } : undefined;
  return ctx.store.getByKey(info, key);
}

/** The versions rows had before a write, for the transactions' snapshots. */
const replaced = (rows: Row[]) => rows.map((r) => ({ key: r.key, before: { seq: r.seq, doc: r.doc } }));

// ---- actions ----------------------------------------------------------------------------------

export function getDocument(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const queryType = queryTypeOf(body);
  const filter = compileFilter(filterOf(ctx, body, queryType), info);
  const requested = integerParam(body, 'limit');
  const limit = !requested ? DEFAULT_LIMIT : Math.min(requested, MAX_LIMIT);
  const offset = integerParam(body, 'offset') ?? 0;
  const sort = body.order === undefined ? undefined : parseSort(parseParam(body.order, 'order', ctx.now));
  let projection: Doc | undefined;
  if (body.projection !== undefined) {
    projection = parseObjectParam(body.projection, 'projection', ctx.now);
    validateProjection(projection);
  }
  const tx = transactionOf(ctx, body);
  const rows = findRows(ctx.store, info, filter, { sort, skip: offset, limit }, tx && ctx.txm.view(tx, info.name));
  // Without a projection a row read from its table answers with its stored text when that is its reply already.
  const list = projection
    ? project(
        rows.map((r) => r.doc),
        projection,
      ).map(replyEJSON)
    : rows.map((r) => (r.text !== undefined && storedReply(r.text)) || replyEJSON(r.doc));
  return { data: { list, total: list.length, limit, offset } };
}

export function insertDocument(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const raw = typeof body.data === 'string' ? [body.data] : body.data;
  if (!Array.isArray(raw) || raw.length === 0) {
    throw invalidParam('data 必须是非空的文档数组 (data must be a non-empty array of EJSON documents)');
  }
  const docs = raw.map((d, i) => {
    const parsed = parseObjectParam(d, `data[${i}]`, ctx.now);
    if ('_id' in parsed && !isValidId(parsed._id)) {
      throw invalidParam(`data[${i}] 的 _id 必须是非空字符串或数字 (_id must be a non-empty string or a number)`);
    }
    const { _id, ...rest } = parsed;
    const doc: Doc = { _id: _id ?? newDocId(), ...rest };
    checkDocument(doc);
    return doc;
  });
  const keys = docs.map((d) => idKey(d._id));
  const seen = new Set<string>();
  keys.forEach((k, i) => {
    if (seen.has(k)) {
      throw new DbError(
        ErrorCode.DUPLICATE_WRITE,
        `[DuplicateWrite] E11000 duplicate key error collection: ${info.name} index: _id_ dup key: { _id: ${JSON.stringify(docs[i]._id)} } (同一批次中 _id 重复)`,
      );
    }
    seen.add(k);
  });

  const tx = transactionOf(ctx, body);
  if (tx) {
    oneDocumentOnly(docs.length);
    const view = ctx.txm.view(tx, info.name);
    keys.forEach((k, i) => {
      if (txVersion(ctx, view, info, k)) {
        throw new DbError(
          ErrorCode.DUPLICATE_WRITE,
          `[DuplicateWrite] E11000 duplicate key error collection: ${info.name} index: _id_ dup key: { _id: ${JSON.stringify(docs[i]._id)} } (文档 _id 已存在)`,
        );
      }
      ctx.txm.checkWritable(tx, info.name, k);
    });
    keys.forEach((k, i) => ctx.txm.write(tx, info.name, k, undefined, docs[i]));
  } else {
    ctx.store.atomic(() => docs.forEach((d) => ctx.store.insert(info, d)));
    ctx.txm.noteCommitted(
      info.name,
      keys.map((key) => ({ key, before: null })),
    );
  }
  return { data: { insertedIds: docs.map((d) => d._id) } };
}

export function modifyDocument(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const queryType = queryTypeOf(body);
  // The cloud refuses an update without a condition (collection.update()) rather than change every document.
  if (queryType === 'WHERE' && (body.query === undefined || body.query === '')) {
    throw invalidParam('更新文档时必须指定查询条件 (query is required: use where() to choose the documents to update)');
  }
  const filterDoc = filterOf(ctx, body, queryType);
  const filter = compileFilter(filterDoc, info);
  if (body.data === undefined) throw invalidParam('缺少参数 data (data is required)');
  const data = parseObjectParam(body.data, 'data', ctx.now);
  const merge = body.merge !== false;
  const upsert = body.upsert === true;
  const multi = body.multi === true;
  const updater = buildUpdater(data, merge);
  const makeUpsert = (): Doc => {
    const id = isValidId(filterDoc._id) ? filterDoc._id : newDocId();
    const doc = updater(merge ? upsertBase(filterDoc, id) : { _id: id });
    checkDocument(doc);
    return doc;
  };

  // `updated` counts the documents matched, changed or not, as the cloud does; unchanged ones are not rewritten.
  const tx = transactionOf(ctx, body);
  if (tx) {
    singleDocOnly(queryType);
    const key = idKey(filterDoc._id);
    const current = txVersion(ctx, ctx.txm.view(tx, info.name), info, key);
    if (current && filter.test(current.doc)) {
      const next = updater(current.doc);
      checkDocument(next);
      if (toEJSON(next) !== toEJSON(current.doc)) ctx.txm.write(tx, info.name, key, current.seq, next);
      return { data: { updated: 1 } };
    }
    if (!upsert || current) return { data: { updated: 0 } };
    const doc = makeUpsert();
    ctx.txm.write(tx, info.name, key, undefined, doc);
    return { data: { updated: 0, upsert_id: doc._id } };
  }

  const rows = findRows(ctx.store, info, filter, { limit: multi ? undefined : 1 });
  if (rows.length === 0) {
    if (!upsert) return { data: { updated: 0 } };
    const doc = makeUpsert();
    ctx.store.insert(info, doc);
    ctx.txm.noteCommitted(info.name, [{ key: idKey(doc._id), before: null }]);
    return { data: { updated: 0, upsert_id: doc._id } };
  }
  const changed: { row: Row; next: Doc }[] = [];
  for (const row of rows) {
    const next = updater(row.doc);
    checkDocument(next);
    if (toEJSON(next) !== toEJSON(row.doc)) changed.push({ row, next });
  }
  ctx.store.atomic(() => changed.forEach((c) => ctx.store.replace(info, c.row.seq, c.next)));
  ctx.txm.noteCommitted(info.name, replaced(changed.map((c) => c.row)));
  return { data: { updated: rows.length } };
}

/** database.modifyAndReturnDoc (`where().updateAndReturn()`): updates the first match and returns it, in a transaction too. */
export function modifyAndReturnDoc(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const filter = compileFilter(filterOf(ctx, body, queryTypeOf(body)), info);
  if (body.data === undefined) throw invalidParam('缺少参数 data (data is required)');
  const updater = buildUpdater(parseObjectParam(body.data, 'data', ctx.now), true);
  const tx = transactionOf(ctx, body);
  const [row] = findRows(ctx.store, info, filter, { limit: 1 }, tx && ctx.txm.view(tx, info.name));
  if (!row) return { data: { updated: 0, doc: null } };
  const next = updater(row.doc);
  checkDocument(next);
  if (toEJSON(next) !== toEJSON(row.doc)) {
    if (tx) {
      ctx.txm.write(tx, info.name, row.key, row.seq, next);
    } else {
      ctx.store.replace(info, row.seq, next);
      ctx.txm.noteCommitted(info.name, replaced([row]));
    }
  }
  return { data: { updated: 1, doc: replyEJSON(next) } };
}

export function removeDocument(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const queryType = queryTypeOf(body);
  const filterDoc = filterOf(ctx, body, queryType);
  const filter = compileFilter(filterDoc, info);
  const multi = body.multi === true;

  const tx = transactionOf(ctx, body);
  if (tx) {
    singleDocOnly(queryType);
    const key = idKey(filterDoc._id);
    const current = txVersion(ctx, ctx.txm.view(tx, info.name), info, key);
    if (!current || !filter.test(current.doc)) return { data: { deleted: 0 } };
    ctx.txm.write(tx, info.name, key, current.seq, null);
    return { data: { deleted: 1 } };
  }

  const rows = findRows(ctx.store, info, filter, { limit: multi ? undefined : 1 });
  ctx.store.atomic(() => rows.forEach((r) => ctx.store.delete(info, r.seq)));
  ctx.txm.noteCommitted(info.name, replaced(rows));
  return { data: { deleted: rows.length } };
}

export function calculateDocument(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const filter = compileFilter(filterOf(ctx, body, queryTypeOf(body)), info);
  if (transactionOf(ctx, body)) throw invalidParam('事务中不支持 count 统计 (count() is not available inside a transaction)');
  return { data: { total: countRows(ctx.store, info, filter) } };
}

/** How many results an aggregation answers when its pipeline has no $limit stage (as the cloud answers a cloud function). */
export const DEFAULT_AGGREGATE_LIMIT = 20;

export function aggregateDocuments(ctx: Context, body: Body): Reply {
  const info = collectionOf(ctx, body);
  const pipeline = parseStages(body.stages, ctx.now);
  const results = runAggregate(ctx.store, info.name, pipeline);
  const limited = pipeline.some((stage) => '$limit' in stage);
  const list = (limited ? results : results.slice(0, DEFAULT_AGGREGATE_LIMIT)).map(replyEJSON);
  return { data: { list } };
}

export function addCollection(ctx: Context, body: Body): Reply {
  const name = body.collectionName;
  if (typeof name !== 'string' || name === '') {
    throw invalidParam('缺少参数 collectionName (collectionName is required)');
  }
  ctx.store.create(name);
  return {};
}

export function startTransaction(ctx: Context): Reply {
  return { transactionId: ctx.txm.start(ctx.now).id };
}

export function commitTransaction(ctx: Context, body: Body): Reply {
  ctx.txm.commit(ctx.store, ctx.txm.get(body.transactionId, ctx.now));
  return {};
}

export function abortTransaction(ctx: Context, body: Body): Reply {
  ctx.txm.abort(ctx.txm.get(body.transactionId, ctx.now));
  return {};
}

export const ACTIONS: Record<string, (ctx: Context, body: Body) => Reply> = {
  'database.getDocument': getDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.removeDocument': removeDocument,
  'database.calculateDocument': calculateDocument,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
};

export function isPlainBody(body: unknown): body is Body {
  return isPlainObject(body);
}
