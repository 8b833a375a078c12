import type { ExecutionPlan } from '../../execution/execution-plan';
import { isThreadTagged } from './thread-tag';

/** Which units go to the pool: only tagged ones and fan-out items (`tagged`), or every one (`all`). */
export type Offload = 'tagged' | 'all';

/**
 * Per plan, indexed by each unit's first slot: 1 if the unit goes to the
 * pool. A unit goes when one of its nodes is tagged `executor: 'thread'` or
 * when it is a fan-out block (its items then run in parallel), or always
 * under `offload: 'all'`. Computed once per plan.
 */
export class Offloads {
  private readonly byPlan = new WeakMap<ExecutionPlan, Uint8Array>();

  constructor(private readonly offload: Offload) {}

  of(plan: ExecutionPlan): Uint8Array {
    let offloads = this.byPlan.get(plan);
    if (!offloads) {
      offloads = new Uint8Array(plan.graph.nodeCount);
      for (const unit of plan.units) {
        if (unit.slots.length === 0) continue;
        const offload = this.offload === 'all' || unit.fanOut !== undefined
          || unit.slots.some((slot) => isThreadTagged(plan.graph.nodeAt[slot]));
        offloads[unit.slots[0]] = offload ? 1 : 0;
      }
      this.byPlan.set(plan, offloads);
    }
    return offloads;
  }
}
