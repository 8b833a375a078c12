import { checkSlotsOf, collectReport, warningLines } from '../data-quality/collect-report';
import type { DataQualityReport } from '../data-quality/report';
import { DataQualityError, NodeExecutionError, UnknownNodeError } from '../errors';
import type { Executor } from '../execution/executor';
import { SetAsideFailures } from '../execution/scheduler';
import { planExecution, type ExecutionPlan } from '../execution/execution-plan';
import type { FunctionGraph } from '../graph/graph';
import type { DotOptions } from '../viz/graph-dot';
import * as pictures from '../viz/driver-pictures';
import { SimpleGraphAdapter, type GraphAdapter } from './graph-adapter';
import { checkRequest } from './check-request';
import { exportExecution, type ExecutionExport, type ProvidedBy } from './export-execution';
import { InvalidRequestError } from './request-error';
import { graphOfModules } from '../graph/dataflow-nodes';
import type { DataflowModule, ModuleLoadOptions } from '../graph/module-nodes';
import type { ResultBuilder } from '../results/result-builder';
import { checkProvidedValues, itemsInPlaceOfNodes, providedValues, valueChecksFor, type Inputs } from '../execution/run-values';
import type { Table } from '../values/values';
import type { Materializer } from '../materialize/materializer';
import { materialize, type MaterializeOptions, type MaterializeResult } from '../materialize/materialize';
import { describeVariable, type Variable } from '../graph/variable';
import { matchesTags, tagFilterProblem, type TagFilter } from '../graph/tag-filter';
import { Lifecycle } from '../lifecycle/lifecycle';
import type { LifecycleAdapter } from '../lifecycle/lifecycle-adapter';
import type { RunLifecycle } from '../lifecycle/run-lifecycle';
import { cacheOfDriver, type CacheOptions, type DriverCache } from '../cache/driver-cache-seam';
import type { Dynamic, NodeName, ShapedResult, OutputsOf, TypedInputs, TypedOverrides, UndeclaredInputs } from './typed-nodes';

export type Config = Readonly<Record<string, unknown>>;

export interface DriverOptions<R> extends ModuleLoadOptions {
  /** How nodes run and what a run returns; default: in-process, an Arquero table. */
  adapter?: GraphAdapter<R>;
  /** Where failed `warn` data-quality checks are logged, one line each (default: console). */
  logger?: { warn(message: string): void };
  /** Lifecycle adapters (runtime/lifecycle/): hooks, methods and validators, in order. */
  adapters?: readonly LifecycleAdapter[];
  /** Cache node results between runs (see `Builder.withCache`); default: no cache. */
  cache?: CacheOptions;
}

/** A request's options; on a typed driver (`Builder.withModules`), `inputs` and `overrides` are typed by name. */
export interface ExecuteOptions<N = Dynamic, I = UndeclaredInputs> {
  /** Values for the names no node computes: a record, or an Arquero table whose columns are inputs. */
  inputs?: Table | TypedInputs<I>;
  /** Values that replace computed nodes; what only they needed is not computed. */
  overrides?: TypedOverrides<N, I>;
  /**
   * What a failed `fail` check does: `stop` the run at once (default), or
   * `skipDependents` — skip only what depends on the failed node, run
   * everything else, then throw one DataQualityError listing every failure
   * (what a CI check wants).
   */
  onFailedCheck?: 'stop' | 'skipDependents';
  /**
   * The run's time limit in ms (default: none, as in Hamilton). When it
   * passes, the run throws a NodeTimeoutError naming the nodes still running;
   * their tasks are abandoned. Bounds async nodes and every node on threads
   * or workers; a synchronous in-process node cannot be interrupted. A node's
   * own limit is its `hamilton.timeoutMs` tag (`@tag(timeoutTag(500))`).
   */
  timeoutMs?: number;
}

/** What a run would do, without doing it. */
export interface ExecutionSummary {
  /** The nodes that would be computed, in an order they can run. */
  nodesToCompute: string[];
  /** The provided names the run would read (inputs, config values, overrides). */
  valuesRead: string[];
}

