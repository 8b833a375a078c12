import { NodeExecutionError } from '../errors';
import type { ExecutionPlan } from '../execution/execution-plan';
import { isThenable, type NodeRunner, type TaskReport } from '../execution/node-runner';
import { nodeOutput } from '../execution/node-output';
import type { Node } from '../graph/node';
import type { NodePlace, TaskReturnedEvent, TaskSubmittedEvent } from './lifecycle-adapter';
import { LifecycleAdapterError } from './lifecycle-errors';
import { NodeEvent } from './node-event';
import type { RunLifecycle } from './run-lifecycle';

const NOT_THROWN = Symbol('not thrown');

/**
 * The executor's runner with the run's node and task hooks around it, made
 * only when adapters are registered. Units the executor computes in this
 * process are run here, node by node, each call wrapped (beforeNode,
 * executeNode, afterNode); units it sends elsewhere are one task each
 * (taskSubmitted / taskReturned), their nodes' hooks fired around it, with the
 * durations and place the executor reports.
 */
export class HookedRunner implements NodeRunner {
  private tasks = 0;
  private readonly here: NodePlace;

  constructor(private readonly run: RunLifecycle, private readonly inner: NodeRunner) {
    this.here = { executor: run.executor, on: 'calling-thread' };
  }

  runsInProcess(slots: Int32Array): boolean {
    return this.inner.runsInProcess?.(slots) === true;
  }

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal): void | Promise<void> {
    if (this.inner.runsInProcess?.(slots)) return this.runFrom(plan, slots, values, 0);
    return this.runTask(plan, slots, values, needed, signal);
  }

  private runFrom(plan: ExecutionPlan, slots: Int32Array, values: unknown[], from: number): void | Promise<void> {
    const { nodeAt, dependencySlots } = plan.graph;
    const run = this.run;
    for (let i = from; i < slots.length; i++) {
      const slot = slots[i];
      const deps = dependencySlots[slot];
      const args = new Array(deps.length);
      for (let j = 0; j < deps.length; j++) args[j] = values[deps[j]];
      const node = nodeAt[slot];
      const event = new NodeEvent(run.runId, node, args, this.here);
      run.nodeStarted(event);
      let value: unknown;
      try {
        value = this.call(node, args);
        if (!isThenable(value)) value = nodeOutput(node, value);
      } catch (error) {
        throw run.nodeFailed(event, error);
      }
      if (isThenable(value)) {
        return Promise.resolve(value).then((v) => {
          let out: unknown;
          try {
            out = nodeOutput(node, v);
          } catch (error) {
            throw run.nodeFailed(event, error);
          }
          values[slot] = out;
          run.nodeSucceeded(event, out, slot, performance.now() - event.startedAt);
          return this.runFrom(plan, slots, values, i + 1);
        }, (error) => {
          throw run.nodeFailed(event, error);
        });
      }
      values[slot] = value;
      run.nodeSucceeded(event, value, slot, performance.now() - event.startedAt);
    }
  }

  /** The node's function, or the executeNode method around it; the method's own throw names the adapter. */
  private call(node: Node, args: unknown[]): unknown {
    const method = this.run.executeNode;
    if (!method) return node.fn(...args);
    let thrown: unknown = NOT_THROWN;
    const run = () => {
      try {
        return node.fn(...args);
      } catch (error) {
        thrown = error;
        throw error;
      }
    };
    try {
      return method.fn({ runId: this.run.runId, node, args, run });
    } catch (error) {
      if (error === thrown) throw error;
      throw new LifecycleAdapterError(method.adapter, 'executeNode', error, node.name);
    }
  }

  private runTask(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal): Promise<void> {
    const run = this.run;
    const { nodeAt, dependencySlots } = plan.graph;
    const taskId = String(++this.tasks);
    const nodes = Array.from(slots, (slot) => nodeAt[slot]);
    const submitted: TaskSubmittedEvent = { runId: run.runId, taskId, nodes: nodes.map((n) => n.name), executor: run.executor };
    const startedAt = performance.now();
    run.taskSubmitted(submitted);
    const place: NodePlace = { executor: run.executor, on: 'worker' };
    const events = nodes.map((node, i) => {
      const event = new NodeEvent(run.runId, node, Array.from(dependencySlots[slots[i]], (d) => values[d]), place);
      event.taskId = taskId;
      return event;
    });
    for (const event of events) run.nodeStarted(event);
    const report: TaskReport = {};
    const settle = (error?: unknown) => {
      if (report.on) place.on = report.on;
      if (report.threadId !== undefined) place.threadId = report.threadId;
      if (report.worker !== undefined) place.worker = report.worker;
      const returned: TaskReturnedEvent = { ...submitted, success: error === undefined, error, durationMs: performance.now() - startedAt, where: place };
      run.taskReturned(returned);
      const failedAt = error instanceof NodeExecutionError ? nodes.indexOf(error.node) : -1;
      events.forEach((event, i) => {
        const durationMs = report.durationsMs?.[i] ?? returned.durationMs;
        if (error === undefined || (failedAt >= 0 && i < failedAt)) run.nodeSucceeded(event, values[slots[i]], slots[i], durationMs);
        else run.nodeFailedRemotely(event, error, durationMs);
      });
    };
    let pending: void | Promise<void>;
    try {
      pending = this.inner.runSteps(plan, slots, values, needed, signal, report);
    } catch (error) {
      settle(error);
      throw error;
    }
    return Promise.resolve(pending).then(() => settle(), (error: unknown) => {
      settle(error);
      throw error;
    });
  }
}
