/**
 * EJSON in and out.
 *
 * In: the SDK sends canonical EJSON strings (`EJSON.stringify(x, { relaxed: false })`). We parse them with
 * `relaxed: false` and turn the BSON wrapper types into plain JS values that mingo understands: Int32/Double/safe
 * Long -> number, BSONRegExp -> RegExp, `{ $tcb_server_date: { offset } }` (db.serverDate()) -> a Date taken once per
 * request. ObjectId, Decimal128, Binary... are kept as their bson classes.
 *
 * Out and on disk: canonical EJSON (`relaxed: false`), one string per document. The SDK parses each string with
 * bson's default (relaxed) EJSON.parse, so numbers come back as numbers and `$date` as Date objects.
 */
import { EJSON, calculateObjectSize } from 'bson';
import { jsonNestingExceeds } from '../nesting';
import { invalidParam } from './errors';

export type Doc = Record<string, unknown>;

/** Documents (after updates) above this size are rejected, as in CloudBase. */
export const MAX_DOCUMENT_BYTES = 512 * 1024;

/** MongoDB stores documents nested at most 100 levels deep ... */
export const MAX_DOCUMENT_DEPTH = 100;
/** ... and reads no request value nested deeper than 200 (room for EJSON wrappers and query operators). */
export const MAX_PARAM_DEPTH = 200;

const REGEX_FLAGS = new Set(['i', 'm', 's', 'u']);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function bsonType(v: object): string | undefined {
  const t = (v as { _bsontype?: unknown })._bsontype;
  return typeof t === 'string' ? t : undefined;
}

/** Converts parsed canonical EJSON into plain JS values (see file comment). `now` resolves db.serverDate(). */
export function toNative(value: unknown, now: number): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalidParam('日期不合法 (invalid $date value)');
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => toNative(v, now));
  const type = bsonType(value);
  if (type) {
    switch (type) {
      case 'Int32':
      case 'Double':
        return (value as { valueOf(): number }).valueOf();
      case 'Long': {
        const long = value as unknown as { toNumber(): number; toString(): string };
        const n = long.toNumber();
        return Number.isSafeInteger(n) ? n : value;
      }
      case 'BSONRegExp': {
        const re = value as unknown as { pattern: string; options: string };
        const flags = [...new Set(re.options.split(''))].filter((f) => REGEX_FLAGS.has(f)).join('');
        try {
          return new RegExp(re.pattern, flags);
        } catch (e) {
          throw invalidParam(`正则表达式不合法 (invalid regular expression): ${(e as Error).message}`);
        }
      }
      default:
        return value;
    }
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length === 1 && keys[0] === '$tcb_server_date') {
    const spec = toNative(obj.$tcb_server_date, now);
    const offset = isPlainObject(spec) && typeof spec.offset === 'number' ? spec.offset : 0;
    return new Date(now + offset);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = toNative(obj[k], now);
  return out;
}

/**
 * Parses one EJSON parameter of a request. Accepts the string the SDK sends; an already-parsed JSON value (a raw
 * caller) is accepted too and read as EJSON. `what` names the parameter in the error message.
 */
export function parseParam(raw: unknown, what: string, now: number): unknown {
  let text: string;
  if (typeof raw === 'string') text = raw;
  else if (raw !== undefined && raw !== null && typeof raw === 'object') text = JSON.stringify(raw);
  else throw invalidParam(`参数 ${what} 必须是 EJSON 字符串 (${what} must be an EJSON string)`);
  // Checked on the text: the EJSON parser below recurses.
  if (jsonNestingExceeds(text, MAX_PARAM_DEPTH)) {
    throw invalidParam(`参数 ${what} 嵌套超过 ${MAX_PARAM_DEPTH} 层 (${what} exceeds the maximum nesting depth of ${MAX_PARAM_DEPTH})`);
  }
  let parsed: unknown;
  try {
    // Without "$" the text holds no EJSON wrapper: plain JSON, read as EJSON.parse and toNative would read it.
    if (!text.includes('$') && !text.includes('__proto__')) {
      parsed = JSON.parse(text);
      if (isNativeJson(parsed)) return parsed;
    }
    parsed = EJSON.parse(text, { relaxed: false });
  } catch (e) {
    throw invalidParam(`参数 ${what} 不是合法的 EJSON (${what} is not valid EJSON): ${(e as Error).message}`);
  }
  return toNative(parsed, now);
}

/** True when parsed plain JSON needs nothing of EJSON's: no integer past 2^53 (a Long there) nor a key with a NUL byte (refused). */
function isNativeJson(value: unknown): boolean {
  if (typeof value === 'number') return !Number.isInteger(value) || Math.abs(value) <= Number.MAX_SAFE_INTEGER;
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isNativeJson);
  for (const [k, v] of Object.entries(value)) if (k.includes('\0') || !isNativeJson(v)) return false;
  return true;
}