type ValueChecks = ReturnType<typeof valueChecksFor>;
interface PlanEntry {
  plan: ExecutionPlan;
  checks: ValueChecks;
  checkSlots: number[];
}
const PLAN_CACHE_SIZE = 64;

/** The DataQualityError behind a node failure, if that is what it is. */
function qualityFailure(error: unknown): DataQualityError | undefined {
  if (error instanceof DataQualityError) return error;
  return error instanceof NodeExecutionError && error.cause instanceof DataQualityError ? error.cause : undefined;
}

/**
 * Builds the graph from dataflow modules once, then executes requests
 * against it. The seed's form: `new Driver(config, modules, { adapter })`;
 * see also `Builder`.
 */
export class Driver<R = Table, N extends object = Dynamic, I extends object = UndeclaredInputs> {
  readonly graph: FunctionGraph;
  readonly adapter: GraphAdapter<R>;
  private readonly plans = new Map<string, PlanEntry>();
  private readonly logger: { warn(message: string): void };
  private readonly options: DriverOptions<R>;
  /** The adapters' hooks; undefined without adapters, so that runs pay nothing for them. */
  private readonly lifecycle: Lifecycle | undefined;
  private readonly caching: DriverCache | undefined;

  constructor(config: Config, modules: DataflowModule | readonly DataflowModule[], options: DriverOptions<R> = {}) {
    this.adapter = options.adapter ?? (new SimpleGraphAdapter() as unknown as GraphAdapter<R>);
    this.logger = options.logger ?? console;
    this.options = options;
    this.lifecycle = Lifecycle.of(options.adapters);
    this.graph = graphOfModules(Array.isArray(modules) ? modules : [modules], config, { ...options, edgeFits: this.lifecycle?.edgeCheck() });
    this.lifecycle?.graphBuilt(this.graph);
    this.caching = options.cache ? cacheOfDriver(options.cache) : undefined;
  }

  /**
   * Hamilton's `materialize`: `dr.materialize(from.parquet({ target, path }),
   * to.parquet({ id, dependencies, path }), { additionalVars, inputs })` adds the
   * loaders and savers as nodes, runs the savers and `additionalVars`, and returns
   * `[metadata by saver id, additionalVars by name]`. See runtime/materialize/.
   */
  materialize(...args: [...Materializer[], MaterializeOptions] | Materializer[]): Promise<MaterializeResult> {
    return materialize(this.untyped(), args);
  }

  /** A driver like this one (config, modules, executor, result builder) whose graph has these materializers as nodes. */
  withMaterializers(materializers: readonly Materializer[]): Driver<R> {
    return new Driver<R>(this.config, this.graph.modules as DataflowModule[], { ...this.options, adapter: this.adapter, logger: this.logger, materializers });
  }

  /** The cache (Hamilton's `dr.cache`): its logs, entries, clearing. Throws CacheNotEnabledError without `withCache`. */
  get cache(): DriverCache {
    return cacheOfDriver(this.caching);
  }

  get config(): Config {
    return this.graph.config;
  }

  get executor(): Executor {
    return this.adapter.executor;
  }

  get resultBuilder(): ResultBuilder<R> {
    return this.adapter.resultBuilder;
  }

  /** Computes the outputs (and only what they need) and shapes them with the result builder. */
  async execute<const K extends NodeName<N, I>>(outputs: readonly K[], options?: ExecuteOptions<N, I>): Promise<ShapedResult<R, N, I, K>> {
    checkRequest('execute', outputs, options);
    return this.resultBuilder.build((await this.run(outputs, (options ?? {}) as ExecuteOptions)).outputs) as ShapedResult<R, N, I, K>;
  }

  /**
   * As `execute`, with the run's data-quality report: every check that ran,
   * passed or not. Failed `warn` checks are in the report rather than logged.
   */
  async executeWithReport<const K extends NodeName<N, I>>(
    outputs: readonly K[], options?: ExecuteOptions<N, I>,
  ): Promise<{ result: ShapedResult<R, N, I, K>; report: DataQualityReport }> {
    checkRequest('executeWithReport', outputs, options);
    const { outputs: values, report } = await this.run(outputs, (options ?? {}) as ExecuteOptions, false);
    return { result: this.resultBuilder.build(values) as ShapedResult<R, N, I, K>, report };
  }

