import type { Piscina } from 'piscina';
import type { ExecutionPlan } from '../../execution/execution-plan';
import { InProcessRunner, type NodeRunner, type TaskReport } from '../../execution/node-runner';
import { sentSpecOf } from '../remote/graph-spec';
import { unsendable } from '../remote/sendable';
import { routeOf } from '../remote/run-task';
import type { SharedColumns } from './shared-columns';
import { brokenWorker, closedFailure, inputFailure, nodeFailure, poolFailure, unsendableInput } from './thread-errors';
import type { ThreadReply, ThreadTask } from './thread-protocol';
import { decodeValue, encodeInput } from './wire-values';

/** The pool as one run sees it: closed once `close()` was called during the run. */
export interface RunPool {
  /** The executor's pool, started on first use. */
  get(): Piscina;
  /** Whether the executor was closed since the run began: the run sends no more tasks. */
  closed(): boolean;
}

/**
 * One run's node runner. Decides, for each unit the scheduler hands it,
 * where it runs: on the calling thread (InProcessRunner: no hop, no copy)
 * or as one task on the pool (see Offloads for which units go).
 */
export class ThreadRunner implements NodeRunner {
  private readonly local = new InProcessRunner();

  constructor(
    private readonly pool: RunPool,
    private readonly shared: SharedColumns,
    /** This run's plan's Offloads. */
    private readonly offloads: Uint8Array,
  ) {}

  runsInProcess(slots: Int32Array): boolean {
    return this.offloads[slots[0]] === 0;
  }

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal, report?: TaskReport): void | Promise<void> {
    if (this.offloads[slots[0]] === 0) return this.local.runSteps(plan, slots, values, needed);
    if (this.pool.closed()) throw closedFailure(plan, slots);
    const route = routeOf(plan.graph, slots, needed);
    // Built on the first task that needs it: graphs that never offload need no module path.
    const spec = sentSpecOf(plan.graph).json;
    const inputs: Record<string, unknown> = {};
    route.inputNames.forEach((name, i) => {
      const value = values[route.inputSlots[i]];
      const found = unsendable(value);
      if (found) throw unsendableInput(plan, slots, name, found);
      try {
        inputs[name] = encodeInput(value, this.shared);
      } catch (error) {
        throw inputFailure(plan, slots, name, error);
      }
    });
    const message: ThreadTask = { spec, task: { nodes: route.nodes, inputs, needed: route.needed } };
    // An abandoned task (a timeout) ends its thread, which the pool replaces: nothing else stops a node mid-computation.
    return this.pool.get().run(message, signal ? { signal } : undefined).then((reply: ThreadReply) => {
      if (report) {
        report.on = 'worker-thread';
        if ('threadId' in reply) report.threadId = reply.threadId;
        if ('durationsMs' in reply) report.durationsMs = reply.durationsMs;
      }
      if ('failed' in reply) throw nodeFailure(plan, reply.failed);
      if ('broken' in reply) throw brokenWorker(reply.broken);
      route.neededSlots.forEach((slot, i) => {
        values[slot] = decodeValue(reply.values[route.needed[i]]);
      });
    }, (error: unknown) => {
      // close() ends the threads: the task was cut short, its thread did not fail.
      throw this.pool.closed() ? closedFailure(plan, slots) : poolFailure(plan, slots, error);
    });
  }
}
