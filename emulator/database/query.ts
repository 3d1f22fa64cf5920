/**
 * Reading: filter validation and compilation (mingo), the executor that combines the planner's SQL with mingo,
 * sorting, skip/limit, projection and the transaction overlay.
 */
import { DbError, ErrorCode, invalidParam } from './errors';
import { type Doc, isPlainObject } from './ejson';
import { distanceTo } from './geo';
import { Query } from './mingo';
import { MINGO_OPTIONS, nearSortOf } from './operators';
import { type Plan, type SortSpec, planQuery, sortedPlan } from './planner';
import type { CollectionInfo, Row, Store } from './store';

const LOGICAL = new Set(['$and', '$or', '$nor']);
const TOP_LEVEL = new Set([...LOGICAL, '$expr', '$comment', '$jsonSchema']);
const FIELD_OPS = new Set([
  '$eq',
  '$ne',
  '$gt',
  '$gte',
  '$lt',
  '$lte',
  '$in',
  '$nin',
  '$exists',
  '$type',
  '$regex',
  '$options',
  '$elemMatch',
  '$size',
  '$all',
  '$mod',
  '$not',
  '$bitsAllSet',
  '$bitsAllClear',
  '$bitsAnySet',
  '$bitsAnyClear',
  '$geoWithin',
  '$near',
  '$nearSphere',
]);
/** Geo operators MongoDB has and the emulator does not (see emulator/README.md). */
const UNSUPPORTED_GEO = new Set(['$geoIntersects', '$geoNear']);

function unknownOperator(op: string, where: string): DbError {
  if (UNSUPPORTED_GEO.has(op)) {
    return new DbError(ErrorCode.REQUEST_FAILED, `模拟器不支持地理位置查询 ${op} (the emulator does not support ${op}; it supports geoNear and geoWithin)`);
  }
  return new DbError(ErrorCode.REQUEST_FAILED, `未知的${where}操作符 ${op} (unknown ${where === '查询' ? 'query' : where} operator ${op})`);
}

function validateOperatorObject(ops: Record<string, unknown>): void {
  for (const [op, arg] of Object.entries(ops)) {
    if (!FIELD_OPS.has(op)) throw unknownOperator(op, '查询');
    if (op === '$elemMatch' && isPlainObject(arg)) {
      if (Object.keys(arg).some((k) => k.startsWith('$') && !TOP_LEVEL.has(k))) validateOperatorObject(arg);
      else validateFilter(arg);
    }
    if (op === '$not' && isPlainObject(arg)) validateOperatorObject(arg);
  }
}

/** Rejects unknown operators anywhere in a filter, with the operator's name in the message. */
export function validateFilter(filter: Doc): void {
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$')) {
      if (!TOP_LEVEL.has(k)) throw unknownOperator(k, '查询');
      if (LOGICAL.has(k)) {
        if (!Array.isArray(v) || v.length === 0 || !v.every(isPlainObject)) {
          throw invalidParam(`${k} 的参数必须是非空的对象数组 (${k} needs a non-empty array of objects)`);
        }
        for (const sub of v) validateFilter(sub as Doc);
      }
    } else if (isPlainObject(v) && Object.keys(v).some((op) => op.startsWith('$'))) {
      validateOperatorObject(v);
    }
  }
}

export interface CompiledFilter {
  filter: Doc;
  /** How SQLite narrows the filter on its collection (unsorted). */
  plan: Plan;
  test(doc: Doc): boolean;
}

function compileQuery(filter: Doc): InstanceType<typeof Query> {
  try {
    return new Query(filter, MINGO_OPTIONS);
  } catch (e) {
    if (e instanceof DbError) throw e; // our own operators' errors say what is wrong already
    throw new DbError(ErrorCode.REQUEST_FAILED, `查询条件不合法 (invalid query): ${(e as Error).message}`);
  }
}

/**
 * Validates and compiles a filter once per request, so errors come even when no document is looked at. A filter
 * that the planner turns wholly into SQL on `info` (equality, $in and ranges on indexed fields) is valid as it is:
 * its mingo query is compiled only if a document must be tested in JS (inside a transaction's overlay).
 */
export function compileFilter(filter: Doc, info: CollectionInfo): CompiledFilter {
  validateFilter(filter);
  const plan = planQuery(info, filter);
  let q = plan.exact ? undefined : compileQuery(filter);
  const test = (doc: Doc) => {
    q ??= compileQuery(filter);
    try {
      return q.test(doc);
    } catch (e) {
      // Some operators fail only on a document (e.g. $expr with $function, refused without server-side scripts).
      throw new DbError(ErrorCode.REQUEST_FAILED, `查询失败 (query failed): ${(e as Error).message}`);
    }
  };
  return { filter, plan, test };
}

