/**
 * A hit whose stored result is read only if something needs the value: a
 * dependency of a node that runs, a requested output, a check's result. An
 * all-hit run of a chain reads the chain's last result only, as Hamilton's
 * cache does. It stands in the run's value slot; CacheRun swaps it for the
 * value (see CacheRun.materialize) and nothing outside the cache sees it.
 */
export class LazyHit {
  loaded = false;
  value: unknown;
  /** Its recomputation under way, so that two readers run the node once. */
  recomputing: Promise<unknown> | undefined;

  /**
   * `decision`: its entry in the run's log, replaced should the result have to be recomputed after all.
   * `inputs`: its dependencies' values at the lookup, held until it is read: the run may release them
   * meanwhile, and a result cleared since the lookup is recomputed from them.
   */
  constructor(readonly slot: number, readonly dataVersion: string, readonly cacheKey: string, readonly decision: number, public inputs: unknown[] | undefined) {}
}
