import type { ExecutionPlan } from '../execution/execution-plan';
import type { FunctionGraph } from '../graph/graph';
import type { ExecuteOptions } from '../driver/driver';
import { callHooks, hookList, type Bound } from './hook-list';
import { adapterName, type EdgeTypes, type InputToValidate, type LifecycleAdapter } from './lifecycle-adapter';
import { InvalidAdapterError, LifecycleAdapterError, LifecycleConflictError, LifecycleValidationError, type ValidationProblem } from './lifecycle-errors';
import { RunLifecycle } from './run-lifecycle';
import { describeValue } from '../values/values';

const METHODS = ['executeNode', 'checkEdgeTypes', 'validateInput', 'recoverNodeFailure'] as const;
type MethodName = (typeof METHODS)[number];

/**
 * A driver's adapters, sorted once by what they implement: each hook's list
 * in the adapters' order, each method's one implementation. A driver without
 * adapters has none (Lifecycle.of gives undefined), so its runs pay nothing.
 */
export class Lifecycle {
  readonly afterGraphConstructed;
  readonly beforeRun;
  readonly afterRun;
  readonly beforeNode;
  readonly afterNode;
  readonly taskSubmitted;
  readonly taskReturned;
  readonly fanOutExpanded;
  readonly executeNode;
  readonly checkEdgeTypes;
  readonly validateInput;
  readonly recoverNodeFailure;

  /** Undefined when there are no adapters. Throws InvalidAdapterError, or LifecycleConflictError when two adapters implement one method. */
  static of(adapters: readonly LifecycleAdapter[] | undefined): Lifecycle | undefined {
    if (!adapters?.length) return undefined;
    adapters.forEach((adapter, i) => {
      if (adapter === null || typeof adapter !== 'object') throw new InvalidAdapterError(i, describeValue(adapter));
    });
    for (const method of METHODS) {
      const implementing = adapters.filter((a) => typeof a[method] === 'function');
      if (implementing.length > 1) throw new LifecycleConflictError(method, implementing.map(adapterName));
    }
    return new Lifecycle(adapters);
  }

  private constructor(readonly adapters: readonly LifecycleAdapter[]) {
    this.afterGraphConstructed = hookList(adapters, 'afterGraphConstructed');
    this.beforeRun = hookList(adapters, 'beforeRun');
    this.afterRun = hookList(adapters, 'afterRun');
    this.beforeNode = hookList(adapters, 'beforeNode');
    this.afterNode = hookList(adapters, 'afterNode');
    this.taskSubmitted = hookList(adapters, 'taskSubmitted');
    this.taskReturned = hookList(adapters, 'taskReturned');
    this.fanOutExpanded = hookList(adapters, 'fanOutExpanded');
    this.executeNode = methodOf(adapters, 'executeNode');
    this.checkEdgeTypes = methodOf(adapters, 'checkEdgeTypes');
    this.validateInput = methodOf(adapters, 'validateInput');
    this.recoverNodeFailure = methodOf(adapters, 'recoverNodeFailure');
  }

  /** The checkEdgeTypes method as the graph build calls it, or undefined for the built-in check. */
  edgeCheck(): ((edge: EdgeTypes) => boolean) | undefined {
    const method = this.checkEdgeTypes;
    if (!method) return undefined;
    return (edge) => {
      try {
        return method.fn(edge) === true;
      } catch (error) {
        throw new LifecycleAdapterError(method.adapter, 'checkEdgeTypes', error, edge.consumer.name);
      }
    };
  }

  /** The validateInput method as the driver's input check calls it: a problem's text, or undefined when accepted. */
  inputCheck(): ((input: InputToValidate) => string | undefined) | undefined {
    const method = this.validateInput;
    if (!method) return undefined;
    return (input) => {
      let answer: boolean | string;
      try {
        answer = method.fn(input);
      } catch (error) {
        throw new LifecycleAdapterError(method.adapter, 'validateInput', error, input.consumer.name);
      }
      if (answer === true) return undefined;
      return typeof answer === 'string' && answer ? answer : `the ${method.adapter} adapter's validateInput refused ${describeValue(input.value)}`;
    };
  }

  /** Once the graph is built: every validator's problems (one LifecycleValidationError for all), then the afterGraphConstructed hooks. */
  graphBuilt(graph: FunctionGraph): void {
    const problems: ValidationProblem[] = [];
    for (const adapter of this.adapters) {
      const name = adapterName(adapter);
      if (typeof adapter.validateNode === 'function') {
        for (const node of graph.nodeAt) {
          const problem = validatorCall(name, 'validateNode', () => adapter.validateNode!(node, graph), node.name);
          if (typeof problem === 'string' && problem) problems.push({ adapter: name, node: node.name, message: problem });
        }
      }
      if (typeof adapter.validateGraph === 'function') {
        const found = validatorCall(name, 'validateGraph', () => adapter.validateGraph!(graph));
        for (const message of typeof found === 'string' ? [found] : found ?? []) if (message) problems.push({ adapter: name, message });
      }
    }
    if (problems.length) throw new LifecycleValidationError(problems);
    if (this.afterGraphConstructed.length) callHooks(this.afterGraphConstructed, 'afterGraphConstructed', { graph, config: graph.config });
  }

  /** A run's lifecycle: its id, and its hooks over the executor's runner. */
  beginRun(plan: ExecutionPlan, outputs: readonly string[], options: ExecuteOptions, executor: string): RunLifecycle {
    return new RunLifecycle(this, executor, plan, {
      graph: plan.graph,
      outputs,
      inputs: options.inputs,
      overrides: options.overrides,
      nodes: Array.from(plan.steps, (slot) => plan.graph.nameAt[slot]),
      executor,
    });
  }
}

function methodOf<K extends MethodName>(adapters: readonly LifecycleAdapter[], method: K) {
  return hookList(adapters, method)[0] as Bound<NonNullable<LifecycleAdapter[K]>> | undefined;
}

function validatorCall<T>(adapter: string, hook: string, call: () => T, node?: string): T {
  try {
    return call();
  } catch (error) {
    throw new LifecycleAdapterError(adapter, hook, error, node);
  }
}
