import { isCheckNode } from '../data-quality/check-result';
import type { ExecutionPlan } from './execution-plan';

/**
 * Which values a plan may drop mid-run, and when: a computed intermediate is
 * let go once every unit that reads it has finished, so a run's peak memory
 * is its inputs, its outputs and the columns still being worked on (not every
 * intermediate until the run ends). Never released: requested outputs, check
 * results (the run's report reads them), and provided values (inputs, config,
 * overrides: the caller owns them, and they are no steps of the plan).
 */
interface ReleaseRules {
  /** Per slot: how many units read it. */
  readonly readers: Int32Array;
  /** Per unit: the slots it reads from the run's values (outside its own block), each once. */
  readonly reads: readonly Int32Array[];
  /** Per slot: 1 when the run may drop it after its last reader. */
  readonly releasable: Uint8Array;
}

// Plans are cached by the driver and immutable: their rules are computed once.
const rulesOfPlan = new WeakMap<ExecutionPlan, ReleaseRules>();

function rulesOf(plan: ExecutionPlan): ReleaseRules {
  let rules = rulesOfPlan.get(plan);
  if (rules) return rules;
  const { graph, units } = plan;
  const slots = graph.nameAt.length;
  const releasable = new Uint8Array(slots);
  for (const slot of plan.steps) if (!isCheckNode(graph.nodeAt[slot])) releasable[slot] = 1;
  for (const slot of plan.outputSlots) releasable[slot] = 0;
  const readers = new Int32Array(slots);
  // lastReader[d] === u: unit u already counts as a reader of d.
  const lastReader = new Int32Array(slots).fill(-1);
  const reads = units.map((unit, u) => {
    const own = new Set(unit.slots);
    const read: number[] = [];
    const add = (d: number) => {
      if (own.has(d) || lastReader[d] === u) return;
      lastReader[d] = u;
      readers[d]++;
      read.push(d);
    };
    for (const slot of unit.slots) for (const dep of graph.dependencySlots[slot]) add(dep);
    if (unit.fanOut) add(unit.fanOut.source);
    return Int32Array.from(read);
  });
  rules = { readers, reads, releasable };
  rulesOfPlan.set(plan, rules);
  return rules;
}

/** One run's countdown of readers: `unitDone` drops each value its unit was the last to read. */
export class ValueRelease {
  private readonly rules: ReleaseRules;
  private readonly left: Int32Array;

  constructor(plan: ExecutionPlan, private readonly values: unknown[]) {
    this.rules = rulesOf(plan);
    this.left = this.rules.readers.slice();
  }

  /** Unit `u` has finished: values no unit still to run reads are let go. */
  unitDone(u: number): void {
    const { reads, releasable } = this.rules;
    const read = reads[u];
    for (let i = 0; i < read.length; i++) {
      const slot = read[i];
      if (--this.left[slot] === 0 && releasable[slot]) this.values[slot] = undefined;
    }
  }
}
