/** Reading more documents than one request answers. */
import type { Database } from './cloud';
import { invalid } from './errors';
import { parseCursor } from './validate';

/** All documents of a query, 1000 (CloudBase's maximum) per request; `page(skip)` must sort on a unique key. */
export async function fetchAll<T>(page: (skip: number) => Promise<{ data: unknown[] }>, cap = 20000): Promise<T[]> {
  const out: T[] = [];
  for (let skip = 0; skip < cap; skip += 1000) {
    const res = await page(skip);
    out.push(...(res.data as T[]));
    if (res.data.length < 1000) break;
  }
  return out;
}

/** How many ids one `_.in` names: CloudBase caps a query's size, and a long list is read in parallel pieces. */
export const IN_CHUNK = 500;

/** `read` run on the distinct ids IN_CHUNK at a time, all at once (one round whatever the number), answers joined. */
export async function byChunks<T>(ids: string[], read: (chunk: string[]) => Promise<T[]>): Promise<T[]> {
  const unique = [...new Set(ids)];
  const parts: Promise<T[]>[] = [];
  for (let i = 0; i < unique.length; i += IN_CHUNK) parts.push(read(unique.slice(i, i + IN_CHUNK)));
  return (await Promise.all(parts)).flat();
}

/**
 * The documents of a query, `size` at a time in `_id` order, each page starting after the last id of the one before
 * (not skipping: a skip re-reads what it passes over, page after page). `after` resumes after that id.
 */
export async function* keyPages<T extends { _id: string }>(
  query: (after: string | null) => { limit(n: number): { get(): Promise<{ data: unknown[] }> } },
  opts: { after?: string | null; size?: number } = {},
): AsyncGenerator<T[]> {
  const size = Math.min(opts.size ?? 1000, 1000);
  let after = opts.after ?? null;
  for (;;) {
    const rows = (await query(after).limit(size).get()).data as T[];
    if (rows.length) yield rows;
    if (rows.length < size) return;
    after = rows[rows.length - 1]._id;
  }
}

/**
 * The query of the page after `cursor` (a cursorText of the previous page's last entry) in `field` then `_id` order:
 * many entries share one instant (a roster read, an import), so a page ends at a time and an id, not a time alone.
 * No cursor: the first page. A cursor that cursorText did not write is refused in Chinese, naming `path`.
 */
export function pageAfter(
  db: Database,
  where: object,
  cursor: string | undefined,
  opts: { field: string; order: 'asc' | 'desc'; separator: string; path: string },
): object {
  if (!cursor) return where;
  const last = parseCursor(cursor, opts.separator);
  if (!last) throw invalid('翻页位置不正确，请从第一页重新查看', opts.path);
  const _ = db.command;
  const past = (v: unknown) => (opts.order === 'desc' ? _.lt(v) : _.gt(v));
  return _.and([where, _.or([{ [opts.field]: past(last.at) }, { [opts.field]: last.at, _id: past(last.id) }])]);
}
