/** Reading more documents than one request answers. */

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
