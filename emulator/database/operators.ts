/**
 * The options every query, projection, update and pipeline runs mingo with: MongoDB's semantics where mingo's
 * differ or are missing, as CloudBase (MongoDB underneath) answers.
 *
 *   query       $elemMatch       field conditions look only at sub-documents (mingo also tried them on plain
 *                                values, so [1, 2, 3] matched { $elemMatch: { k: { $exists: true } } })
 *               $all             { $elemMatch } entries follow $elemMatch's rule above
 *               $geoWithin       $geometry (Polygon, MultiPolygon) and $centerSphere, see geo.ts
 *               $near, $nearSphere  within $minDistance..$maxDistance metres of a GeoJSON point; the executor
 *                                sorts the results nearest first (query.ts)
 *               $jsonSchema      MongoDB's keywords (jsonschema.ts)
 *   expression  $week            weeks start on Sunday; days before the first Sunday are week 0 (mingo: 20 for
 *                                2019-05-14, MongoDB 19)
 *               $substr, $substrBytes  a negative length takes the rest of the string
 *               $indexOfCP       index in code points (missing in mingo); $indexOfBytes in UTF-8 bytes
 *   pipeline    $geoNear         nearest first, with the distance in metres (key, query, min/max distance,
 *                                distanceMultiplier, includeLocs)
 * No server-side JavaScript ($where, $function, $accumulator), as in CloudBase.
 */
import type { Iterator } from 'mingo/types/lazy';
import type { AnyObject, Options } from 'mingo/types/types';
import { invalidParam } from './errors';
import { isPlainObject } from './ejson';
import { type Near, type Position, distanceTo, nearOf, pointOf, regionOf, within } from './geo';
import { compileSchema } from './jsonschema';
import { $dayOfWeek, $dayOfYear, Context, Lazy, MINGO_OPERATORS, Query, evalExpr, $substrBytes as mingoSubstrBytes, resolve } from './mingo';

type Predicate = (doc: AnyObject) => boolean;

// ---- query ------------------------------------------------------------------------------------

/** What one element of the array must satisfy (MongoDB's rule: operators test the value, fields a sub-document). */
function elementTest(criteria: AnyObject, options: Options): (v: unknown) => boolean {
  const keys = Object.keys(criteria);
  if (keys.length === 0) return isPlainObject;
  const onValue = keys.every((k) => k.startsWith('$') && k !== '$and' && k !== '$or' && k !== '$nor');
  if (onValue) {
    const q = new Query({ value: criteria }, options);
    return (v) => q.test({ value: v });
  }
  const q = new Query(criteria, options);
  return (v) => isPlainObject(v) && q.test(v);
}

function $elemMatch(selector: string, criteria: AnyObject, options: Options): Predicate {
  const test = elementTest(criteria, options);
  return (doc) => {
    const value = resolve(doc, selector, { unwrapArray: true });
    return Array.isArray(value) && value.some(test);
  };
}

/**
 * $all: every listed value is in the array (equality as a plain query would test it); an entry written as
 * { $elemMatch } needs an element that satisfies it, by $elemMatch's own rule (mingo's $all tried field conditions
 * on plain values too).
 */
function $all(selector: string, values: unknown, options: Options): Predicate {
  if (!Array.isArray(values)) throw invalidParam('$all 需要一个数组');
  if (values.length === 0) return () => false;
  const tests = values.map((v): Predicate => {
    const only = isPlainObject(v) ? Object.keys(v) : [];
    if (only.length === 1 && only[0] === '$elemMatch' && isPlainObject((v as AnyObject).$elemMatch))
      return $elemMatch(selector, (v as AnyObject).$elemMatch as AnyObject, options);
    const q = new Query({ [selector]: v }, options);
    return (doc) => q.test(doc);
  });
  return (doc) => tests.every((t) => t(doc));
}

function $geoWithin(selector: string, arg: unknown, _options: Options): Predicate {
  const region = regionOf(arg);
  return (doc) => within(region, resolve(doc, selector));
}

function nearPredicate(op: string) {
  return (selector: string, arg: unknown, _options: Options): Predicate => {
    const near = nearOf(arg, op);
    return (doc) => {
      const d = distanceTo(near.center, resolve(doc, selector));
      return d !== undefined && d >= near.minM && d <= near.maxM;
    };
  };
}

