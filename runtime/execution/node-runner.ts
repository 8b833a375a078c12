import { NodeExecutionError } from '../errors';
import type { ExecutionPlan } from './execution-plan';
import { nodeOutput } from './node-output';

/**
 * Computes nodes where an executor wants them computed: in-process, on a
 * worker thread, on another machine. The scheduler decides when; a runner
 * decides where and how.
 */
export interface NodeRunner {
  /**
   * Computes `slots` in order (dependencies first), reading every other
   * dependency from `values` and writing each result into `values`. Returns
   * a promise when it cannot finish synchronously. `needed` are the slots
   * whose values the caller reads afterwards (a remote runner may send back
   * only those). Failures reject with a NodeExecutionError. `signal` aborts
   * when the scheduler abandons the call (a timeout): a runner that can stop
   * the work (end a thread, stop waiting on a queue) does so and rejects.
   */
  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal, report?: TaskReport): void | Promise<void>;
  /** Whether these slots would be computed in this process (lifecycle hooks then wrap each node's call). Absent: never. */
  runsInProcess?(slots: Int32Array): boolean;
}

/**
 * What a runner that sends work elsewhere says about a task once it is back,
 * when the caller passes one to fill (lifecycle hooks do; otherwise it costs nothing).
 */
export interface TaskReport {
  on?: 'worker-thread' | 'worker';
  /** The worker thread's threadId. */
  threadId?: number;
  /** The BullMQ worker's identity (host:pid). */
  worker?: string;
  /** Each node's duration where it ran, in the task's node order, as far as it got. */
  durationsMs?: number[];
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function')
    && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Calls each node's function in this process, passing values by reference: no
 * column is copied. Nothing can stop a node running here: an abandoned call's
 * promise is left to settle, its value unused.
 */
export class InProcessRunner implements NodeRunner {
  runsInProcess(): boolean {
    return true;
  }

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], _needed?: ArrayLike<number>, _signal?: AbortSignal): void | Promise<void> {
    return this.runFrom(plan, slots, values, 0);
  }

  private runFrom(plan: ExecutionPlan, slots: Int32Array, values: unknown[], from: number): void | Promise<void> {
    const { nodeAt, dependencySlots } = plan.graph;
    for (let i = from; i < slots.length; i++) {
      const slot = slots[i];
      const deps = dependencySlots[slot];
      const args = new Array(deps.length);
      for (let j = 0; j < deps.length; j++) args[j] = values[deps[j]];
      const node = nodeAt[slot];
      let value: unknown;
      try {
        value = node.fn(...args);
        if (!isThenable(value)) value = nodeOutput(node, value);
      } catch (error) {
        throw new NodeExecutionError(node, error);
      }
      if (isThenable(value)) {
        // Finish the rest once this node's promise settles.
        return Promise.resolve(value).then((v) => {
          try {
            values[slot] = nodeOutput(node, v);
          } catch (error) {
            throw new NodeExecutionError(node, error);
          }
          return this.runFrom(plan, slots, values, i + 1);
        }, (error) => {
          throw new NodeExecutionError(node, error);
        });
      }
      values[slot] = value;
    }
  }
}