/** Like parseParam, but the value must be an object (a query, a document, an update...). */
export function parseObjectParam(raw: unknown, what: string, now: number): Doc {
  const v = parseParam(raw, what, now);
  if (!isPlainObject(v)) throw invalidParam(`参数 ${what} 必须是对象 (${what} must be an object)`);
  return v;
}

/** Canonical EJSON of a native value: the storage format and the reply format. */
export function toEJSON(value: unknown): string {
  return EJSON.stringify(value as Doc, { relaxed: false });
}

/**
 * A document as the cloud answers it: canonical EJSON, with every ObjectId other than the document's own `_id` as
 * its hex string (the cloud stores the ObjectId, so queries by ObjectId still match).
 */
export function replyEJSON(doc: Doc): string {
  return toEJSON(objectIdsAsHex(doc, true));
}

function objectIdsAsHex(value: unknown, topLevel = false): unknown {
  if (Array.isArray(value)) return value.map((v) => objectIdsAsHex(v));
  if (value !== null && typeof value === 'object' && bsonType(value) === 'ObjectId') return String(value);
  if (!isPlainObject(value)) return value;
  const out: Doc = {};
  for (const [k, v] of Object.entries(value)) out[k] = topLevel && k === '_id' ? v : objectIdsAsHex(v);
  return out;
}

/** The wrappers that storedValue reads directly (numbers and dates), which toEJSON writes back as they were. */
const PLAIN_WRAPPERS = ['$numberInt"', '$numberDouble"', '$date"', '$numberLong"'];

/**
 * A stored document's reply read off its text, without parsing it: the canonical text is already the answer when
 * every wrapper in it is a number or a date (no ObjectId, answered as hex, nor another bson value); undefined
 * otherwise (then replyEJSON of the parsed document).
 */
export function storedReply(text: string): string | undefined {
  if (text.includes('"__proto__"')) return undefined;
  for (let i = text.indexOf('"$'); i !== -1; i = text.indexOf('"$', i + 2)) {
    if (!PLAIN_WRAPPERS.some((w) => text.startsWith(w, i + 1))) return undefined;
  }
  return text;
}

/** Reads a stored document back. */
export function fromStored(text: string): Doc {
  return storedValue(JSON.parse(text)) as Doc;
}

/**
 * The plain JSON of a stored document as native values, in place: the wrappers every document is full of (numbers,
 * dates) are read directly, which is several times faster than bson's EJSON.parse followed by toNative; any other
 * wrapper (ObjectId, Decimal128, Binary, a regular expression...) goes through them as before.
 */
function storedValue(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = storedValue(value[i]);
    return value;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj);
  if (keys.length && keys[0].charCodeAt(0) === 36 /* $ */) {
    const inner = obj[keys[0]];
    if (keys.length === 1 && typeof inner === 'string' && (keys[0] === '$numberInt' || keys[0] === '$numberDouble')) return Number(inner);
    if (keys.length === 1 && keys[0] === '$date' && isPlainObject(inner) && typeof inner.$numberLong === 'string') return new Date(Number(inner.$numberLong));
    return toNative(EJSON.deserialize(obj, { relaxed: false }), Date.now());
  }
  for (const k of keys) obj[k] = storedValue(obj[k]);
  return obj;
}

/** Deep copy through the storage format (keeps Dates, RegExps and bson classes intact). */
export function cloneDoc(doc: Doc): Doc {
  return fromStored(toEJSON(doc));
}

/** BSON size of a document, the measure the 512 KB limit applies to. */
export function documentSize(doc: Doc): number {
  return calculateObjectSize(doc);
}

/**
 * The key under which a document's `_id` is stored (a TEXT column with a UNIQUE constraint). Strings are kept as
 * they are; numbers and other types get a prefix that no ordinary string id starts with, so 1 and "1" differ while
 * 1 (int) and 1.0 (double) are the same id, as in MongoDB.
 */
export function idKey(id: unknown): string {
  if (typeof id === 'string') return id;
  if (typeof id === 'number') return `\u0000n:${id}`;
  if (id !== null && typeof id === 'object' && bsonType(id) === 'ObjectId') return `\u0000o:${String(id)}`;
  return `\u0000j:${toEJSON({ v: id })}`;
}

/** True when `id` can be a document `_id` (CloudBase: string or number; ObjectId also accepted). */
export function isValidId(id: unknown): boolean {
  if (typeof id === 'string') return id.length > 0;
  if (typeof id === 'number') return Number.isFinite(id);
  return id !== null && typeof id === 'object' && bsonType(id) === 'ObjectId';
}
