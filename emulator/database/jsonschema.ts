/**
 * The $jsonSchema query operator's validator (mingo's jsonSchemaValidator option), with the keywords MongoDB
 * supports: JSON Schema draft 4 plus `bsonType`, without $ref, $schema, default, definitions, format and id (MongoDB
 * refuses those, and the `integer` type: use bsonType int/long). Keywords apply only to values of their kind, as
 * in JSON Schema: `minimum` ignores a string, `required` a number.
 *
 * Numbers arrive here as JavaScript numbers, so int and double are told apart by value: an integer within 32 bits
 * is an int, a larger one a long, any other number a double.
 */
import { DbError, ErrorCode } from './errors';
import { isPlainObject } from './ejson';
import { isEqual } from './mingo';

type Test = (value: unknown) => boolean;
type Schema = Record<string, unknown>;

const UNSUPPORTED = new Set(['$ref', '$schema', 'default', 'definitions', 'format', 'id']);

function refuse(message: string): DbError {
  return new DbError(ErrorCode.REQUEST_FAILED, `$jsonSchema 不合法：${message}`);
}

const bsonTypeOf = (v: object) => (v as { _bsontype?: string })._bsontype;
const isInt32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;

const BSON_TYPES: Record<string, Test> = {
  double: (v) => typeof v === 'number' && !isInt32(v) && !Number.isSafeInteger(v),
  string: (v) => typeof v === 'string',
  object: isPlainObject,
  array: Array.isArray,
  binData: (v) => v !== null && typeof v === 'object' && bsonTypeOf(v) === 'Binary',
  objectId: (v) => v !== null && typeof v === 'object' && bsonTypeOf(v) === 'ObjectId',
  bool: (v) => typeof v === 'boolean',
  date: (v) => v instanceof Date,
  null: (v) => v === null,
  regex: (v) => v instanceof RegExp,
  int: isInt32,
  long: (v) => (typeof v === 'number' && Number.isSafeInteger(v) && !isInt32(v)) || (v !== null && typeof v === 'object' && bsonTypeOf(v) === 'Long'),
  decimal: (v) => v !== null && typeof v === 'object' && bsonTypeOf(v) === 'Decimal128',
  timestamp: (v) => v !== null && typeof v === 'object' && bsonTypeOf(v) === 'Timestamp',
};
BSON_TYPES.number = (v) => typeof v === 'number' || BSON_TYPES.long(v) || BSON_TYPES.decimal(v);

const JSON_TYPES: Record<string, Test> = {
  object: isPlainObject,
  array: Array.isArray,
  number: BSON_TYPES.number,
  boolean: (v) => typeof v === 'boolean',
  string: (v) => typeof v === 'string',
  null: (v) => v === null,
};

function typeTest(names: unknown, table: Record<string, Test>, keyword: string): Test {
  const list = Array.isArray(names) ? names : [names];
  const tests = list.map((name) => {
    if (typeof name !== 'string' || !table[name]) throw refuse(`${keyword} 不支持类型 ${JSON.stringify(name)} (unsupported ${keyword})`);
    return table[name];
  });
  return (v) => tests.some((t) => t(v));
}

function numberOf(schema: Schema, key: string): number {
  const v = schema[key];
  if (typeof v !== 'number') throw refuse(`${key} 必须是数字`);
  return v;
}

function schemaList(schema: Schema, key: string): Test[] {
  const v = schema[key];
  if (!Array.isArray(v) || v.length === 0) throw refuse(`${key} 必须是非空的模式数组`);
  return v.map(compileSchema);
}