/** The SDK sends order as an object `{ field: 1 | -1 }` (older clients: an array of { field|key, direction }). */
export function parseSort(order: unknown): SortSpec | undefined {
  if (order === undefined || order === null) return undefined;
  const spec: SortSpec = {};
  const add = (field: unknown, dir: unknown) => {
    if (typeof field !== 'string' || field === '') throw invalidParam('排序字段必须是字符串 (order field must be a string)');
    if (dir === 1 || dir === 'asc') spec[field] = 1;
    else if (dir === -1 || dir === 'desc') spec[field] = -1;
    else throw invalidParam(`排序方向必须是 1/-1 或 asc/desc (invalid order direction for ${field})`);
  };
  if (Array.isArray(order)) {
    for (const o of order) {
      if (!isPlainObject(o)) throw invalidParam('order 必须是对象 (order must be an object)');
      if ('direction' in o) add(o.field ?? o.key ?? o.fieldPath, o.direction);
      else for (const [f, d] of Object.entries(o)) add(f, d);
    }
  } else if (isPlainObject(order)) {
    for (const [f, d] of Object.entries(order)) add(f, d);
  } else {
    throw invalidParam('order 必须是对象 (order must be an object)');
  }
  return Object.keys(spec).length > 0 ? spec : undefined;
}

function find(docs: Doc[], projection?: Doc) {
  return new Query({}, MINGO_OPTIONS).find(docs, projection);
}

/** Validates a projection by applying it to an empty document. */
export function validateProjection(projection: Doc): void {
  try {
    find([{}], projection).all();
  } catch (e) {
    throw invalidParam(`projection 不合法 (invalid projection): ${(e as Error).message}`);
  }
}

/** Applies a projection; `_id` stays the first field. */
export function project(docs: Doc[], projection: Doc | undefined): Doc[] {
  if (!projection || Object.keys(projection).length === 0) return docs;
  return (find(docs, projection).all() as Doc[]).map((d) => {
    if (!('_id' in d)) return d;
    const { _id, ...rest } = d;
    return { _id, ...rest };
  });
}

function sortRows(rows: Row[], sort: SortSpec): Row[] {
  const byDoc = new Map<Doc, Row>(rows.map((r) => [r.doc, r]));
  return (
    find(rows.map((r) => r.doc))
      .sort(sort)
      .all() as Doc[]
  ).map((d) => byDoc.get(d) as Row);
}

/** A transaction's pending writes to one collection: key -> new document (null = deleted). */
export type Overlay = Map<string, { seq?: number; doc: Doc | null }>;

export interface FindOptions {
  sort?: SortSpec;
  skip?: number;
  /** Maximum number of rows; undefined = all. */
  limit?: number;
}

/**
 * The rows of `info` that match `filter`, in natural (insertion) order or sorted, after skip/limit.
 * With an overlay (inside a transaction), the transaction's own writes replace the committed rows.
 */
export function findRows(store: Store, info: CollectionInfo, filter: CompiledFilter, opts: FindOptions, overlay?: Overlay): Row[] {
  const { sort, skip = 0, limit } = opts;
  const plan: Plan = sort ? sortedPlan(info, filter.plan, sort) : filter.plan;
  const sqlLimit = limit === undefined ? -1 : limit;
  // $near / $nearSphere give their results nearest first, unless the request sorts otherwise (as in MongoDB).
  const near = sort ? undefined : nearSortOf(filter.filter);

  if ((!overlay || overlay.size === 0) && !near) {
    if (plan.exact && (!sort || plan.orderBy)) {
      // The SQL condition is the whole filter: ORDER BY / LIMIT / OFFSET run in SQLite, and no row needs testing.
      return store.selectAll(info, plan.where, plan.params, plan.orderBy ?? 'seq', sqlLimit, skip);
    }
    if (!sort) {
      // Natural order: stream candidates and stop once skip + limit matches are found.
      const out: Row[] = [];
      const want = limit === undefined ? Infinity : skip + limit;
      if (want === 0) return out;
      for (const r of store.select(info, plan.where, plan.params)) {
        if (filter.test(r.doc)) out.push(r);
        if (out.length >= want) break;
      }
      return out.slice(skip);
    }
  }

  let rows: Row[] = [];
  for (const r of store.select(info, plan.where, plan.params)) {
    if (overlay?.has(r.key)) continue;
    if (filter.test(r.doc)) rows.push(r);
  }
  if (overlay && overlay.size > 0) {
    let n = 0;
    for (const [key, w] of overlay) {
      n++;
      if (w.doc && filter.test(w.doc)) rows.push({ seq: w.seq ?? Number.MAX_SAFE_INTEGER - overlay.size + n, key, doc: w.doc });
    }
    rows.sort((a, b) => a.seq - b.seq);
  }
  if (sort) rows = sortRows(rows, sort);
  if (near) {
    const distance = new Map(rows.map((r) => [r, distanceTo(near.near.center, resolveField(r.doc, near.field)) ?? Infinity]));
    rows.sort((a, b) => distance.get(a)! - distance.get(b)! || a.seq - b.seq);
  }
  return rows.slice(skip, limit === undefined ? undefined : skip + limit);
}

/** The value at a dotted path of plain objects (where geo fields live). */
function resolveField(doc: Doc, field: string): unknown {
  let cur: unknown = doc;
  for (const seg of field.split('.')) cur = isPlainObject(cur) ? cur[seg] : undefined;
  return cur;
}

/** Number of matching documents (COUNT(*) in SQLite when the plan is exact). */
export function countRows(store: Store, info: CollectionInfo, filter: CompiledFilter): number {
  const { plan } = filter;
  if (plan.exact) return store.count(info, plan.where, plan.params);
  let n = 0;
  for (const r of store.select(info, plan.where, plan.params)) if (filter.test(r.doc)) n++;
  return n;
}
