/**
 * What a page or component keeps for itself and does not show: the last answer it filters locally, caches, timers,
 * ids from its url, the number of its latest load. Not in `data` (setData copies data to the view layer on every
 * change) and not as loose fields on `this` (untyped): one typed record per instance, made on first use.
 *
 *   const own = instanceState(() => ({ answer: null as RosterOutput | null }));
 *   ...
 *   own(this).answer = res;
 */
export function instanceState<S extends object>(initial: () => S): (instance: object) => S {
  const records = new WeakMap<object, S>();
  return (instance) => {
    let record = records.get(instance);
    if (!record) {
      record = initial();
      records.set(instance, record);
    }
    return record;
  };
}
