import { isCheckNode } from '../data-quality/check-result';
import { HamiltonError } from '../errors';
import type { Node } from '../graph/node';
import type { ExecutionPlan, Unit } from './execution-plan';
import { isThenable } from './node-runner';
import { TIMEOUT_TAG } from './node-timeout';
import type { RunSteps, ScheduleOptions } from './scheduler';

/**
 * How an executor that sends work elsewhere cuts a plan into tasks: a task
 * is what travels as one piece, its values passed between its nodes by
 * reference where it runs (Hamilton's GroupingStrategy):
 *
 * - `'chains'` (the default): every fan-out item's block is one task, and so
 *   is every chain of nodes (see chainsOf); everything else is one node per task.
 * - `'blocks'`: Hamilton's GroupByRepeatableBlocks: each item's block is one
 *   task, every other node its own.
 * - `'nodes'`: Hamilton's GroupNodesIndividually: every node, each node of
 *   each item too, is a task of its own, and every value goes back to the driver.
 */
export type TaskGrouping = 'chains' | 'blocks' | 'nodes';

export const TASK_GROUPINGS: readonly TaskGrouping[] = ['chains', 'blocks', 'nodes'];

/** The tag key that puts a node in a task of its own (value 'own'): `@tag(OWN_TASK_TAG)`. */
export const TASK_TAG = 'hamilton.task';

/** `@tag(OWN_TASK_TAG)` is `@tag({ 'hamilton.task': 'own' })`: this node is never part of a chain. */
export const OWN_TASK_TAG = { [TASK_TAG]: 'own' } as const;

export function checkGrouping(grouping: unknown, what: string): asserts grouping is TaskGrouping {
  if (!TASK_GROUPINGS.includes(grouping as TaskGrouping)) {
    throw new HamiltonError(`${what} must be one of ${TASK_GROUPINGS.map((g) => `'${g}'`).join(', ')}, got ${JSON.stringify(grouping)}`);
  }
}

/**
 * Why a node runs in a task of its own rather than in a chain, or undefined
 * if it may join one: a time limit is its node's alone; a check's failure may
 * be set aside (onFailedCheck 'skipDependents') without losing what ran
 * before it; a Parallelizable's value becomes its items between tasks.
 */
export function ownTaskReason(node: Node): string | undefined {
  if (node.tags[TASK_TAG] === 'own') return `it is tagged { '${TASK_TAG}': 'own' }`;
  if (node.tags[TIMEOUT_TAG] !== undefined) return `it has a time limit of its own ('${TIMEOUT_TAG}')`;
  if (isCheckNode(node)) return 'it is a data-quality check';
  if (node.type.kind === 'parallelizable') return 'it is a Parallelizable (its items are what the next tasks read)';
  return undefined;
}

// By plan (plans are cached by the driver, and immutable): a plan's chains are found once.
const chained = new WeakMap<ExecutionPlan, ExecutionPlan>();

/**
 * The plan as tasks: with `'chains'`, each chain becomes one unit whose only
 * value sent back is its last node's; `'blocks'` and `'nodes'` keep the
 * plan's units (for `'nodes'`, see splitIntoNodes).
 */
export function groupTasks(plan: ExecutionPlan, grouping: TaskGrouping): ExecutionPlan {
  if (grouping !== 'chains') return plan;
  let grouped = chained.get(plan);
  if (!grouped) {
    grouped = mergeChains(plan);
    chained.set(plan, grouped);
  }
  return grouped;
}

/**
 * The chains among a plan's units, each as its units in order (units in no
 * chain are left out). A chain is a path of nodes n1 → n2 → … → nk (k ≥ 2)
 * where each n(i+1) is the only node reading n(i), n(i) is the only computed
 * node n(i+1) reads (inputs and config do not count), no n(i) before the last
 * is a requested output, and none is in a fan-out block or runs on its own
 * (ownTaskReason). Merging such a path delays nothing (each node could only
 * start after the one before anyway, and nothing else waits on it), and no
 * value but n(k)'s ever leaves the task.
 */
