import type { ExecutionPlan, Unit } from '../execution/execution-plan';
import { toItems } from '../execution/fan-out';
import { isThenable } from '../execution/node-runner';
import type { Node } from '../graph/node';
import { describeValue } from '../values/values';
import { behaviorOf, CACHE_FORMAT_TAG, DATA_LOADER_TAG, DATA_SAVER_TAG, CACHE_BEHAVIOR_TAG, type CacheBehavior } from './cache-behavior';
import { CacheFormatError } from './cache-errors';
import { cacheKey } from './cache-key';
import type { CacheDecision } from './cache-log';
import type { ResolvedCacheOptions } from './cache-options';
import { nodeCodeVersion } from './code-version';
import { dataVersion } from './fingerprint';
import type { MetadataStore } from './metadata-store';
import type { ResultFormat } from './result-format';
import type { ResultStore } from './result-store';
import { LazyHit } from './lazy-hit';
import { nodeOutput } from '../execution/node-output';
import { NodeExecutionError } from '../errors';
import { MissingPeerDependencyError } from '../executors/distributed/distributed-peers';

type RunSteps = (slots: Int32Array, values: unknown[], needed: ArrayLike<number>) => void | Promise<void>;

/**
 * Told of each hit, which the executor (and so the lifecycle's runner) never
 * sees: the run's lifecycle reports it to the node hooks (RunLifecycle.cacheHits).
 * `args`: the dependencies' values, undefined for a hit not read; `value`
 * likewise; `startedAt`: performance.now() when the lookup began.
 */
export type HitListener = (node: Node, slot: number, args: readonly unknown[], value: unknown, startedAt: number) => void;

/** What the cache shares across runs of one driver: stores, options, and warnings already given. */
export interface CacheContext {
  options: ResolvedCacheOptions;
  metadata: MetadataStore;
  results: ResultStore;
  /** One warning per node and kind: a cache problem is worth saying once, not every run. */
  warnOnce(key: string, message: string): void;
}

/**
 * The cache in front of each node for one run (Hamilton's
 * `HamiltonCacheAdapter.do_node_execute`). The scheduler hands it every
 * runner call before dispatch (`ScheduleOptions.wrapSteps`), in the driver's
 * process whatever the executor: a hit fills the node's value from the store
 * and the executor never sees the node; a miss goes to the executor, which
 * runs it wherever it runs nodes, and its result is stored on the way back.
 * Nodes of a call are taken one at a time, so each item of a Parallelizable
 * block is looked up and stored on its own. A cache that cannot be read or
 * written (a damaged file, a directory removed mid-run) costs a warning and a
 * recomputation, never a wrong value or a failed run.
 */
export class CacheRun {
  readonly decisions: CacheDecision[] = [];
  /** Data versions of this run's objects (values are not mutated while a run runs). */
  private readonly versions = new WeakMap<object, string>();
  private readonly tokens = new WeakMap<object, string>();
  private readonly behaviors = new Map<Node, CacheBehavior>();
  private outputs: Uint8Array | undefined;
  private uniqueCount = 0;

  /**
   * Object results this run read or stored, by data version: the next run of
   * the same driver takes a result from here rather than from its file, once
   * its content hashes to the version still (a caller may have changed it in place).
   * Weakly held: value release must still free an intermediate after its last reader.
   */
  readonly seen = new Map<string, WeakRef<object>>();

  constructor(
    private readonly context: CacheContext,
    readonly runId: string,
    private readonly previous: ReadonlyMap<string, WeakRef<object>> = new Map(),
    private readonly onHit?: HitListener,
  ) {}

  /** The scheduler's seam: runs `slots` through the cache, node by node. */
  readonly wrapSteps = (plan: ExecutionPlan, unit: Unit, slots: Int32Array, values: unknown[], _needed: ArrayLike<number>, run: RunSteps): void | Promise<void> => {
    // What a fan-out reads item by item, and a Parallelizable's items, are read at once; other hits wait until needed.
    const lazy = !unit.fanOut && !unit.itemSource;
    let i = 0;
    const next = (): void | Promise<void> => {
      while (i < slots.length) {
        const slot = slots[i++];
        // With node hooks, a requested output (read after the run anyway) is read at its hit: the hooks get its value.
        const pending = this.step(plan, slot, values, run, lazy && !(this.onHit && this.outputsOf(plan)[slot]));
        if (isThenable(pending)) return pending.then(next);
      }
      return undefined;
    };
    return next();
  };

