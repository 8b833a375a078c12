import type { Piscina } from 'piscina';
import type { ExecutionPlan } from '../../execution/execution-plan';
import { InProcessRunner, type NodeRunner } from '../../execution/node-runner';
import { sentSpecOf } from '../remote/graph-spec';
import { routeOf } from '../remote/run-task';
import type { SharedColumns } from './shared-columns';
import { brokenWorker, inputFailure, nodeFailure, poolFailure } from './thread-errors';
import type { ThreadReply, ThreadTask } from './thread-protocol';
import { isThreadTagged } from './thread-tag';
import { decodeValue, encodeInput } from './wire-values';

/** Which units go to the pool: only tagged ones and fan-out items (`tagged`), or every one (`all`). */
export type Offload = 'tagged' | 'all';

/**
 * Decides, for each unit the scheduler hands it, where it runs: on the
 * calling thread (InProcessRunner: no hop, no copy) or as one task on the
 * pool. A unit goes to the pool when one of its nodes is tagged
 * `executor: 'thread'` or when it is a fan-out block (its items then run in
 * parallel), or always under `offload: 'all'`.
 */
export class ThreadRunner implements NodeRunner {
  private readonly local = new InProcessRunner();
  /** Per plan, indexed by each unit's first slot: 1 if the unit goes to the pool. */
  private readonly offloads = new WeakMap<ExecutionPlan, Uint8Array>();
  // The plan of the previous call: most calls belong to the same run, and then cost one comparison.
  private lastPlan?: ExecutionPlan;
  private lastOffloads: Uint8Array = new Uint8Array(0);

  constructor(
    private readonly pool: () => Piscina,
    private readonly shared: SharedColumns,
    private readonly offload: Offload,
  ) {}

  runSteps(plan: ExecutionPlan, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, signal?: AbortSignal): void | Promise<void> {
    if (plan !== this.lastPlan) {
      this.lastPlan = plan;
      this.lastOffloads = this.offloadsOf(plan);
    }
    if (this.lastOffloads[slots[0]] === 0) return this.local.runSteps(plan, slots, values, needed);
    const route = routeOf(plan.graph, slots, needed);
    // Built on the first task that needs it: graphs that never offload need no module path.
    const spec = sentSpecOf(plan.graph).json;
    const inputs: Record<string, unknown> = {};
    route.inputNames.forEach((name, i) => {
      try {
        inputs[name] = encodeInput(values[route.inputSlots[i]], this.shared);
      } catch (error) {
        throw inputFailure(plan, slots, name, error);
      }
    });
    const message: ThreadTask = { spec, task: { nodes: route.nodes, inputs, needed: route.needed } };
    // An abandoned task (a timeout) ends its thread, which the pool replaces: nothing else stops a node mid-computation.
    return this.pool().run(message, signal ? { signal } : undefined).then((reply: ThreadReply) => {
      if ('failed' in reply) throw nodeFailure(plan, reply.failed);
      if ('broken' in reply) throw brokenWorker(reply.broken);
      route.neededSlots.forEach((slot, i) => {
        values[slot] = decodeValue(reply.values[route.needed[i]]);
      });
    }, (error: unknown) => {
      throw poolFailure(plan, slots, error);
    });
  }

  /** Which units go to the pool: tagged ones and fan-out blocks, or all of them. */
  private offloadsOf(plan: ExecutionPlan): Uint8Array {
    let offloads = this.offloads.get(plan);
    if (!offloads) {
      offloads = new Uint8Array(plan.graph.nodeCount);
      for (const unit of plan.units) {
        if (unit.slots.length === 0) continue;
        const offload = this.offload === 'all' || unit.fanOut !== undefined
          || unit.slots.some((slot) => isThreadTagged(plan.graph.nodeAt[slot]));
        offloads[unit.slots[0]] = offload ? 1 : 0;
      }
      this.offloads.set(plan, offloads);
    }
    return offloads;
  }
}
