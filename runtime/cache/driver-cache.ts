import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CacheDecision, CacheDecisionKind } from './cache-log';
import { CacheNotEnabledError } from './cache-errors';
import { CacheRun, type CacheContext, type HitListener } from './cache-run';
import type { ResolvedCacheOptions } from './cache-options';
import { METADATA_FILE, MetadataStore, type CacheEntry } from './metadata-store';
import { ResultStore } from './result-store';

const KEPT_RUNS = 100;

/**
 * `dr.cache` (Hamilton's `dr.cache`, the HamiltonCacheAdapter): the driver's
 * cache, its stores opened on the first run, and the decisions of its last
 * runs by run id.
 */
export class DriverCache {
  private context: CacheContext | undefined;
  private readonly runs = new Map<string, CacheDecision[]>();
  private readonly warned = new Set<string>();
  private last: string | undefined;
  private lastRun: CacheRun | undefined;

  constructor(readonly options: ResolvedCacheOptions) {}

  /** The cache directory. */
  get path(): string {
    return this.options.path;
  }

  /** Ids of the runs whose logs are kept (the last 100), oldest first. */
  get runIds(): string[] {
    return [...this.runs.keys()];
  }

  /** The id of the driver's last cached run (Hamilton's `last_run_id`). */
  get lastRunId(): string | undefined {
    return this.last;
  }

  /**
   * What the cache did with each node of a run (default: the last one): hit,
   * miss, recompute, disable or ignore, and why (Hamilton's `dr.cache.logs(run_id)`).
   */
  logs(runId: string | undefined = this.last): CacheDecision[] {
    const decisions = runId === undefined ? undefined : this.runs.get(runId);
    if (!decisions) {
      throw new CacheNotEnabledError(runId === undefined
        ? 'dr.cache.logs(): this driver has made no cached run yet'
        : `dr.cache.logs('${runId}'): no run of this driver has that id; its runs: ${this.runIds.join(', ') || 'none'}`);
    }
    return decisions.map((d) => ({ ...d }));
  }

  /** The last run's decision for each node it reached: what listings show. */
  lastDecision(node: string): CacheDecisionKind | undefined {
    if (this.last === undefined) return undefined;
    const decisions = this.runs.get(this.last)!;
    for (let i = decisions.length - 1; i >= 0; i--) if (decisions[i].node === node) return decisions[i].decision;
    return undefined;
  }

  /** Stored results (newest first), or those of the named nodes. */
  entries(nodes?: readonly string[]): CacheEntry[] {
    return this.open().metadata.entries(nodes);
  }

  /** Forgets the stored results of the named nodes (all when none are named); returns how many entries went. */
  clear(nodes?: readonly string[]): number {
    return clearCache(this.open(), nodes);
  }

  /** Starts a run: the driver passes its `wrapSteps` to the executor, and `onHit` tells the run's lifecycle of each hit. */
  startRun(onHit?: HitListener): CacheRun {
    const run = new CacheRun(this.open(), randomUUID(), this.lastRun?.seen, onHit);
    this.lastRun = run;
    this.runs.set(run.runId, run.decisions);
    if (this.runs.size > KEPT_RUNS) this.runs.delete(this.runs.keys().next().value!);
    this.last = run.runId;
    return run;
  }

  close(): void {
    try {
      this.context?.metadata.close();
    } catch {
      // a database whose files were removed under it may refuse to close cleanly: it is dropped either way
    }
    this.context = undefined;
  }

  private open(): CacheContext {
    // The directory was removed since (`rm -rf`, not `cache clear`): the open database is a deleted file; start a new one.
    if (this.context && !fs.existsSync(path.join(this.options.path, METADATA_FILE))) this.close();
    if (!this.context) {
      this.context = {
        options: this.options,
        metadata: new MetadataStore(this.options.path),
        results: new ResultStore(this.options.path),
        warnOnce: (key, message) => {
          if (this.warned.has(key)) return;
          this.warned.add(key);
          this.options.warn(message);
        },
      };
    }
    return this.context;
  }
}

/** Deletes entries, then the result files no entry points to any more. */
export function clearCache(stores: { metadata: MetadataStore; results: ResultStore }, nodes?: readonly string[]): number {
  const removed = stores.metadata.delete(nodes);
  const live = stores.metadata.liveVersions();
  stores.results.delete(new Set(removed.filter((version) => !live.has(version))));
  return removed.length;
}
