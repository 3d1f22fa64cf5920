/**
 * Writes to one document: replacement (`doc().set()`, merge:false) and updates with operators (merge:true).
 *
 * How the SDK encodes updates: `doc().update({ a: 1, b: { c: 2 } })` and `where().update(...)` always arrive as
 * operators (`{ "$set": { "a": 1, "b.c": 2 } }`, the SDK flattens nested objects); `set(data)` arrives as the plain
 * new document with merge:false. A plain object with merge:true (only sent with the `raw` option) is treated the way
 * the SDK would have encoded it: nested plain objects are merged field by field.
 * Operators are applied by mingo's updater.
 */
import { DbError, ErrorCode, invalidParam } from './errors';
import { valueDepth } from '../nesting';
import { update as mingoUpdate } from './mingo';
import { MINGO_OPTIONS } from './operators';
import { type Doc, MAX_DOCUMENT_BYTES, MAX_DOCUMENT_DEPTH, cloneDoc, documentSize, isPlainObject, toEJSON } from './ejson';

export const UPDATE_OPERATORS = new Set([
  '$set',
  '$unset',
  '$inc',
  '$mul',
  '$min',
  '$max',
  '$push',
  '$pull',
  '$pullAll',
  '$addToSet',
  '$pop',
  '$rename',
  '$bit',
  '$currentDate',
]);

const PUSH_MODIFIERS = new Set(['$each', '$position', '$slice', '$sort']);

export type Updater = (doc: Doc) => Doc;

/** Flattens nested plain objects into dot paths, as the SDK's UpdateSerializer does. */
function flatten(obj: Doc, prefix = '', out: Doc = {}): Doc {
  for (const [k, v] of Object.entries(obj)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && Object.keys(v).length > 0) flatten(v, path, out);
    else out[path] = v;
  }
  return out;
}

function checkFieldNames(doc: unknown, where: string): void {
  if (Array.isArray(doc)) {
    for (const v of doc) checkFieldNames(v, where);
    return;
  }
  if (!isPlainObject(doc)) return;
  for (const [k, v] of Object.entries(doc)) {
    if (k.startsWith('$')) {
      throw invalidParam(`${where}的字段名不能以 $ 开头：${k} (field names cannot start with '$')`);
    }
    checkFieldNames(v, where);
  }
}

/** Validates a document to be stored: an object nested at most 100 levels, no `$` field names, at most 512 KB. */
export function checkDocument(doc: Doc): void {
  if (valueDepth(doc, MAX_DOCUMENT_DEPTH) > MAX_DOCUMENT_DEPTH) {
    throw invalidParam(`文档嵌套超过 ${MAX_DOCUMENT_DEPTH} 层 (document exceeds the maximum nesting depth of ${MAX_DOCUMENT_DEPTH})`);
  }
  checkFieldNames(doc, '文档');
  const size = documentSize(doc);
  if (size > MAX_DOCUMENT_BYTES) {
    throw new DbError(ErrorCode.DOCUMENT_TOO_LARGE, `文档大小 ${size} 字节超过 512KB 上限 (document of ${size} bytes exceeds the 512KB limit)`);
  }
}

function validateModifier(mod: Doc): void {
  const paths: string[] = [];
  for (const [op, arg] of Object.entries(mod)) {
    if (!UPDATE_OPERATORS.has(op)) {
      throw new DbError(ErrorCode.REQUEST_FAILED, `未知的更新操作符 ${op} (unknown update operator ${op})`);
    }
    if (!isPlainObject(arg)) throw invalidParam(`${op} 的参数必须是对象 (${op} needs an object)`);
    for (const [field, value] of Object.entries(arg)) {
      if (field === '_id' || field.startsWith('_id.')) throw invalidParam('不能更新_id的值 (_id cannot be updated)');
      if (field === '' || field.split('.').some((s) => s === '' || s.startsWith('$'))) {
        throw invalidParam(`更新字段路径不合法：${field} (invalid field path)`);
      }
      paths.push(field);
      if (op === '$rename') {
        if (typeof value !== 'string' || value === '' || value === '_id') {
          throw invalidParam(`$rename 的目标必须是字段名 (invalid $rename target for ${field})`);
        }
        paths.push(value);
      }
      if ((op === '$inc' || op === '$mul') && typeof value !== 'number') {
        throw invalidParam(`${op} 的值必须是数字 (${op} needs a number for ${field})`);
      }
      if (op === '$pop' && value !== 1 && value !== -1) throw invalidParam(`$pop 的值必须是 1 或 -1 (${field})`);
      if (op === '$pullAll' && !Array.isArray(value)) throw invalidParam(`$pullAll 的值必须是数组 (${field})`);
      if ((op === '$push' || op === '$addToSet') && isPlainObject(value) && '$each' in value) {
        for (const m of Object.keys(value)) {
          if (!PUSH_MODIFIERS.has(m) || (op === '$addToSet' && m !== '$each')) {
            throw new DbError(ErrorCode.REQUEST_FAILED, `${op} 不支持修饰符 ${m} (unknown ${op} modifier ${m})`);
          }
        }
        if (!Array.isArray(value.$each)) throw invalidParam(`$each 的值必须是数组 (${field})`);
      }
      if (op !== '$unset' && op !== '$rename' && op !== '$pop' && op !== '$currentDate' && op !== '$pull') {
        checkFieldNames(isPlainObject(value) && '$each' in value ? value.$each : value, '更新值');
      }
    }
  }
  const sorted = [...paths].sort();
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i] === sorted[i - 1] || sorted[i].startsWith(`${sorted[i - 1]}.`)) {
      throw invalidParam(`更新路径冲突：${sorted[i - 1]} 与 ${sorted[i]} (updating the path '${sorted[i]}' would create a conflict)`);
    }
  }
}

