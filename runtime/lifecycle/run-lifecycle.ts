import { randomUUID } from 'node:crypto';
import { NodeExecutionError } from '../errors';
import type { ExecutionPlan } from '../execution/execution-plan';
import type { NodeRunner } from '../execution/node-runner';
import { SetAsideFailures } from '../execution/scheduler';
import type { Node } from '../graph/node';
import { callHooks, callHooksAsync } from './hook-list';
import { HookedRunner } from './hooked-runner';
import type { NodePlace, RunStartEvent, TaskReturnedEvent, TaskSubmittedEvent } from './lifecycle-adapter';
import { LifecycleAdapterError } from './lifecycle-errors';
import type { Lifecycle } from './lifecycle';
import { NodeEvent } from './node-event';

/**
 * What the scheduler asks of a run's lifecycle: its seam in
 * `schedule()` (ScheduleOptions.lifecycle), absent when no adapter is registered.
 */
export interface RunHooks {
  /** The runner the scheduler uses instead of the executor's. */
  wrapRunner(runner: NodeRunner): NodeRunner;
  /** A Parallelizable node's items are known. */
  fanOutExpanded(node: Node, items: number): void;
}

/**
 * One run's lifecycle: its id, its hooks called with its events, and the
 * failures a `recoverNodeFailure` adapter turned into values. Made by
 * Lifecycle.beginRun, once per run, only when adapters are registered.
 */
export class RunLifecycle implements RunHooks {
  readonly runId = randomUUID();
  readonly executeNode: Lifecycle['executeNode'];
  /** Slots whose node completed: the rest of the plan's steps failed or were skipped. */
  private readonly completed: Uint8Array;
  /** Failures a recoverNodeFailure method took, with the value that stands for them. */
  private readonly recovered = new Map<unknown, { node: Node; value: unknown }>();
  private readonly startedAt = performance.now();
  private hookFailure: LifecycleAdapterError | undefined;
  readonly start: RunStartEvent;

  constructor(private readonly lifecycle: Lifecycle, readonly executor: string, private readonly plan: ExecutionPlan, start: Omit<RunStartEvent, 'runId'>) {
    this.executeNode = lifecycle.executeNode;
    this.completed = new Uint8Array(plan.graph.nameAt.length);
    this.start = { runId: this.runId, ...start };
  }

  /** Wrapped only when something needs each node: node or task hooks, executeNode, recoverNodeFailure (it needs to know what completed). */
  wrapRunner(runner: NodeRunner): NodeRunner {
    const l = this.lifecycle;
    const perNode = l.beforeNode.length || l.afterNode.length || l.taskSubmitted.length || l.taskReturned.length || l.executeNode || l.recoverNodeFailure;
    return perNode ? new HookedRunner(this, runner) : runner;
  }

  /**
   * What the cache calls on a hit (runtime/cache/cache-run.ts): the node is
   * reported to the node hooks as one that completed, marked `cached`, since
   * the runner this lifecycle wraps never sees it. Undefined when no adapter
   * has node hooks, so that hits then cost nothing more.
   */
  cacheHits(): ((node: Node, slot: number, args: readonly unknown[], value: unknown, startedAt: number) => void) | undefined {
    const l = this.lifecycle;
    if (!l.beforeNode.length && !l.afterNode.length) return undefined;
    const here: NodePlace = { executor: this.executor, on: 'calling-thread' };
    return (node, slot, args, value, startedAt) => {
      const event = new NodeEvent(this.runId, node, args, here, startedAt);
      event.cached = true;
      this.nodeStarted(event);
      this.nodeSucceeded(event, value, slot, performance.now() - startedAt);
    };
  }

  fanOutExpanded(node: Node, items: number): void {
    const list = this.lifecycle.fanOutExpanded;
    if (!list.length) return;
    const { graph, units } = this.plan;
    const source = graph.slotOf.get(node.name);
    const block = units.find((u) => u.fanOut?.source === source)?.fanOut?.slots ?? [];
    callHooks(list, 'fanOutExpanded', { runId: this.runId, node, items, perItem: Array.from(block, (slot) => graph.nameAt[slot]) }, node.name);
  }

  nodeStarted(event: NodeEvent): void {
    const list = this.lifecycle.beforeNode;
    if (list.length) callHooks(list, 'beforeNode', event, event.node.name);
  }

  nodeSucceeded(event: NodeEvent, value: unknown, slot: number, durationMs: number): void {
    this.completed[slot] = 1;
    const list = this.lifecycle.afterNode;
    if (!list.length) return;
    event.success = true;
    event.result = value;
    event.durationMs = durationMs;
    callHooks(list, 'afterNode', event, event.node.name);
  }

