/**
 * database.aggregateDocuments: the SDK sends `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }, ...]`
 * (stageValue is EJSON for object arguments, plain JSON for numbers and strings, e.g. `$limit` / `$count`).
 * The pipeline runs in mingo's aggregator. A leading $match goes through the planner, so indexes narrow the input;
 * $lookup / $graphLookup / $unionWith read the other collection from the same store (a missing one reads as empty,
 * as in MongoDB). A $lookup on equal fields reads only the foreign documents its input names, through the foreign
 * field's index as MongoDB does, rather than the whole collection.
 */
import { DbError, ErrorCode, invalidParam } from './errors';
import { type Doc, isPlainObject, parseParam } from './ejson';
import { Aggregator, resolve } from './mingo';
import { MINGO_OPTIONS } from './operators';
import { compileFilter, findRows } from './query';
import { scalarKey } from './keys';
import type { Row, Store } from './store';

const WRITE_STAGES = new Set(['$out', '$merge']);

export function parseStages(raw: unknown, now: number): Doc[] {
  if (!Array.isArray(raw)) throw invalidParam('stages 必须是数组 (stages must be an array)');
  return raw.map((s, i) => {
    if (!isPlainObject(s) || typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
      throw invalidParam(`第 ${i + 1} 个聚合阶段不合法：需要 { stageKey, stageValue } (invalid stage #${i + 1})`);
    }
    if (WRITE_STAGES.has(s.stageKey)) {
      throw new DbError(ErrorCode.REQUEST_FAILED, `不支持聚合阶段 ${s.stageKey} (stage ${s.stageKey} is not supported)`);
    }
    if (s.stageKey === '$geoNear' && i > 0) {
      throw new DbError(ErrorCode.REQUEST_FAILED, '$geoNear 只能是聚合管道的第一个阶段 ($geoNear is only valid as the first stage of a pipeline)');
    }
    const value = parseParam(s.stageValue, `stages[${i}].stageValue`, now);
    return { [s.stageKey]: value };
  });
}

export function runAggregate(store: Store, collection: string, pipeline: Doc[]): Doc[] {
  const info = store.collection(collection);
  const loaded = new Map<string, Doc[]>();
  const resolver = (name: string): Doc[] => {
    if (!store.has(name)) return [];
    let docs = loaded.get(name);
    if (!docs) {
      docs = [...store.select(store.collection(name), '1', [])].map((r) => r.doc);
      loaded.set(name, docs);
    }
    return docs;
  };
  try {
    // unknown stages and malformed arguments fail here, before any data is read
    new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver: () => [] }).run([]);
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(ErrorCode.REQUEST_FAILED, `聚合管道不合法 (invalid pipeline): ${(e as Error).message}`);
  }
  const first = pipeline[0];
  const input =
    first && isPlainObject(first.$match)
      ? findRows(store, info, compileFilter(first.$match, info), {}).map((r) => r.doc)
      : [...store.select(info, '1', [])].map((r) => r.doc);
  try {
    // The pipeline runs in segments that end at each equality $lookup, which is given only the documents it joins.
    let docs = input;
    let start = 0;
    pipeline.forEach((stage, i) => {
      const lookup = equalityLookup(stage);
      if (!lookup) return;
      docs = new Aggregator(pipeline.slice(start, i), { ...MINGO_OPTIONS, collectionResolver: resolver }).run(docs) as Doc[];
      const joined = joinedDocs(store, lookup, docs);
      const narrowed = (name: string) => (name === lookup.from && joined ? joined : resolver(name));
      docs = new Aggregator([stage], { ...MINGO_OPTIONS, collectionResolver: narrowed }).run(docs) as Doc[];
      start = i + 1;
    });
    return new Aggregator(pipeline.slice(start), { ...MINGO_OPTIONS, collectionResolver: resolver }).run(docs) as Doc[];
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(ErrorCode.REQUEST_FAILED, `聚合失败 (aggregation failed): ${(e as Error).message}`);
  }
}

interface EqualityLookup {
  from: string;
  localField: string;
  foreignField: string;
}

/** A $lookup of the localField / foreignField form (no pipeline of its own). */
function equalityLookup(stage: Doc): EqualityLookup | null {
  const l = stage.$lookup;
  if (!isPlainObject(l) || 'pipeline' in l || 'let' in l) return null;
  return typeof l.from === 'string' && typeof l.localField === 'string' && typeof l.foreignField === 'string' ? (l as unknown as EqualityLookup) : null;
}

/** SQLite's limit on bound parameters is far above this; a chunk keeps each statement small. */
const LOOKUP_CHUNK = 500;

/**
 * The foreign documents whose foreignField equals one of the docs' localField values, in natural order; null when a
 * value is missing, null or not a plain scalar (MongoDB then matches on missing fields too: the whole collection is read).
 */
function joinedDocs(store: Store, lookup: EqualityLookup, docs: Doc[]): Doc[] | null {
  if (!store.has(lookup.from)) return [];
  const values = new Set<unknown>();
  for (const doc of docs) {
    const v = resolve(doc, lookup.localField);
    for (const x of Array.isArray(v) ? v : [v]) {
      if (x === null || x === undefined || !scalarKey(x)) return null;
      values.add(x);
    }
    if (Array.isArray(v) && v.length === 0) return null;
  }
  const info = store.collection(lookup.from);
  const all = [...values];
  const rows = new Map<string, Row>(); // a foreign array field can match values of two chunks
  for (let i = 0; i < all.length; i += LOOKUP_CHUNK) {
    for (const r of findRows(store, info, compileFilter({ [lookup.foreignField]: { $in: all.slice(i, i + LOOKUP_CHUNK) } }, info), {})) rows.set(r.key, r);
  }
  return [...rows.values()].sort((a, b) => a.seq - b.seq).map((r) => r.doc);
}
