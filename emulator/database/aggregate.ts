/**
 * database.aggregateDocuments: the SDK sends `stages: [{ stageKey: '$match', stageValue: '<EJSON>' }, ...]`
 * (stageValue is EJSON for object arguments, plain JSON for numbers and strings, e.g. `$limit` / `$count`).
 * The pipeline runs in mingo's aggregator. A leading $match goes through the planner, so indexes narrow the input;
 * $lookup / $graphLookup / $unionWith read the other collection from the same store (a missing one reads as empty,
 * as in MongoDB).
 */
import { DbError, ErrorCode, invalidParam } from './errors';
import { type Doc, isPlainObject, parseParam } from './ejson';
import { Aggregator } from './mingo';
import { MINGO_OPTIONS } from './operators';
import { compileFilter, findRows } from './query';
import type { Store } from './store';

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
  let aggregator: InstanceType<typeof Aggregator>;
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
    aggregator = new Aggregator(pipeline, { ...MINGO_OPTIONS, collectionResolver: resolver });
    aggregator.run([]); // unknown stages and malformed arguments fail here, before any data is read
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(ErrorCode.REQUEST_FAILED, `聚合管道不合法 (invalid pipeline): ${(e as Error).message}`);
  }
  const first = pipeline[0];
  const input =
    first && isPlainObject(first.$match)
      ? findRows(store, info, compileFilter(first.$match), {}).map((r) => r.doc)
      : [...store.select(info, '1', [])].map((r) => r.doc);
  try {
    return aggregator.run(input) as Doc[];
  } catch (e) {
    if (e instanceof DbError) throw e;
    throw new DbError(ErrorCode.REQUEST_FAILED, `聚合失败 (aggregation failed): ${(e as Error).message}`);
  }
}
