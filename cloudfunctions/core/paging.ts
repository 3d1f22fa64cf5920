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