export function chainsOf(plan: ExecutionPlan): number[][] {
  const { units, unitWaits, unitDependents, graph } = plan;
  const outputs = new Set(plan.outputSlots);
  const single = units.map((unit) => !unit.fanOut && !unit.itemSource && unit.slots.length === 1
    && ownTaskReason(graph.nodeAt[unit.slots[0]]) === undefined);
  // next[u]: the unit u hands its value to, in the same chain (-1: none).
  const next = new Int32Array(units.length).fill(-1);
  const hasPrevious = new Uint8Array(units.length);
  for (let u = 0; u < units.length; u++) {
    if (!single[u] || outputs.has(units[u].slots[0]) || unitDependents[u].length !== 1) continue;
    const v = unitDependents[u][0];
    if (!single[v] || unitWaits[v] !== 1) continue;
    next[u] = v;
    hasPrevious[v] = 1;
  }
  const chains: number[][] = [];
  for (let u = 0; u < units.length; u++) {
    if (hasPrevious[u] || next[u] < 0) continue;
    const chain = [u];
    for (let v = next[u]; v >= 0; v = next[v]) chain.push(v);
    chains.push(chain);
  }
  return chains;
}

function mergeChains(plan: ExecutionPlan): ExecutionPlan {
  const chains = chainsOf(plan);
  if (chains.length === 0) return plan;
  const { units, unitDependents } = plan;
  // Each old unit's new unit: a chain takes the place of its first unit, so the order still runs.
  const headOf = new Int32Array(units.length).fill(-1);
  for (const chain of chains) for (const u of chain) headOf[u] = chain[0];
  const chainAt = new Map(chains.map((chain) => [chain[0], chain]));
  const newIndex = new Int32Array(units.length).fill(-1);
  const merged: Unit[] = [];
  const members: number[][] = [];
  for (let u = 0; u < units.length; u++) {
    if (headOf[u] >= 0 && headOf[u] !== u) continue;
    const chain = chainAt.get(u);
    newIndex[u] = merged.length;
    members.push(chain ?? [u]);
    if (!chain) {
      merged.push(units[u]);
      continue;
    }
    const slots = Int32Array.from(chain, (c) => units[c].slots[0]);
    merged.push({ slots, needed: slots.subarray(slots.length - 1) });
  }
  for (let u = 0; u < units.length; u++) if (newIndex[u] < 0) newIndex[u] = newIndex[headOf[u]];
  const dependents = members.map((group, g) => {
    const out = new Set<number>();
    for (const u of group) for (const d of unitDependents[u]) if (newIndex[d] !== g) out.add(newIndex[d]);
    return Int32Array.from(out);
  });
  const waits = new Int32Array(merged.length);
  for (const ds of dependents) for (const d of ds) waits[d]++;
  return { ...plan, units: merged, unitWaits: waits, unitDependents: dependents };
}

/**
 * For `'nodes'`: the scheduler's wrapSteps that hands the executor one node
 * at a time, every item's block included, each node's value coming back
 * (through the cache's own wrapSteps, when there is one).
 */
export function splitIntoNodes(inner: ScheduleOptions['wrapSteps']): NonNullable<ScheduleOptions['wrapSteps']> {
  return (plan, unit, slots, values, _needed, run) => {
    const step: RunSteps = inner ? (s, v, n) => inner(plan, unit, s, v, n, run) : run;
    const alone = singleSlots(slots);
    let i = 0;
    const next = (): void | Promise<void> => {
      while (i < alone.length) {
        const only = alone[i++];
        const pending = step(only, values, only);
        if (isThenable(pending)) return pending.then(next);
      }
      return undefined;
    };
    return next();
  };
}

// One array per node of a unit, made once: runners key what they work out about a task by its slots array.
const singles = new WeakMap<Int32Array, Int32Array[]>();

function singleSlots(slots: Int32Array): Int32Array[] {
  let alone = singles.get(slots);
  if (!alone) {
    alone = Array.from(slots, (slot) => Int32Array.of(slot));
    singles.set(slots, alone);
  }
  return alone;
}