  private step(plan: ExecutionPlan, slot: number, values: unknown[], run: RunSteps, lazy: boolean): void | Promise<void> {
    const node = plan.graph.nodeAt[slot];
    const behavior = this.behaviorOf(node);
    const only = Int32Array.of(slot);
    // The executor gets real values: hits this node reads are read now.
    const dispatch = () => {
      const ready = this.materialize(plan, plan.graph.dependencySlots[slot], values);
      return isThenable(ready) ? ready.then(() => run(only, values, only)) : run(only, values, only);
    };
    if (behavior === 'disable' || behavior === 'ignore') {
      this.decisions.push({ node: node.name, decision: behavior, why: `${behavior}: ${this.ruleOf(node, behavior)}` });
      return dispatch();
    }
    const startedAt = this.onHit ? performance.now() : 0;
    const { key, unique } = this.keyOf(plan, node, slot, values);
    let why = unique ? 'a dependency has no data version (see the warning): never served from the cache' : 'no stored result for this key';
    if (behavior === 'default' && !unique && lazy) {
      const stored = this.storedVersion(key);
      if (stored !== undefined && this.context.results.has(stored)) {
        const hit = new LazyHit(slot, stored, key, this.decisions.length, Array.from(plan.graph.dependencySlots[slot], (d) => values[d]));
        values[slot] = hit;
        this.remember(hit, stored);
        this.decisions.push({ node: node.name, decision: 'hit', why: 'stored result reused', cacheKey: key, dataVersion: stored });
        this.onHit?.(node, slot, this.argsOf(plan, slot, values), undefined, startedAt);
        return undefined;
      }
      if (stored !== undefined) why = 'its stored result file is gone (the cache was cleared)';
    } else if (behavior === 'default' && !unique) {
      const found = this.lookup(node, key);
      if ('value' in found) {
        values[slot] = found.value;
        this.remember(found.value, found.dataVersion);
        this.decisions.push({ node: node.name, decision: 'hit', why: 'stored result reused', cacheKey: key, dataVersion: found.dataVersion });
        this.onHit?.(node, slot, this.argsOf(plan, slot, values), found.value, startedAt);
        return undefined;
      }
      why = found.why ?? why;
    }
    if (behavior === 'recompute') why = `recompute: ${this.ruleOf(node, behavior)}`;
    const pending = dispatch();
    const store = () => this.store(node, slot, values, key, unique, behavior === 'default' ? 'miss' : 'recompute', why);
    return isThenable(pending) ? pending.then(store) : store();
  }

  /** 1 at the slots of the run's requested outputs. */
  private outputsOf(plan: ExecutionPlan): Uint8Array {
    if (!this.outputs) {
      this.outputs = new Uint8Array(plan.graph.nameAt.length);
      for (const slot of plan.outputSlots) this.outputs[slot] = 1;
    }
    return this.outputs;
  }

  /** A node's dependencies' values for a hook: a hit not read yet stays unread (undefined). */
  private argsOf(plan: ExecutionPlan, slot: number, values: unknown[]): unknown[] {
    return Array.from(plan.graph.dependencySlots[slot], (d) => {
      const value = values[d];
      return value instanceof LazyHit ? (value.loaded ? value.value : undefined) : value;
    });
  }

  /**
   * Swaps the lazy hits among `slots` for their values. A result that became
   * unreadable since its lookup (cleared, damaged) is recomputed here, in
   * process, from the dependency values the hit holds (the run may have
   * released their slots since): never a wrong value.
   */
  materialize(plan: ExecutionPlan, slots: ArrayLike<number>, values: unknown[]): void | Promise<void> {
    let pending: Promise<void> | undefined;
    for (let i = 0; i < slots.length; i++) {
      const slot = slots[i];
      const hit = values[slot];
      if (!(hit instanceof LazyHit)) continue;
      const value = this.valueOfHit(plan, hit);
      if (!isThenable(value)) {
        values[slot] = value;
        continue;
      }
      const recomputed = Promise.resolve(value).then((v) => { values[slot] = v; });
      pending = pending ? pending.then(() => recomputed) : recomputed;
    }
    return pending;
  }