  /** The requested outputs by name, before any result builder shapes them. */
  async rawExecute<const K extends NodeName<N, I>>(outputs: readonly K[], options?: ExecuteOptions<N, I>): Promise<OutputsOf<N, I, K>> {
    checkRequest('rawExecute', outputs, options);
    return (await this.run(outputs, (options ?? {}) as ExecuteOptions)).outputs as OutputsOf<N, I, K>;
  }

  /**
   * The same driver, typed as dynamic: any name, values `unknown`. The escape
   * hatch for names only known at run time (read from a file, built in a loop).
   */
  untyped(): Driver<R> {
    return this as unknown as Driver<R>;
  }

  private async run(
    outputs: readonly string[],
    options: ExecuteOptions,
    logWarnings = true,
  ): Promise<{ outputs: Record<string, unknown>; report: DataQualityReport }> {
    const prepared = this.prepare(outputs, options);
    const lifecycle = this.lifecycle?.beginRun(prepared.entry.plan, outputs, options, this.executor.name);
    if (!lifecycle) return this.compute(outputs, options, logWarnings, prepared);
    return lifecycle.around(() => this.compute(outputs, options, logWarnings, prepared, lifecycle), (run) => run.outputs);
  }

  private async compute(
    outputs: readonly string[],
    options: ExecuteOptions,
    logWarnings: boolean,
    { entry, values, loose }: ReturnType<Driver<R>['prepare']>,
    lifecycle?: RunLifecycle,
  ): Promise<{ outputs: Record<string, unknown>; report: DataQualityReport }> {
    const { plan, checkSlots } = entry;
    const checkAside = options.onFailedCheck === 'skipDependents' ? (e: unknown) => qualityFailure(e) !== undefined : undefined;
    const setAside = lifecycle ? lifecycle.setAside(checkAside) : checkAside;
    const cached = this.caching?.startRun(lifecycle?.cacheHits());
    try {
      await this.executor.run(plan, values, { setAside, timeoutMs: options.timeoutMs, lifecycle, wrapSteps: cached?.wrapSteps });
    } catch (caught) {
      // A lifecycle adapter may have recovered the failures (recoverNodeFailure): the run then goes on.
      const error = lifecycle ? lifecycle.recover(caught, values) : caught;
      if (error === undefined) {
        await cached?.settle(plan, [...plan.outputSlots, ...checkSlots], values);
        return this.outputsOf(outputs, values, loose, checkSlots, logWarnings);
      }
      const failures = error instanceof SetAsideFailures ? error.errors.map((e) => qualityFailure(e)!) : [qualityFailure(error)];
      if (failures.some((f) => f === undefined)) throw error;
      await cached?.settle(plan, checkSlots, values);
      // Report every check that ran, and every failure, not just the first.
      throw new DataQualityError(failures.flatMap((f) => f!.failures), this.report(checkSlots, values, logWarnings));
    }
    // Cache hits nobody read are read now, if the result needs them.
    await cached?.settle(plan, [...plan.outputSlots, ...checkSlots], values);
    return this.outputsOf(outputs, values, loose, checkSlots, logWarnings);
  }

  private outputsOf(
    outputs: readonly string[], values: unknown[], loose: Map<string, unknown>, checkSlots: readonly number[], logWarnings: boolean,
  ): { outputs: Record<string, unknown>; report: DataQualityReport } {
    // Request order; fromEntries, so that any input name (even `__proto__`) is a plain key.
    const result = Object.fromEntries(outputs.map((name) => {
      const slot = this.graph.slotOf.get(name);
      return [name, slot === undefined ? loose.get(name) : values[slot]];
    }));
    return { outputs: result, report: this.report(checkSlots, values, logWarnings) };
  }

  private report(checkSlots: readonly number[], values: readonly unknown[], logWarnings: boolean): DataQualityReport {
    const report = collectReport(checkSlots, values);
    if (logWarnings) for (const line of warningLines(report)) this.logger.warn(line);
    return report;
  }

