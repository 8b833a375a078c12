import type { TypeDescriptor } from '../contract/type-descriptor';
import type { Dependency, Node } from '../graph/node';
import type { FunctionGraph } from '../graph/graph';
import type { Inputs } from '../execution/run-values';

/**
 * A lifecycle adapter: what `Builder.withAdapters(...)` takes, Hamilton's
 * `lifecycle` API (`hamilton/lifecycle/api.py`). Every member is optional;
 * implement the ones you need. Three kinds:
 *
 * - **hooks** (observers, Hamilton's `…Hook` classes): many adapters may
 *   implement one; they are called in the order the adapters were given.
 *   Node and task hooks are synchronous; run hooks may return a promise,
 *   which the run awaits. An `after…` hook runs even when the node or the run failed.
 * - **methods** (Hamilton's `NodeExecutionMethod`, `BaseDoCheckEdgeTypesMatch`,
 *   `BaseDoValidateInput`): at most one adapter of a driver may implement each;
 *   two is a LifecycleConflictError when the driver is built.
 * - **validators** (Hamilton's `StaticValidator`): checks of the built graph;
 *   every problem of every validator is collected into one LifecycleValidationError.
 *
 * An adapter that throws fails the run (or the build) with a
 * LifecycleAdapterError naming the adapter and the hook.
 * Hooks run in the driver process on every executor; "where it ran" comes
 * from the executor (the calling thread, a worker thread, a BullMQ worker).
 */
export interface LifecycleAdapter {
  /** The adapter's name in errors and reports (default: its class name). */
  readonly name?: string;

  // Hooks.
  /** Hamilton's `GraphConstructionHook.run_after_graph_construction`. */
  afterGraphConstructed?(event: GraphConstructedEvent): void;
  /** Hamilton's `GraphExecutionHook.run_before_graph_execution`. */
  beforeRun?(event: RunStartEvent): void | Promise<void>;
  /** Hamilton's `GraphExecutionHook.run_after_graph_execution`: runs whether the run succeeded or failed. */
  afterRun?(event: RunEndEvent): void | Promise<void>;
  /** Hamilton's `NodeExecutionHook.run_before_node_execution`. */
  beforeNode?(event: NodeStartEvent): void;
  /** Hamilton's `NodeExecutionHook.run_after_node_execution`: runs whether the node succeeded or failed. */
  afterNode?(event: NodeEndEvent): void;
  /** Hamilton's `TaskSubmissionHook.run_after_task_submission`: a unit of work was sent to a worker thread or a BullMQ worker. */
  taskSubmitted?(event: TaskSubmittedEvent): void;
  /** Hamilton's `TaskReturnHook.run_after_task_return`: the worker answered (or the task failed). */
  taskReturned?(event: TaskReturnedEvent): void;
  /** Hamilton's `TaskGroupingHook.run_after_task_expansion`: a `Parallelizable` node's items are known. */
  fanOutExpanded?(event: FanOutEvent): void;

  // Methods.
  /**
   * Hamilton's `NodeExecutionMethod.run_to_execute_node`: computes a node,
   * typically by calling `call.run()` around your own code, and returns its
   * value (or a promise of it). Wraps the nodes computed in the driver process
   * (the local executor, and the calling thread's units on the thread executor).
   */
  executeNode?(call: NodeCall): unknown;
  /**
   * Hamilton's `do_check_edge_types_match`: whether a producer's return
   * type may feed a consumer's parameter, in place of the built-in check.
   */
  checkEdgeTypes?(edge: EdgeTypes): boolean;
  /**
   * Hamilton's `do_validate_input`: whether a provided value (input or
   * override) may be given to a parameter of this type, in place of the
   * built-in value check. Return true to accept, false or a problem's text to refuse.
   */
  validateInput?(input: InputToValidate): boolean | string;
  /**
   * Hamilton's `GracefulErrorAdapter`, as a method: given a node's failure,
   * `{ value }` to stand for the node's value and for everything downstream
   * of it, which is skipped while the rest of the run goes on; or undefined to
   * let the failure stop the run. Works on every executor.
   */
  recoverNodeFailure?(failure: NodeFailure): { value: unknown } | undefined;

  // Validators.
  /** Hamilton's `StaticValidator.run_to_validate_node`: a problem's text, or nothing when the node is fine. */
  validateNode?(node: Node, graph: FunctionGraph): string | undefined;
  /** Hamilton's `StaticValidator.run_to_validate_graph`: problems' texts, or nothing when the graph is fine. */
  validateGraph?(graph: FunctionGraph): string | readonly string[] | undefined;
}