  private valueOfHit(plan: ExecutionPlan, hit: LazyHit): unknown {
    if (hit.loaded) return hit.value;
    if (hit.recomputing) return hit.recomputing;
    const read = this.readStored(plan.graph.nodeAt[hit.slot], hit.dataVersion);
    if ('value' in read) {
      hit.loaded = true;
      hit.value = read.value;
      hit.inputs = undefined;
      this.remember(read.value, hit.dataVersion);
      return read.value;
    }
    return (hit.recomputing = this.recompute(plan, hit, read.why));
  }

  private async recompute(plan: ExecutionPlan, hit: LazyHit, why: string): Promise<unknown> {
    const node = plan.graph.nodeAt[hit.slot];
    const args = await Promise.all(hit.inputs!.map((input) => (input instanceof LazyHit ? this.valueOfHit(plan, input) : input)));
    let value: unknown;
    try {
      value = nodeOutput(node, await node.fn(...args));
    } catch (error) {
      throw new NodeExecutionError(node, error);
    }
    // Stored through a slot of its own: the hit's slot in the run's values may have been released meanwhile.
    const result = [value];
    this.store(node, 0, result, hit.cacheKey, false, 'miss', `${why} after its lookup: recomputed in the driver's process`);
    this.decisions[hit.decision] = this.decisions.pop()!;
    hit.loaded = true;
    hit.value = result[0];
    hit.inputs = undefined;
    hit.recomputing = undefined;
    return hit.value;
  }

  /** Lazy hits among `slots` made values: the driver calls this for what it reads after the run (outputs, checks). */
  readonly settle = (plan: ExecutionPlan, slots: ArrayLike<number>, values: unknown[]): void | Promise<void> => this.materialize(plan, slots, values);

  private storedVersion(key: string): string | undefined {
    try {
      return this.context.metadata.get(key);
    } catch (error) {
      this.context.warnOnce('metadata-read', `cache: could not read the cache metadata (${(error as Error).message}); running the nodes instead`);
      return undefined;
    }
  }

  /** A result the driver's last run held, if its content is still that version. */
  private inMemory(stored: string): { value: unknown } | undefined {
    const value = this.previous.get(stored)?.deref();
    return value !== undefined && dataVersion(value, this.tokens) === stored ? { value } : undefined;
  }

  private readStored(node: Node, stored: string): { value: unknown } | { why: string } {
    const kept = this.inMemory(stored);
    if (kept) return kept;
    const read = this.context.results.get(stored);
    if ('value' in read) return read;
    if (read.missing) return { why: 'its stored result file is gone (the cache was cleared)' };
    this.context.options.warn(`cache: node '${node.name}': the stored result ${this.context.results.fileOf(stored)} is unusable (${read.reason}); recomputing it`);
    this.context.results.delete([stored]);
    return { why: `its stored result is unusable: ${read.reason}` };
  }

  private lookup(node: Node, key: string): { value: unknown; dataVersion: string } | { why?: string } {
    const stored = this.storedVersion(key);
    if (stored === undefined) return {};
    const read = this.inMemory(stored) ?? this.context.results.get(stored);
    if ('value' in read) return { value: read.value, dataVersion: stored };
    if (read.missing) return { why: 'its stored result file is gone (the cache was cleared)' };
    this.context.options.warn(`cache: node '${node.name}': the stored result ${this.context.results.fileOf(stored)} is unusable (${read.reason}); recomputing it`);
    this.context.results.delete([stored]); // so the recomputed result is written in its place
    return { why: `its stored result is unusable: ${read.reason}` };
  }

  private store(node: Node, slot: number, values: unknown[], key: string, unique: boolean, decision: 'miss' | 'recompute', why: string): void {
    // A Parallelizable's generator would be spent by hashing: its items are what the scheduler keeps anyway.
    if (node.type.kind === 'parallelizable') values[slot] = toItems(values[slot]) ?? values[slot];
    const value = values[slot];
    // Hashed afresh: a node may return its input changed in place, or a new value around a changed part of it.
    const version = this.versionOf(value, node.name, true);
    if (!version.unique) this.remember(value, version.dataVersion);
    this.decisions.push({ node: node.name, decision, why, cacheKey: key, dataVersion: version.dataVersion });
    if (unique || version.unique) return;
    const format = (node.tags[CACHE_FORMAT_TAG] as ResultFormat | undefined) ?? 'auto';
    try {
      if (!this.context.results.has(version.dataVersion)) this.context.results.put(node.name, version.dataVersion, format, value);
      this.context.metadata.set({ cacheKey: key, node: node.name, codeVersion: nodeCodeVersion(node), dataVersion: version.dataVersion, runId: this.runId });
    } catch (error) {
      // A format asked for by name that cannot be written (the value does not fit, its optional peer is missing) is the user's to fix.
      if ((error instanceof CacheFormatError || error instanceof MissingPeerDependencyError) && format !== 'auto') throw error;
      this.context.warnOnce(`store:${node.name}`, `cache: node '${node.name}': its result was not stored (${(error as Error).message}); it runs again next time`);
    }
  }