const NUMERIC_OPS = new Set(['$inc', '$mul']);
const ARRAY_OPS = new Set(['$push', '$addToSet', '$pull', '$pullAll', '$pop']);

/** The value at a dotted path (numeric segments index arrays); undefined when absent. */
function valueAt(doc: unknown, field: string): unknown {
  let cur = doc;
  for (const seg of field.split('.')) {
    if (Array.isArray(cur) && /^\d+$/.test(seg)) cur = cur[Number(seg)];
    else if (isPlainObject(cur)) cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** MongoDB refuses $inc on a non-number and array operators on a non-array (mingo would silently skip them). */
function checkOperandTypes(doc: Doc, modifier: Doc): void {
  for (const [op, arg] of Object.entries(modifier)) {
    if (!NUMERIC_OPS.has(op) && !ARRAY_OPS.has(op)) continue;
    for (const field of Object.keys(arg as Doc)) {
      const current = valueAt(doc, field);
      if (current === undefined) continue;
      if (NUMERIC_OPS.has(op) && typeof current !== 'number') {
        throw new DbError(ErrorCode.REQUEST_FAILED, `字段 ${field} 不是数字，不能使用 ${op} (cannot apply ${op} to a value of non-numeric type)`);
      }
      if (ARRAY_OPS.has(op) && !Array.isArray(current)) {
        throw new DbError(ErrorCode.REQUEST_FAILED, `字段 ${field} 不是数组，不能使用 ${op} (${op} needs an array field)`);
      }
    }
  }
}

/**
 * Builds the function that computes a document's new version.
 * merge:false -> replacement (the `_id` is kept); merge:true -> operators (or plain fields merged as $set).
 * Throws DbError for a malformed update before any document is touched.
 */
export function buildUpdater(data: Doc, merge: boolean): Updater {
  const keys = Object.keys(data);
  const operatorKeys = keys.filter((k) => k.startsWith('$'));
  if (!merge) {
    if (operatorKeys.length > 0) {
      throw invalidParam(`替换文档时不能使用更新操作符 ${operatorKeys[0]} (set() cannot contain update operators)`);
    }
    checkFieldNames(data, '文档');
    return (doc) => {
      if ('_id' in data && toEJSON({ v: data._id }) !== toEJSON({ v: doc._id })) {
        throw invalidParam('不能更新_id的值 (_id cannot be updated)');
      }
      const { _id: _ignored, ...rest } = cloneDoc(data);
      return { _id: doc._id, ...rest };
    };
  }
  if (operatorKeys.length > 0 && operatorKeys.length !== keys.length) {
    throw invalidParam('更新数据不能同时包含操作符和普通字段 (an update cannot mix operators and plain fields)');
  }
  const modifier: Doc = operatorKeys.length > 0 ? data : keys.length > 0 ? { $set: flatten(data) } : {};
  validateModifier(modifier);
  return (doc) => {
    checkOperandTypes(doc, modifier);
    const next = cloneDoc(doc);
    if (Object.keys(modifier).length === 0) return next;
    try {
      mingoUpdate(next, cloneDoc(modifier) as Parameters<typeof mingoUpdate>[1], undefined, undefined, { queryOptions: MINGO_OPTIONS });
    } catch (e) {
      throw new DbError(ErrorCode.REQUEST_FAILED, `更新失败 (update failed): ${(e as Error).message}`);
    }
    return next;
  };
}

/** A new document for an upsert: the equality fields of the filter, `_id`, then the update applied. */
export function upsertBase(filter: Doc, id: unknown): Doc {
  const base: Doc = { _id: id };
  for (const [k, v] of Object.entries(filter)) {
    if (k.startsWith('$') || k === '_id') continue;
    const value = isPlainObject(v) && Object.keys(v).length === 1 && '$eq' in v ? v.$eq : v;
    if (isPlainObject(value) && Object.keys(value).some((x) => x.startsWith('$'))) continue;
    const segs = k.split('.');
    let cur = base;
    for (const s of segs.slice(0, -1)) {
      if (!isPlainObject(cur[s])) cur[s] = {};
      cur = cur[s] as Doc;
    }
    cur[segs[segs.length - 1]] = value;
  }
  return base;
}