/** Where a node ran, as its executor reports it. */
export interface NodePlace {
  /** The executor's name: 'local', 'threads', 'bullmq', or your own executor's. */
  executor: string;
  /** `calling-thread` (the driver's), `worker-thread` (a Piscina thread), `worker` (a BullMQ worker process). */
  on: 'calling-thread' | 'worker-thread' | 'worker';
  /** The worker thread's `threadId`, on `worker-thread`. */
  threadId?: number;
  /** The BullMQ worker's identity (`host:pid`), on `worker`. */
  worker?: string;
}

/** A short description of a value: its kind and, for columns, arrays and tables, its size. */
export interface ValueSummary {
  kind: string;
  length?: number;
  columns?: number;
}

export interface GraphConstructedEvent {
  graph: FunctionGraph;
  config: Readonly<Record<string, unknown>>;
}

export interface RunStartEvent {
  /** A fresh UUID per run: the same in every hook of the run. */
  runId: string;
  graph: FunctionGraph;
  /** The requested outputs. */
  outputs: readonly string[];
  inputs: Inputs | undefined;
  overrides: Readonly<Record<string, unknown>> | undefined;
  /** The nodes the run computes, in an order they can run (Hamilton's `execution_path`). */
  nodes: readonly string[];
  /** The executor's name: 'local', 'threads', 'bullmq', or your own executor's. */
  executor: string;
}

export interface RunEndEvent extends RunStartEvent {
  success: boolean;
  /** Why the run failed, when it did. */
  error?: unknown;
  /** The requested outputs by name, when the run succeeded. */
  results?: Readonly<Record<string, unknown>>;
  durationMs: number;
}

export interface NodeStartEvent {
  runId: string;
  node: Node;
  /** The node's dependencies' values as summaries, by parameter name (computed when read). */
  readonly inputs: Readonly<Record<string, ValueSummary>>;
  /**
   * The dependencies' values, in `node.dependencies` order, as the driver holds
   * them: in a remote task of several nodes, those computed inside the task are undefined here.
   */
  readonly args: readonly unknown[];
  /** The task the node is part of on a remote executor (Hamilton's `task_id`). */
  taskId?: string;
}

export interface NodeEndEvent extends NodeStartEvent {
  success: boolean;
  /** The node's value, when it succeeded and the driver holds it (a worker sends back only what the driver reads). */
  result?: unknown;
  error?: unknown;
  /** How long the node took where it ran: the executor's own measure when it reports one. */
  durationMs: number;
  where: NodePlace;
  /**
   * True when the cache (`Builder.withCache`) served the node's stored result
   * instead of running it: `durationMs` is then the lookup's, `where` the
   * driver's calling thread, and `result` the stored value when the run reads
   * it (a requested output, a Parallelizable's items, what a computed node
   * reads at the time): a hit nothing reads stays unread, its `result` undefined.
   */
  cached?: boolean;
}

export interface TaskSubmittedEvent {
  runId: string;
  /** Unique within the run. */
  taskId: string;
  /** The nodes the task computes, in order. */
  nodes: readonly string[];
  executor: string;
}

export interface TaskReturnedEvent extends TaskSubmittedEvent {
  success: boolean;
  error?: unknown;
  /** From submission to answer, waiting in the queue and travel included. */
  durationMs: number;
  where: NodePlace;
}

export interface FanOutEvent {
  runId: string;
  /** The `Parallelizable` node. */
  node: Node;
  items: number;
  /** The nodes computed once per item (the block between the Parallelizable and its Collect). */
  perItem: readonly string[];
}

export interface NodeCall {
  runId: string;
  node: Node;
  /** The dependencies' values, in `node.dependencies` order. */
  args: readonly unknown[];
  /** Computes the node from `args` (its own function): call it, or don't. */
  run(): unknown;
}

export interface NodeFailure {
  runId: string;
  node: Node;
  /** What the node threw (the cause of its NodeExecutionError). */
  error: unknown;
}

export interface EdgeTypes {
  producer: Node;
  consumer: Node;
  /** The consumer's parameter the producer feeds. */
  parameter: string;
  from: TypeDescriptor;
  to: TypeDescriptor;
}

export interface InputToValidate {
  /** The input's (or override's) name. */
  name: string;
  value: unknown;
  /** The type the reading parameter declares. */
  type: TypeDescriptor;
  dependency: Dependency;
  /** The node that reads it. */
  consumer: Node;
}

/** The adapter's name in errors: its `name`, else its class name. */
export function adapterName(adapter: LifecycleAdapter): string {
  if (typeof adapter.name === 'string' && adapter.name) return adapter.name;
  const ctor = (adapter as object).constructor;
  return ctor && ctor !== Object ? ctor.name : 'an anonymous adapter';
}
