/**
 * Query planner: turns the indexable part of a filter into SQL so SQLite narrows the candidates, then mingo applies
 * the exact semantics to what is left.
 *
 * From the top-level conjunction (the filter's fields plus nested top-level $and) it takes, per field, equality,
 * $eq, $in and same-type ranges ($gt/$gte/$lt/$lte) on numbers, strings, dates, booleans and null, and writes them as
 * `kt = ? AND kv <op> ?` over the key expressions of keys.ts:
 *   - on a field of a declared index that never held an array, the term is exact and SQLite seeks the index;
 *   - on any other field the term is widened with "or an array lies on the path" (MongoDB matches array elements),
 *     so it only pre-filters inside SQLite without JSON parsing in JS;
 *   - `_id` equality / $in use the UNIQUE id column.
 * `exact` says the SQL condition is the whole filter: then the executor may push ORDER BY / LIMIT / COUNT into SQL.
 */
import type { Doc } from './ejson';
import { idKey, isPlainObject, isValidId } from './ejson';
import { type ScalarKey, arrayOnPathExpr, isIndexablePath, scalarKey, typeExpr, valueExpr } from './keys';
import type { CollectionInfo, Store } from './store';

export type SortSpec = Record<string, 1 | -1>;

export interface Plan {
  /** SQL boolean expression over the collection table ('1' when nothing could be pushed down). */
  where: string;
  params: unknown[];
  /** True when `where` is equivalent to the whole filter. */
  exact: boolean;
  /** ORDER BY clause equivalent to the requested sort, when it can be done in SQL (exact plans only). */
  orderBy?: string;
}

interface Term {
  sql: string;
  params: unknown[];
  exact: boolean;
}

const RANGE_OPS: Record<string, string> = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' };

/**
 * The top-level conjuncts: [field, condition] pairs, the top-level $or lists (planned branch by branch), and whether
 * something else remains for mingo ($or always does: its SQL only narrows).
 */
function conjuncts(filter: Doc, out: [string, unknown][] = [], ors: Doc[][] = []): { pairs: [string, unknown][]; ors: Doc[][]; residual: boolean } {
  let residual = false;
  for (const [k, v] of Object.entries(filter)) {
    if (k === '$and' && Array.isArray(v) && v.every(isPlainObject)) {
      for (const sub of v) residual = conjuncts(sub as Doc, out, ors).residual || residual;
    } else if (k === '$or' && Array.isArray(v) && v.length > 0 && v.every(isPlainObject)) {
      ors.push(v as Doc[]);
      residual = true;
    } else if (k.startsWith('$')) {
      residual = true;
    } else {
      out.push([k, v]);
    }
  }
  return { pairs: out, ors, residual };
}

function isOperatorObject(v: unknown): v is Record<string, unknown> {
  return isPlainObject(v) && Object.keys(v).length > 0 && Object.keys(v).every((k) => k.startsWith('$'));
}

/** True when the field is covered by a declared index and never held an array, so its key is exact. */
function exactField(info: CollectionInfo, field: string): boolean {
  return !info.multikey.has(field) && info.indexes.some((ix) => ix.fields.includes(field));
}

/**
 * Each equality's SQL by field and shape (its types and how many values of each), written once: a condition of one
 * term is then the same string every time, whose hash the store's statement cache keeps instead of hashing ~1 KB.
 */
const eqSql = new Map<string, string>();

function eqTerm(info: CollectionInfo, field: string, keys: ScalarKey[]): Term {
  const byType = new Map<number, (string | number)[]>();
  for (const k of keys) byType.set(k.t, [...(byType.get(k.t) ?? []), k.v]);
  const params: unknown[] = [];
  let shape = field;
  for (const [type, values] of byType) {
    params.push(type, ...values);
    shape += `\u0000${type}:${values.length}`;
  }
  let sql = eqSql.get(shape);
  if (sql === undefined) {
    const t = typeExpr(field);
    const v = valueExpr(field);
    const groups = [...byType.values()].map((values) =>
      values.length === 1 ? `(${t} = ? AND ${v} = ?)` : `(${t} = ? AND ${v} IN (${values.map(() => '?').join(',')}))`,
    );
    sql = groups.length === 1 ? groups[0] : `(${groups.join(' OR ')})`;
    if (eqSql.size < 1000) eqSql.set(shape, sql);
  }
  return widen(info, field, sql, params);
}

function widen(info: CollectionInfo, field: string, sql: string, params: unknown[]): Term {
  if (exactField(info, field)) return { sql, params, exact: true };
  return { sql: `(${sql} OR ${arrayOnPathExpr(field)})`, params, exact: false };
}

function idTerm(values: unknown[]): Term | undefined {
  if (!values.every(isValidId)) return undefined;
  const keys = [...new Set(values.map(idKey))];
  return { sql: keys.length === 1 ? 'id = ?' : `id IN (${keys.map(() => '?').join(',')})`, params: keys, exact: true };
}

