import { Driver, type Config } from './driver';
import type { Executor } from '../execution/executor';
import { SimpleGraphAdapter, type GraphAdapter } from './graph-adapter';
import type { DataflowModule } from '../graph/module-nodes';
import type { ResultBuilder } from '../results/result-builder';
import { TableResult } from '../results/table-result';
import { HamiltonError } from '../errors';
import { describeValue, type Table } from '../values/values';
import type { LifecycleAdapter } from '../lifecycle/lifecycle-adapter';

/**
 * Fluent construction of a Driver:
 * `new Builder().withModules(A, B).withConfig({...}).withResultBuilder(new RecordResult()).build()`.
 */
export class Builder<R = Table> {
  private modules: DataflowModule[] = [];
  private config: Record<string, unknown> = {};
  private resultBuilder: ResultBuilder<unknown> = new TableResult();
  private executor: Executor | undefined;
  private strict = false;
  private overrides = false;
  private logger: { warn(message: string): void } | undefined;
  private adapters: LifecycleAdapter[] = [];

  /** Adds dataflow classes (constructed with no arguments) or instances. */
  withModules(...modules: DataflowModule[]): this {
    this.modules.push(...modules);
    return this;
  }

  /** Merges config: read by decorators such as `@config.when`, and by nodes as inputs. */
  withConfig(config: Config): this {
    Object.assign(this.config, config);
    return this;
  }

  withResultBuilder<R2>(resultBuilder: ResultBuilder<R2>): Builder<R2> {
    this.resultBuilder = resultBuilder;
    return this as unknown as Builder<R2>;
  }

  withExecutor(executor: Executor): this {
    this.executor = executor;
    return this;
  }

  withAdapter<R2>(adapter: GraphAdapter<R2>): Builder<R2> {
    this.resultBuilder = adapter.resultBuilder;
    this.executor = adapter.executor;
    return this as unknown as Builder<R2>;
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

  build(): Driver<R> {
    const adapter = new SimpleGraphAdapter(this.resultBuilder as ResultBuilder<R>, this.executor);
    return new Driver<R>({ ...this.config }, this.modules, {
      adapter, requireTransformer: this.strict, allowModuleOverrides: this.overrides, logger: this.logger, adapters: [...this.adapters],
    });
  }
}