/** One keyword of a schema as a test of the value (undefined for keywords that only annotate). */
function keywordTest(schema: Schema, key: string): Test | undefined {
  const arg = schema[key];
  const num =
    (f: (v: number) => boolean): Test =>
    (v) =>
      typeof v !== 'number' || f(v);
  const str =
    (f: (v: string) => boolean): Test =>
    (v) =>
      typeof v !== 'string' || f(v);
  const obj =
    (f: (v: Record<string, unknown>) => boolean): Test =>
    (v) =>
      !isPlainObject(v) || f(v);
  const arr =
    (f: (v: unknown[]) => boolean): Test =>
    (v) =>
      !Array.isArray(v) || f(v);
  switch (key) {
    case 'title':
    case 'description':
    case 'exclusiveMaximum':
    case 'exclusiveMinimum':
    case 'additionalItems':
      return undefined; // read by the keyword they qualify
    case 'bsonType':
      return typeTest(arg, BSON_TYPES, 'bsonType');
    case 'type':
      if (arg === 'integer' || (Array.isArray(arg) && arg.includes('integer'))) throw refuse("type 'integer' 不受支持，请用 bsonType int 或 long");
      return typeTest(arg, JSON_TYPES, 'type');
    case 'enum':
      if (!Array.isArray(arg) || arg.length === 0) throw refuse('enum 必须是非空数组');
      return (v) => arg.some((e) => isEqual(e, v));
    case 'allOf': {
      const tests = schemaList(schema, key);
      return (v) => tests.every((t) => t(v));
    }
    case 'anyOf': {
      const tests = schemaList(schema, key);
      return (v) => tests.some((t) => t(v));
    }
    case 'oneOf': {
      const tests = schemaList(schema, key);
      return (v) => tests.filter((t) => t(v)).length === 1;
    }
    case 'not': {
      const test = compileSchema(arg);
      return (v) => !test(v);
    }
    case 'multipleOf': {
      const m = numberOf(schema, key);
      if (!(m > 0)) throw refuse('multipleOf 必须大于 0');
      return num((v) => Number.isInteger(v / m));
    }
    case 'maximum': {
      const max = numberOf(schema, key);
      return num((v) => (schema.exclusiveMaximum === true ? v < max : v <= max));
    }
    case 'minimum': {
      const min = numberOf(schema, key);
      return num((v) => (schema.exclusiveMinimum === true ? v > min : v >= min));
    }
    case 'maxLength':
      return str((v) => [...v].length <= numberOf(schema, key));
    case 'minLength':
      return str((v) => [...v].length >= numberOf(schema, key));
    case 'pattern': {
      if (typeof arg !== 'string') throw refuse('pattern 必须是字符串');
      const re = new RegExp(arg, 'u');
      return str((v) => re.test(v));
    }
    case 'maxProperties':
      return obj((v) => Object.keys(v).length <= numberOf(schema, key));
    case 'minProperties':
      return obj((v) => Object.keys(v).length >= numberOf(schema, key));
    case 'required':
      if (!Array.isArray(arg) || !arg.every((k) => typeof k === 'string')) throw refuse('required 必须是字段名数组');
      return obj((v) => arg.every((k) => Object.prototype.hasOwnProperty.call(v, k)));
    case 'properties':
    case 'patternProperties':
    case 'additionalProperties': {
      // The three work together: compiled once, for the first of them the schema has.
      const first = ['properties', 'patternProperties', 'additionalProperties'].find((k) => k in schema);
      return key === first ? objectTest(schema) : undefined;
    }
    case 'dependencies':
      return dependenciesTest(arg);
    case 'items':
      return itemsTest(schema);
    case 'maxItems':
      return arr((v) => v.length <= numberOf(schema, key));
    case 'minItems':
      return arr((v) => v.length >= numberOf(schema, key));
    case 'uniqueItems':
      return arg === true ? arr((v) => v.every((x, i) => v.findIndex((y) => isEqual(x, y)) === i)) : undefined;
    default:
      if (UNSUPPORTED.has(key)) throw refuse(`MongoDB 不支持关键字 ${key} ($jsonSchema keyword '${key}' is not currently supported)`);
      throw refuse(`未知的关键字 ${key} (unknown $jsonSchema keyword '${key}')`);
  }
}

/** properties, patternProperties and additionalProperties together: each key of the object is checked once. */
function objectTest(schema: Schema): Test {
  const props = schema.properties ?? {};
  const patterns = schema.patternProperties ?? {};
  if (!isPlainObject(props) || !isPlainObject(patterns)) throw refuse('properties / patternProperties 必须是对象');
  const named = new Map(Object.entries(props).map(([k, s]) => [k, compileSchema(s)]));
  const patterned = Object.entries(patterns).map(([p, s]) => ({ re: new RegExp(p, 'u'), test: compileSchema(s) }));
  const extra = schema.additionalProperties;
  const additional: Test = extra === undefined || extra === true ? () => true : extra === false ? () => false : compileSchema(extra);
  return (v) => {
    if (!isPlainObject(v)) return true;
    return Object.entries(v).every(([k, value]) => {
      const matching = patterned.filter((p) => p.re.test(k));
      const byName = named.get(k);
      if (!byName && matching.length === 0) return additional(value);
      return (!byName || byName(value)) && matching.every((p) => p.test(value));
    });
  };
}

function dependenciesTest(arg: unknown): Test {
  if (!isPlainObject(arg)) throw refuse('dependencies 必须是对象');
  const rules = Object.entries(arg).map(([k, dep]) => {
    if (Array.isArray(dep)) return { k, test: (v: Record<string, unknown>) => dep.every((d) => Object.prototype.hasOwnProperty.call(v, String(d))) };
    const schemaTest = compileSchema(dep);
    return { k, test: (v: Record<string, unknown>) => schemaTest(v) };
  });
  return (v) => !isPlainObject(v) || rules.every((r) => !Object.prototype.hasOwnProperty.call(v, r.k) || r.test(v));
}

function itemsTest(schema: Schema): Test {
  const items = schema.items;
  if (Array.isArray(items)) {
    const tuple = items.map(compileSchema);
    const extra = schema.additionalItems;
    const rest: Test = extra === undefined || extra === true ? () => true : extra === false ? () => false : compileSchema(extra);
    return (v) => !Array.isArray(v) || v.every((x, i) => (i < tuple.length ? tuple[i](x) : rest(x)));
  }
  const each = compileSchema(items);
  return (v) => !Array.isArray(v) || v.every(each);
}

/** A schema as one test; throws DATABASE_REQUEST_FAILED for what MongoDB would refuse. */
export function compileSchema(schema: unknown): Test {
  if (!isPlainObject(schema)) throw refuse('模式必须是对象 (a schema must be an object)');
  const tests = Object.keys(schema)
    .map((key) => keywordTest(schema, key))
    .filter((t): t is Test => t !== undefined);
  return (v) => tests.every((t) => t(v));
}