  private keyOf(plan: ExecutionPlan, node: Node, slot: number, values: unknown[]): { key: string; unique: boolean } {
    const { graph } = plan;
    const deps = graph.dependencySlots[slot];
    const parts: [string, string][] = [];
    let unique = false;
    for (let j = 0; j < deps.length; j++) {
      const depSlot = deps[j];
      const name = graph.nameAt[depSlot];
      if (this.isIgnored(depSlot < graph.nodeCount ? graph.nodeAt[depSlot] : undefined, name)) continue;
      const version = this.versionOf(values[depSlot], name);
      unique ||= version.unique;
      parts.push([node.dependencies[j].name, version.dataVersion]);
    }
    return { key: cacheKey(node.name, nodeCodeVersion(node), parts), unique };
  }

  private isIgnored(producer: Node | undefined, name: string): boolean {
    if (producer) return this.behaviorOf(producer) === 'ignore';
    const { ignore } = this.context.options;
    return ignore === true || (Array.isArray(ignore) && ignore.includes(name));
  }

  private behaviorOf(node: Node): CacheBehavior {
    let behavior = this.behaviors.get(node);
    if (behavior === undefined) this.behaviors.set(node, (behavior = behaviorOf(node, this.context.options)));
    return behavior;
  }

  /** Which rule gave the node its behaviour, for the log. */
  private ruleOf(node: Node, behavior: CacheBehavior): string {
    const { options } = this.context;
    const listed = options[behavior as 'recompute' | 'disable' | 'ignore'];
    if (listed === true || (Array.isArray(listed) && listed.includes(node.name))) return `withCache({ ${behavior} })`;
    if (node.tags[CACHE_BEHAVIOR_TAG] === behavior) return `@cache({ behavior: '${behavior}' })`;
    if (node.tags[DATA_SAVER_TAG] !== undefined) return 'a data saver always runs';
    if (node.tags[DATA_LOADER_TAG] !== undefined) return 'data loaders recompute by default';
    return `withCache({ defaultBehavior: '${behavior}' })`;
  }

  private remember(value: unknown, version: string): void {
    if ((typeof value === 'object' && value !== null) || typeof value === 'function') {
      this.versions.set(value, version);
      if (!(value instanceof LazyHit)) this.seen.set(version, new WeakRef(value));
    }
  }

  /**
   * The value's data version; a value with none gets a version of its own (so nothing downstream hits) and one warning.
   * `fresh`: hashed without the run's memos, which know objects as they were when first hashed.
   */
  private versionOf(value: unknown, producer: string, fresh = false): { dataVersion: string; unique: boolean } {
    const isObject = (typeof value === 'object' && value !== null) || typeof value === 'function';
    if (isObject && !fresh) {
      const known = this.versions.get(value);
      if (known !== undefined) return { dataVersion: known, unique: known.startsWith('unique-') };
    }
    let version = dataVersion(value, fresh ? new WeakMap() : this.tokens);
    const unique = version === undefined;
    if (unique) {
      version = `unique-${this.runId}-${this.uniqueCount++}`;
      this.context.warnOnce(`unversioned:${producer}`, `cache: '${producer}' is ${describeValue(value)}, which has no data version (only scalars, `
        + 'typed arrays, arrays, plain records, Maps, Sets and tables have one): what depends on it is recomputed every run. '
        + `To leave it out of their keys instead, pass withCache({ ignore: ['${producer}'] }) or mark it @cache({ behavior: 'ignore' }).`);
    }
    if (isObject) this.versions.set(value, version!);
    return { dataVersion: version!, unique };
  }
}