  /** A node computed here threw: its afterNode hooks run, and the error to throw comes back (a NodeExecutionError, or an adapter's). */
  nodeFailed(event: NodeEvent, error: unknown): unknown {
    const failure = error instanceof LifecycleAdapterError || error instanceof NodeExecutionError ? error : new NodeExecutionError(event.node, error);
    return this.failed(event, failure, performance.now() - event.startedAt) ?? failure;
  }

  /** A task's node failed, or did not run because the task failed. */
  nodeFailedRemotely(event: NodeEvent, error: unknown, durationMs: number): void {
    const thrown = this.failed(event, error, durationMs);
    if (thrown) throw thrown;
  }

  private failed(event: NodeEvent, error: unknown, durationMs: number): LifecycleAdapterError | undefined {
    const list = this.lifecycle.afterNode;
    if (!list.length) return undefined;
    event.success = false;
    event.error = error;
    event.durationMs = durationMs;
    try {
      callHooks(list, 'afterNode', event, event.node.name);
    } catch (hookError) {
      return hookError as LifecycleAdapterError;
    }
    return undefined;
  }

  taskSubmitted(event: TaskSubmittedEvent): void {
    const list = this.lifecycle.taskSubmitted;
    if (list.length) callHooks(list, 'taskSubmitted', event);
  }

  taskReturned(event: TaskReturnedEvent): void {
    const list = this.lifecycle.taskReturned;
    if (list.length) callHooks(list, 'taskReturned', event);
  }

  /** The scheduler's setAside, taking also the failures a recoverNodeFailure adapter recovers. */
  setAside(existing: ((error: unknown) => boolean) | undefined): ((error: unknown) => boolean) | undefined {
    const method = this.lifecycle.recoverNodeFailure;
    if (!method) return existing;
    return (error) => {
      if (existing?.(error)) return true;
      if (!(error instanceof NodeExecutionError)) return false;
      let answer: { value: unknown } | undefined;
      try {
        answer = method.fn({ runId: this.runId, node: error.node, error: error.cause });
      } catch (hookError) {
        // Thrown inside the scheduler's bookkeeping, it would be lost: the run fails with it once the executor returns.
        this.hookFailure ??= new LifecycleAdapterError(method.adapter, 'recoverNodeFailure', hookError, error.node.name);
        return false;
      }
      if (!answer || typeof answer !== 'object' || !('value' in answer)) return false;
      this.recovered.set(error, { node: error.node, value: answer.value });
      return true;
    };
  }

  /**
   * After the executor rejected: the recovered failures' values go into
   * their nodes' slots and those of everything downstream that did not run;
   * what remains to throw comes back (undefined: the run succeeded).
   */
  recover(error: unknown, values: unknown[]): unknown {
    if (this.hookFailure) return this.hookFailure;
    if (!(error instanceof SetAsideFailures) || this.recovered.size === 0) return error;
    const { graph, steps } = this.plan;
    const inPlan = new Uint8Array(graph.nameAt.length);
    for (const slot of steps) inPlan[slot] = 1;
    const filled = new Uint8Array(graph.nameAt.length);
    for (const failure of error.errors) {
      const recovered = this.recovered.get(failure);
      if (!recovered) continue;
      for (const name of graph.downstreamOf([recovered.node.name])) {
        const slot = graph.slotOf.get(name)!;
        if (!inPlan[slot] || this.completed[slot] || filled[slot]) continue;
        filled[slot] = 1;
        values[slot] = recovered.value;
      }
    }
    const rest = error.errors.filter((e) => !this.recovered.has(e));
    return rest.length ? new SetAsideFailures(rest) : undefined;
  }

  /** Runs `compute` between the run's beforeRun and afterRun hooks; afterRun runs whether it succeeded or not. */
  async around<T>(compute: () => Promise<T>, resultsOf: (value: T) => Readonly<Record<string, unknown>>): Promise<T> {
    let value: T;
    try {
      await callHooksAsync(this.lifecycle.beforeRun, 'beforeRun', this.start);
      value = await compute();
    } catch (error) {
      // The run's own error is the one to throw: an afterRun hook's failure does not hide it.
      await this.end(false, error).catch(() => undefined);
      throw error;
    }
    await this.end(true, undefined, resultsOf(value));
    return value;
  }

  private end(success: boolean, error?: unknown, results?: Readonly<Record<string, unknown>>): Promise<void> {
    return callHooksAsync(this.lifecycle.afterRun, 'afterRun', {
      ...this.start, success, error, results, durationMs: performance.now() - this.startedAt,
    });
  }
}