  /** Checks a request as `execute` would (names, missing inputs, input kinds) without running any node. */
  validateExecution<const K extends NodeName<N, I>>(outputs: readonly K[], options?: ExecuteOptions<N, I>): ExecutionSummary {
    checkRequest('validateExecution', outputs, options);
    const { entry: { plan }, loose } = this.prepare(outputs, (options ?? {}) as ExecuteOptions);
    return {
      nodesToCompute: Array.from(plan.steps, (slot) => this.graph.nameAt[slot]),
      valuesRead: [...plan.providedSlots.map((slot) => this.graph.nameAt[slot]), ...loose.keys()],
    };
  }

  /**
   * The nodes and inputs a request would use, as plain JSON sorted by name
   * (Hamilton's `export_execution`): each with its tags, type, required and
   * optional dependencies, doc, source location, code version, and where a
   * provided value comes from. Checks the request as `execute` would; runs nothing.
   */
  exportExecution<const K extends NodeName<N, I>>(outputs: readonly K[], options?: Pick<ExecuteOptions<N, I>, 'inputs' | 'overrides'>): ExecutionExport {
    checkRequest('exportExecution', outputs, options);
    for (const key of Object.keys(options ?? {})) {
      if (key !== 'inputs' && key !== 'overrides') {
        throw new InvalidRequestError('exportExecution', 'options', `options has '${key}', which exportExecution does not take: it takes inputs, overrides`);
      }
    }
    const { entry: { plan }, loose } = this.prepare(outputs, (options ?? {}) as ExecuteOptions);
    const overrides = options?.overrides ?? {};
    const from = (name: string): ProvidedBy => (Object.hasOwn(overrides, name) ? 'overrides' : Object.hasOwn(this.config, name) ? 'config' : 'inputs');
    const provided = new Map<string, ProvidedBy>();
    for (const name of [...plan.providedSlots.map((slot) => this.graph.nameAt[slot]), ...loose.keys()]) provided.set(name, from(name));
    return exportExecution(this.graph, plan.steps, provided);
  }

  /**
   * Every node and input, with types, docs, tags and source locations.
   * `tags` selects nodes: each key must match, a value matches when it is
   * one of the tag's values, and `true` or `null` matches any value.
   */
  listAvailableVariables(filter: { tags?: TagFilter } = {}): Variable[] {
    const tags = filter.tags;
    const problem = tags === undefined ? undefined : tagFilterProblem(tags);
    if (problem) throw new InvalidRequestError('listAvailableVariables', 'tags', problem, 'filter');
    const variables = this.describe(this.graph.nameAt);
    return tags ? variables.filter((v) => matchesTags(v.tags, tags)) : variables;
  }

  /** The named nodes and all they depend on. */
  whatIsUpstreamOf(...names: string[]): Variable[] {
    return this.describe(this.graph.upstreamOf(names));
  }

  /** The named nodes and all that depends on them. */
  whatIsDownstreamOf(...names: string[]): Variable[] {
    return this.describe(this.graph.downstreamOf(names));
  }

  /** The nodes on the paths from one node down to another. */
  whatIsThePathBetween(from: string, to: string): Variable[] {
    return this.describe(this.graph.pathBetween(from, to));
  }

  /** The graph (or what `outputs` need) as Graphviz DOT, checks and inputs drawn apart. */
  toDot(options: DotOptions = {}): string {
    return pictures.toDot(this.graph, options);
  }

  /** Hamilton's `display_all_functions`: every node and input, as SVG (default), PNG, DOT or Mermaid, written to `path` if given. */
  visualize(target?: string | pictures.PictureOptions): Promise<pictures.Picture> {
    return pictures.visualize(this.graph, target);
  }

  /** Hamilton's `visualize_execution`: only what this request would run and read, inputs, overrides and outputs marked (with `withCache`, the last run's hits too). */
  visualizeExecution(outputs: readonly string[], options: Pick<ExecuteOptions, 'inputs' | 'overrides'> = {}, target?: string | pictures.PictureOptions): Promise<pictures.Picture> {
    const cache = this.caching;
    return pictures.visualizeExecution(this.graph, outputs, (o) => this.untyped().exportExecution(o, options), target, cache && ((name) => cache.lastDecision(name)));
  }