/** SQL terms for one field condition; `exact` false when part of it is left to mingo. */
function fieldTerms(info: CollectionInfo, field: string, cond: unknown): { terms: Term[]; exact: boolean } {
  if (field === '_id') {
    const values = isOperatorObject(cond)
      ? Object.keys(cond).length === 1 && '$in' in cond && Array.isArray(cond.$in)
        ? cond.$in
        : Object.keys(cond).length === 1 && '$eq' in cond
          ? [cond.$eq]
          : undefined
      : [cond];
    const term = values && values.length > 0 ? idTerm(values) : undefined;
    return term ? { terms: [term], exact: true } : { terms: [], exact: false };
  }
  if (!isIndexablePath(field)) return { terms: [], exact: false };
  if (!isOperatorObject(cond)) {
    const key = scalarKey(cond);
    if (!key) return { terms: [], exact: false };
    // Widened on a field that may hold arrays: then only mingo decides, and COUNT(*) must not trust the SQL.
    const term = eqTerm(info, field, [key]);
    return { terms: [term], exact: term.exact };
  }
  const terms: Term[] = [];
  let exact = true;
  const ranges: { op: string; key: ScalarKey }[] = [];
  for (const [op, arg] of Object.entries(cond)) {
    if (op === '$eq') {
      const key = scalarKey(arg);
      if (key) terms.push(eqTerm(info, field, [key]));
      else exact = false;
    } else if (op === '$in' && Array.isArray(arg) && arg.length > 0) {
      const keys = arg.map(scalarKey);
      if (keys.every((k): k is ScalarKey => k !== undefined)) terms.push(eqTerm(info, field, keys));
      else exact = false;
    } else if (op in RANGE_OPS) {
      const key = scalarKey(arg);
      if (key && key.t !== 1) ranges.push({ op, key });
      else exact = false;
    } else {
      exact = false;
    }
  }
  if (ranges.length > 0) {
    if (ranges.every((r) => r.key.t === ranges[0].key.t)) {
      const v = valueExpr(field);
      const sql = `(${typeExpr(field)} = ? AND ${ranges.map((r) => `${v} ${RANGE_OPS[r.op]} ?`).join(' AND ')})`;
      terms.push(widen(info, field, sql, [ranges[0].key.t, ...ranges.map((r) => r.key.v)]));
    } else {
      exact = false;
    }
  }
  return { terms, exact: exact && terms.every((t) => t.exact) };
}

/** ORDER BY equivalent to `sort`, when every sort field is an array-free indexed field. */
function orderByFor(info: CollectionInfo, sort: SortSpec): string | undefined {
  const parts: string[] = [];
  for (const [field, dir] of Object.entries(sort)) {
    if (!exactField(info, field)) return undefined;
    const d = dir === -1 ? 'DESC' : 'ASC';
    parts.push(`${typeExpr(field)} ${d}`, `${valueExpr(field)} ${d}`);
  }
  return parts.length > 0 ? `${parts.join(', ')}, seq ASC` : undefined;
}

export function planQuery(info: CollectionInfo, filter: Doc, sort?: SortSpec): Plan {
  const { pairs, ors, residual } = conjuncts(filter);
  const terms: Term[] = [];
  let exact = !residual;
  for (const [field, cond] of pairs) {
    const r = fieldTerms(info, field, cond);
    terms.push(...r.terms);
    exact = exact && r.exact;
  }
  // An $or narrows in SQL when every branch does (as MongoDB unions the branches' indexes).
  for (const branches of ors) {
    const plans = branches.map((b) => planQuery(info, b));
    if (plans.every((p) => p.where !== '1'))
      terms.push({ sql: `(${plans.map((p) => `(${p.where})`).join(' OR ')})`, params: plans.flatMap((p) => p.params), exact: false });
  }
  const plan: Plan = {
    where: terms.length === 1 ? terms[0].sql : terms.length > 1 ? terms.map((t) => t.sql).join(' AND ') : '1',
    params: terms.flatMap((t) => t.params),
    exact,
  };
  return sort ? sortedPlan(info, plan, sort) : plan;
}

/** A plan with the ORDER BY that does `sort` in SQL, when it can. */
export function sortedPlan(info: CollectionInfo, plan: Plan, sort: SortSpec): Plan {
  if (!plan.exact || Object.keys(sort).length === 0) return plan;
  return { ...plan, orderBy: orderByFor(info, sort) };
}

export interface Explain {
  sql: string;
  params: unknown[];
  exact: boolean;
  /** SQLite's EXPLAIN QUERY PLAN detail lines. */
  plan: string[];
  /** Declared index names SQLite uses (or `_id` for the id column). */
  indexes: string[];
}

/** How a find on `collection` with `filter` (already native values) runs: the SQL and SQLite's plan. */
export function explainPlan(store: Store, collection: string, filter: Doc, sort?: SortSpec): Explain {
  const info = store.collection(collection);
  const p = planQuery(info, filter, sort);
  const sql = `SELECT seq, id, doc FROM ${info.table} WHERE ${p.where} ORDER BY ${p.orderBy ?? 'seq'}`;
  const rows = store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p.params) as { detail: string }[];
  const plan = rows.map((r) => r.detail);
  const indexes = info.indexes.filter((ix) => plan.some((d) => d.includes(ix.sqlName))).map((ix) => ix.name);
  if (plan.some((d) => /sqlite_autoindex_c_/.test(d))) indexes.push('_id');
  return { sql, params: p.params, exact: p.exact, plan, indexes };
}