/** The field and point of a $near / $nearSphere condition at the top of a filter: its results go nearest first. */
export function nearSortOf(filter: AnyObject): { field: string; near: Near } | undefined {
  for (const [field, cond] of Object.entries(filter)) {
    if (field === '$and' && Array.isArray(cond)) {
      for (const sub of cond) {
        const found = isPlainObject(sub) ? nearSortOf(sub) : undefined;
        if (found) return found;
      }
    }
    if (!isPlainObject(cond)) continue;
    for (const op of ['$near', '$nearSphere']) if (op in cond) return { field, near: nearOf(cond[op], op) };
  }
  return undefined;
}

// ---- expressions ------------------------------------------------------------------------------

/** Week of the year, 0-53: weeks begin on Sunday and week 1 with the year's first Sunday. */
function $week(obj: AnyObject, expr: unknown, options: Options): number | null {
  if (evalExpr(obj, isPlainObject(expr) && 'date' in expr ? expr.date : expr, options) == null) return null;
  const dayOfYear = $dayOfYear(obj, expr, options); // 1-366
  const dayOfWeek = $dayOfWeek(obj, expr, options); // 1 = Sunday ... 7 = Saturday
  return Math.floor((dayOfYear + 7 - dayOfWeek) / 7);
}

function stringArgs(obj: AnyObject, expr: unknown, options: Options, op: string, min: number, max: number): unknown[] {
  if (!Array.isArray(expr) || expr.length < min || expr.length > max)
    throw invalidParam(`${op} 需要 ${min}-${max} 个参数 (${op} expects ${min} to ${max} arguments)`);
  return evalExpr(obj, expr, options) as unknown[];
}

const utf8Length = (s: string) => Buffer.byteLength(s, 'utf8');

/** $substrBytes (and its old name $substr): [string, byte index, byte count]; a negative count takes the rest. */
function $substrBytes(obj: AnyObject, expr: unknown, options: Options): string | null {
  const [s, index, count] = stringArgs(obj, expr, options, '$substrBytes', 3, 3);
  if (typeof s === 'string' && typeof index === 'number' && index >= 0 && typeof count === 'number') {
    const rest = utf8Length(s) - index;
    if (rest <= 0) return '';
    // mingo refuses a negative count and one past the end; MongoDB takes the rest of the string for both.
    return mingoSubstrBytes(obj, [{ $literal: s }, index, count < 0 || count > rest ? rest : count], options);
  }
  return mingoSubstrBytes(obj, [{ $literal: s }, index, count], options);
}

function indexArgs(obj: AnyObject, expr: unknown, options: Options, op: string): { s: string; sub: string; start: number; end?: number } | null {
  const [s, sub, start = 0, end] = stringArgs(obj, expr, options, op, 2, 4);
  if (s === null || s === undefined) return null;
  if (typeof s !== 'string' || typeof sub !== 'string') throw invalidParam(`${op} 的前两个参数必须是字符串 (${op} needs strings)`);
  const isIndex = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0;
  if (!isIndex(start) || (end !== undefined && !isIndex(end)))
    throw invalidParam(`${op} 的起止位置必须是非负整数 (${op} start/end must be non-negative integers)`);
  return { s, sub, start: start as number, end: end as number | undefined };
}

/** $indexOfCP: [string, substring, start?, end?], positions in code points; -1 when absent. */
function $indexOfCP(obj: AnyObject, expr: unknown, options: Options): number | null {
  const args = indexArgs(obj, expr, options, '$indexOfCP');
  if (!args) return null;
  const cps = [...args.s];
  const sub = [...args.sub];
  const end = Math.min(args.end ?? cps.length, cps.length);
  for (let i = args.start; i + sub.length <= end; i++) if (sub.every((c, j) => cps[i + j] === c)) return i;
  return -1;
}

/** $indexOfBytes: [string, substring, start?, end?], positions in UTF-8 bytes; -1 when absent. */
function $indexOfBytes(obj: AnyObject, expr: unknown, options: Options): number | null {
  const args = indexArgs(obj, expr, options, '$indexOfBytes');
  if (!args) return null;
  const bytes = Buffer.from(args.s, 'utf8');
  const end = Math.min(args.end ?? bytes.length, bytes.length);
  if (args.start > end) return -1;
  const at = bytes.subarray(0, end).indexOf(Buffer.from(args.sub, 'utf8'), args.start);
  return at;
}