  /** Hamilton's `display_upstream_of`: the named nodes and all they depend on. */
  visualizeUpstreamOf(names: string | readonly string[], target?: string | pictures.PictureOptions): Promise<pictures.Picture> {
    return pictures.visualizeUpstreamOf(this.graph, names, target);
  }

  /** Hamilton's `display_downstream_of`: the named nodes and all that depends on them. */
  visualizeDownstreamOf(names: string | readonly string[], target?: string | pictures.PictureOptions): Promise<pictures.Picture> {
    return pictures.visualizeDownstreamOf(this.graph, names, target);
  }

  /** Hamilton's `visualize_path_between`: the nodes on the paths from `from` down to `to`. */
  visualizePathBetween(from: string, to: string, target?: string | pictures.PictureOptions): Promise<pictures.Picture> {
    return pictures.visualizePathBetween(this.graph, from, to, target);
  }

  /** The graph (or what `outputs` need) as a Mermaid flowchart, which Markdown on code-hosting sites renders. */
  toMermaid(options: pictures.MermaidOptions = {}): string {
    return pictures.toMermaid(this.graph, options);
  }

  /** Releases what the executor holds (threads, connections). */
  async close(): Promise<void> {
    await this.executor.close?.();
    this.caching?.close();
  }

  private describe(names: readonly string[]): Variable[] {
    return names.map((name) => {
      const variable = describeVariable(this.graph, name);
      const decision = this.caching?.lastDecision(name);
      return decision ? { ...variable, cache: decision } : variable;
    });
  }

  /**
   * The run's plan and starting values. `loose` are requested outputs that no
   * node computes or reads but the inputs or config give: they come back as given.
   */
  private prepare(outputs: readonly string[], options: ExecuteOptions): { entry: PlanEntry; values: unknown[]; loose: Map<string, unknown> } {
    const provided = providedValues(this.graph, this.config, options.inputs, options.overrides);
    const loose = new Map<string, unknown>();
    const unknown: string[] = [];
    for (const name of outputs) {
      if (this.graph.slotOf.has(name)) continue;
      if (provided.has(name)) loose.set(name, provided.get(name));
      else unknown.push(name);
    }
    if (unknown.length) {
      for (const name of unknown) this.graph.assertNotLeftOut(name);
      throw new UnknownNodeError(unknown, new Set([...this.graph.slotOf.keys(), ...provided.keys()]));
    }
    const values = new Array<unknown>(this.graph.nameAt.length);
    const providedSlots: number[] = [];
    for (const [name, value] of provided) {
      const slot = this.graph.slotOf.get(name);
      if (slot === undefined) continue; // extra table columns and the like
      values[slot] = value;
      providedSlots.push(slot);
    }
    const entry = this.planFor(loose.size ? outputs.filter((name) => !loose.has(name)) : outputs, providedSlots);
    checkProvidedValues(entry.checks, values, this.lifecycle?.inputCheck());
    itemsInPlaceOfNodes(entry.plan, values);
    return { entry, values, loose };
  }

  private planFor(outputs: readonly string[], providedSlots: number[]): PlanEntry {
    providedSlots.sort((a, b) => a - b);
    // JSON keeps every name whole: joining with a separator let ['a\u0000b'] and ['a', 'b'] share a plan.
    const key = `${JSON.stringify(outputs)}${providedSlots.join(',')}`;
    let entry = this.plans.get(key);
    if (!entry) {
      const isProvided = new Uint8Array(this.graph.nameAt.length);
      for (const slot of providedSlots) isProvided[slot] = 1;
      const plan = planExecution(this.graph, outputs, (slot) => isProvided[slot] === 1);
      entry = { plan, checks: valueChecksFor(plan), checkSlots: checkSlotsOf(plan) };
      if (this.plans.size >= PLAN_CACHE_SIZE) this.plans.delete(this.plans.keys().next().value!);
      this.plans.set(key, entry);
    }
    return entry;
  }
}
