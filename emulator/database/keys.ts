/**
 * The index key of a field, as SQL over the stored canonical EJSON text.
 *
 * Canonical EJSON wraps numbers (`{"$numberInt":"5"}`) and dates (`{"$date":{"$numberLong":"…"}}`), so a bare
 * json_extract cannot compare them. Each indexed field therefore contributes two SQL expressions, built only from
 * SQLite's deterministic JSON functions (so any connection can maintain the index):
 *
 *   kt(field): the MongoDB type rank    1 null/missing · 2 number · 3 string · 4 object · 5 array · 7 ObjectId
 *                                        · 8 boolean · 9 date
 *   kv(field): a comparable value        number -> INTEGER/REAL, string -> TEXT, date -> epoch ms, boolean -> 0/1,
 *                                        ObjectId -> hex, object/array -> its JSON text, null/missing -> 0
 *
 * (kt, kv) sorts like MongoDB across types and within numbers, strings and dates, so equality, $in and ranges on
 * those types become index seeks on `kt = ? AND kv <op> ?`. Null and missing share the key (1, 0), which makes a
 * unique index treat them as equal, as MongoDB does.
 *
 * An expression key has one entry per document, so it cannot follow arrays (MongoDB's multikey indexes). Whenever a
 * document stores an array on an indexed path, the field is flagged multikey (see arrayOnPath) and the planner
 * stops using that index.
 */
import type { Doc } from './ejson';
import { isPlainObject } from './ejson';

export const TYPE_RANK = {
  null: 1,
  number: 2,
  string: 3,
  object: 4,
  array: 5,
  objectId: 7,
  boolean: 8,
  date: 9,
} as const;

/** True when a dotted field path can be written as a quoted SQLite JSON path. */
export function isIndexablePath(field: string): boolean {
  return field.split('.').every((s) => s.length > 0 && !/["\\]/.test(s) && [...s].every((ch) => ch.charCodeAt(0) >= 0x20));
}

/** `a.b` -> `'$."a"."b"'` (a SQL string literal). */
function pathLiteral(field: string, ...extra: string[]): string {
  const segs = [...field.split('.'), ...extra];
  return `'$${segs.map((s) => `."${s.replace(/'/g, "''")}"`).join('')}'`;
}

function jt(field: string, ...extra: string[]): string {
  return `json_type(doc,${pathLiteral(field, ...extra)})`;
}

function jx(field: string, ...extra: string[]): string {
  return `json_extract(doc,${pathLiteral(field, ...extra)})`;
}

const typeExprCache = new Map<string, string>();
const valueExprCache = new Map<string, string>();

/** SQL expression: the MongoDB type rank of the value at `field`. */
export function typeExpr(field: string): string {
  let e = typeExprCache.get(field);
  if (e === undefined) {
    e = buildTypeExpr(field);
    typeExprCache.set(field, e);
  }
  return e;
}

/** SQL expression: the comparable value at `field` (meaningful together with typeExpr). */
export function valueExpr(field: string): string {
  let e = valueExprCache.get(field);
  if (e === undefined) {
    e = buildValueExpr(field);
    valueExprCache.set(field, e);
  }
  return e;
}

function buildTypeExpr(field: string): string {
  const isNumber = ['$numberInt', '$numberDouble', '$numberLong', '$numberDecimal'].map((w) => `${jt(field, w)} IS NOT NULL`).join(' OR ');
  return (
    `(CASE ${jt(field)} WHEN 'text' THEN 3 WHEN 'true' THEN 8 WHEN 'false' THEN 8 WHEN 'array' THEN 5 ` +
    `WHEN 'object' THEN (CASE WHEN ${isNumber} THEN 2 WHEN ${jt(field, '$date')} IS NOT NULL THEN 9 ` +
    `WHEN ${jt(field, '$oid')} IS NOT NULL THEN 7 ELSE 4 END) ELSE 1 END)`
  );
}

function buildValueExpr(field: string): string {
  const dbl = jx(field, '$numberDouble');
  return (
    `(CASE ${jt(field)} WHEN 'text' THEN ${jx(field)} WHEN 'true' THEN 1 WHEN 'false' THEN 0 ` +
    `WHEN 'object' THEN COALESCE(` +
    `CAST(${jx(field, '$numberInt')} AS INTEGER), ` +
    `CAST(${jx(field, '$numberLong')} AS INTEGER), ` +
    `(CASE ${dbl} WHEN 'Infinity' THEN 9e999 WHEN '-Infinity' THEN -9e999 WHEN 'NaN' THEN -9e999 ` +
    `ELSE CAST(${dbl} AS REAL) END), ` +
    `CAST(${jx(field, '$numberDecimal')} AS REAL), ` +
    `CAST(${jx(field, '$date', '$numberLong')} AS INTEGER), ` +
    `${jx(field, '$oid')}, ${jx(field)}) ` +
    `WHEN 'array' THEN ${jx(field)} ELSE 0 END)`
  );
}

/** SQL condition true when the value at `field` or any parent on its path is an array (a multikey situation). */
export function arrayOnPathExpr(field: string): string {
  const segs = field.split('.');
  const parts: string[] = [];
  for (let i = 1; i <= segs.length; i++) parts.push(`${jt(segs.slice(0, i).join('.'))} = 'array'`);
  return `(${parts.join(' OR ')})`;
}

export interface ScalarKey {
  t: number;
  v: string | number;
}

/**
 * The (kt, kv) key of a query value, or undefined when the value is not a scalar the index can seek
 * (objects, arrays, regular expressions...).
 */
export function scalarKey(value: unknown): ScalarKey | undefined {
  if (value === null) return { t: TYPE_RANK.null, v: 0 };
  switch (typeof value) {
    case 'string':
      return { t: TYPE_RANK.string, v: value };
    case 'number':
      return { t: TYPE_RANK.number, v: Number.isNaN(value) ? -Infinity : value };
    case 'boolean':
      return { t: TYPE_RANK.boolean, v: value ? 1 : 0 };
    default:
      break;
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? undefined : { t: TYPE_RANK.date, v: ms };
  }
  return undefined;
}

/** True when the document holds an array at `field` or at any parent on the path. */
export function arrayOnPath(doc: Doc, field: string): boolean {
  let cur: unknown = doc;
  for (const seg of field.split('.')) {
    if (Array.isArray(cur)) return true;
    if (!isPlainObject(cur)) return false;
    cur = cur[seg];
  }
  return Array.isArray(cur);
}