// ---- pipeline ---------------------------------------------------------------------------------

interface GeoNearSpec {
  near: Position;
  distanceField: string;
  key?: string;
  query?: AnyObject;
  minM: number;
  maxM: number;
  multiplier: number;
  includeLocs?: string;
}

function geoNearSpec(expr: unknown): GeoNearSpec {
  if (!isPlainObject(expr)) throw invalidParam('$geoNear 需要一个对象参数 ($geoNear needs an object)');
  if (typeof expr.distanceField !== 'string' || !expr.distanceField) throw invalidParam('$geoNear 需要 distanceField ($geoNear needs distanceField)');
  const num = (v: unknown, name: string, fallback: number) => {
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'number' || !(v >= 0)) throw invalidParam(`$geoNear 的 ${name} 必须是非负数`);
    return v;
  };
  if (expr.key !== undefined && typeof expr.key !== 'string') throw invalidParam('$geoNear 的 key 必须是字段名');
  if (expr.query !== undefined && !isPlainObject(expr.query)) throw invalidParam('$geoNear 的 query 必须是对象');
  return {
    near: pointOf(expr.near, '$geoNear 的 near'),
    distanceField: expr.distanceField,
    key: expr.key as string | undefined,
    query: expr.query as AnyObject | undefined,
    minM: num(expr.minDistance, 'minDistance', 0),
    maxM: num(expr.maxDistance, 'maxDistance', Infinity),
    multiplier: num(expr.distanceMultiplier, 'distanceMultiplier', 1),
    includeLocs: typeof expr.includeLocs === 'string' ? expr.includeLocs : undefined,
  };
}

/** Without `key`, MongoDB uses the collection's one geo index; here: the one top-level field holding geometry. */
function geoKey(docs: AnyObject[], spec: GeoNearSpec): string {
  if (spec.key) return spec.key;
  const fields = new Set(docs.flatMap((d) => Object.keys(d).filter((k) => distanceTo(spec.near, d[k]) !== undefined)));
  if (fields.size !== 1)
    throw invalidParam(`$geoNear 无法确定地理位置字段，请指定 key (found ${fields.size} geometry fields: ${[...fields].join(', ') || 'none'})`);
  return [...fields][0];
}

function setPath(doc: AnyObject, path: string, value: unknown): AnyObject {
  const out: AnyObject = { ...doc };
  const segs = path.split('.');
  let cur = out;
  for (const seg of segs.slice(0, -1)) {
    cur[seg] = isPlainObject(cur[seg]) ? { ...(cur[seg] as AnyObject) } : {};
    cur = cur[seg] as AnyObject;
  }
  cur[segs[segs.length - 1]] = value;
  return out;
}

function $geoNear(coll: Iterator, expr: unknown, options: Options): Iterator {
  const spec = geoNearSpec(expr);
  const query = spec.query ? new Query(spec.query, options) : undefined;
  return coll.transform((docs: AnyObject[]) => {
    const key = geoKey(docs, spec);
    const nearest = docs
      .flatMap((doc, i) => {
        if (query && !query.test(doc)) return [];
        const location = resolve(doc, key);
        const d = distanceTo(spec.near, location);
        return d === undefined || d < spec.minM || d > spec.maxM ? [] : [{ doc, d, i, location }];
      })
      .sort((a, b) => a.d - b.d || a.i - b.i)
      .map(({ doc, d, location }) => {
        const withDistance = setPath(doc, spec.distanceField, d * spec.multiplier);
        return spec.includeLocs ? setPath(withDistance, spec.includeLocs, location) : withDistance;
      });
    return Lazy(nearest);
  });
}

// ---- options ----------------------------------------------------------------------------------

const OWN = Context.init({
  query: { $all, $elemMatch, $geoWithin, $near: nearPredicate('$near'), $nearSphere: nearPredicate('$nearSphere') },
  expression: { $week, $substr: $substrBytes, $substrBytes, $indexOfCP, $indexOfBytes },
  pipeline: { $geoNear },
});

// Context.from keeps the first definition of an operator: ours, then mingo's for all the others.
const CONTEXT = Context.from(OWN, Context.init(MINGO_OPERATORS));

export const MINGO_OPTIONS = {
  scriptEnabled: false,
  context: CONTEXT,
  jsonSchemaValidator: (schema: AnyObject) => compileSchema(schema),
} as const;
