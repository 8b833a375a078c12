import { Driver, type Config } from './driver';
import type { Executor } from '../execution/executor';
import { SimpleGraphAdapter, type GraphAdapter } from './graph-adapter';
import type { DataflowModule } from '../graph/module-nodes';
import type { ResultBuilder } from '../results/result-builder';
import { TableResult } from '../results/table-result';
import { HamiltonError } from '../errors';
import { describeValue, type Table } from '../values/values';
import { checkedMaterializers, type Materializer } from '../materialize/materializer';
import type { LifecycleAdapter } from '../lifecycle/lifecycle-adapter';
import { resolveCacheOptions, type CacheOptions } from '../cache/cache-options';
import type { Dynamic, InputsOfModules, NodesOfModules, UndeclaredInputs } from './typed-nodes';
import { isRecord } from './check-request';

/**
 * Fluent construction of a Driver:
 * `new Builder().withModules(A, B).withConfig({...}).withResultBuilder(new RecordResult()).build()`.
 * N and I are the graph's nodes and declared inputs at the type level (see
 * typed-nodes.ts): the driver it builds accepts only names they hold.
 */
class DriverBuilder<R, N extends object, I extends object> {
  private modules: DataflowModule[] = [];
  private config: Record<string, unknown> = {};
  private resultBuilder: ResultBuilder<unknown> = new TableResult();
  private executor: Executor | undefined;
  private strict = false;
  private overrides = false;
  private logger: { warn(message: string): void } | undefined;
  private materializers: Materializer[] = [];
  private adapters: LifecycleAdapter[] = [];
  private cache: CacheOptions | undefined;

  /** Adds dataflow classes (constructed with no arguments) or instances. */
  withModules<const Ms extends DataflowModule[]>(...modules: Ms): DriverBuilder<R, N & NodesOfModules<Ms>, I & InputsOfModules<Ms>> {
    this.modules.push(...modules);
    return this as unknown as DriverBuilder<R, N & NodesOfModules<Ms>, I & InputsOfModules<Ms>>;
  }

  /** Merges config: read by decorators such as `@config.when`, and by nodes as inputs (so its keys are names a request may give). */
  withConfig<C extends Config>(config: C): DriverBuilder<R, N, Omit<I, keyof C> & C> {
    // Object.assign would take null as nothing and an array as keys '0', '1', ...: a config is a record of values.
    if (!isRecord(config)) throw new HamiltonError(`Builder.withConfig(config): config must be a record of values ({ name: value }), but got ${describeValue(config)}`);
    Object.assign(this.config, config);
    return this as unknown as DriverBuilder<R, N, Omit<I, keyof C> & C>;
  }

  /**
   * Declares the graph's inputs at the type level (nothing changes at run
   * time), as a class's `DataflowTypes<{ inputs }>` does: `withInputs<{ spend: Column<number> }>()`.
   */
  withInputs<I2 extends object>(): DriverBuilder<R, N, Omit<I, '~undeclaredInputs'> & I2> {
    return this as unknown as DriverBuilder<R, N, Omit<I, '~undeclaredInputs'> & I2>;
  }

  withResultBuilder<R2>(resultBuilder: ResultBuilder<R2>): DriverBuilder<R2, N, I> {
    this.resultBuilder = resultBuilder;
    return this as unknown as DriverBuilder<R2, N, I>;
  }

  withExecutor(executor: Executor): this {
    this.executor = executor;
    return this;
  }

  withAdapter<R2>(adapter: GraphAdapter<R2>): DriverBuilder<R2, N, I> {
    this.resultBuilder = adapter.resultBuilder;
    this.executor = adapter.executor;
    return this as unknown as DriverBuilder<R2, N, I>;
  }

  /**
   * Adds lifecycle adapters (Hamilton's `with_adapters`): hooks called in the
   * order given, methods (at most one adapter each) and graph validators. See
   * LifecycleAdapter, and the built-ins ProgressBar, ConsoleLogger,
   * OpenTelemetryTracer, TypeChecker, GracefulErrors.
   */
  withAdapters(...adapters: LifecycleAdapter[]): this {
    this.adapters.push(...adapters);
    return this;
  }

  /** Where failed `warn` data-quality checks are logged, one line each (default: console). */
  withLogger(logger: { warn(message: string): void }): this {
    this.logger = logger;
    return this;
  }

  /**
   * Caches node results between runs in `path` (Hamilton's `with_cache()`):
   * a node whose code and inputs' data are unchanged is read back instead of
   * run. See README "Caching" for behaviours, `@cache` and `dr.cache.logs()`.
   */
  withCache(options: CacheOptions = {}): this {
    resolveCacheOptions(options); // bad options fail here, where they were written
    this.cache = { ...options };
    return this;
  }

  /** Fail, rather than warn, on classes compiled without the transformer. */
  requireTransformer(required = true): this {
    this.strict = required;
    return this;
  }

  /**
   * Lets a later module's node replace an earlier module's node of the same
   * name, as Hamilton's `allow_module_overrides()`: the order of the modules
   * decides, the last one wins. Within one module a name defined twice stays an error.
   */
  allowModuleOverrides(allow = true): this {
    if (typeof allow !== 'boolean') {
      throw new HamiltonError(`Builder.allowModuleOverrides(allow): allow must be true or false, but got ${describeValue(allow)}`);
    }
    this.overrides = allow;
    return this;
  }

  /**
   * Makes `from.…` loaders and `to.…` savers permanent nodes of the graph
   * (Hamilton's `with_materializers`): `execute(['saveFeatures'])` saves, and
   * `materialize()` runs every saver. See runtime/materialize/.
   */
  withMaterializers(...materializers: Materializer[]): this {
    this.materializers.push(...checkedMaterializers(materializers));
    return this;
  }

  build(): Driver<R, N, I> {
    const adapter = new SimpleGraphAdapter(this.resultBuilder as ResultBuilder<R>, this.executor);
    return new Driver<R, N, I>({ ...this.config }, this.modules, {
      adapter, requireTransformer: this.strict, allowModuleOverrides: this.overrides, logger: this.logger,
      materializers: [...this.materializers], adapters: [...this.adapters], cache: this.cache,
    });
  }
}

/**
 * As a type, `Builder<R>` is any builder of a driver returning R (the graph's
 * names untyped, as before the typed driver); `new Builder()` starts from no
 * nodes, so that `withModules` can list exactly the graph's names.
 */
export type Builder<R = Table, N extends object = Dynamic, I extends object = UndeclaredInputs> = DriverBuilder<R, N, I>;
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export const Builder: new () => DriverBuilder<Table, {}, {}> = DriverBuilder;
