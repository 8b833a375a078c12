/** What the cache did with one node in one run (Hamilton's cache log events, one per node execution). */
export type CacheDecisionKind = 'hit' | 'miss' | 'recompute' | 'disable' | 'ignore';

/** One entry of `dr.cache.logs(runId)`. A node inside a `Parallelizable` block has one entry per item. */
export interface CacheDecision {
  node: string;
  decision: CacheDecisionKind;
  /** Why, in words: 'stored result reused', 'no stored result for this key', 'recompute: @cache', … */
  why: string;
  /** The key looked up or stored under; absent for disabled and ignored nodes. */
  cacheKey?: string;
  /** The result's data version: read from the store on a hit, fingerprinted after a run. */
  dataVersion?: string;
}
