import { MissingInputsError, type MissingInput } from './errors';
import type { FunctionGraph } from './graph';
import type { Node } from './node';

/**
 * The part of the graph one request needs, in an order that runs. Plans are
 * pure functions of (outputs, which names are provided), so the driver caches
 * them: repeated runs pay nothing for planning.
 */
export interface ExecutionPlan {
  readonly graph: FunctionGraph;
  /** Slots of the requested outputs, in request order. */
  readonly outputSlots: readonly number[];
  /** Node slots to compute, dependencies before dependents. */
  readonly steps: Int32Array;
  /** For each step, how many of its dependencies are themselves steps. */
  readonly waitCounts: Int32Array;
  /** For each step, the step positions that consume it. */
  readonly dependentSteps: readonly Int32Array[];
  /** Slots that must hold a value before the run starts: used inputs, config, overrides. */
  readonly providedSlots: readonly number[];
}

/**
 * Walks up from the outputs, stopping at provided names (an override cuts
 * off everything only it needed). Iterative post-order DFS: linear, and no
 * recursion limit for long chains.
 */
export function planExecution(graph: FunctionGraph, outputs: readonly string[], isProvided: (slot: number) => boolean): ExecutionPlan {
  const outputSlots = graph.slotsOf(outputs);
  const state = new Uint8Array(graph.nameAt.length); // 0 new, 1 open, 2 done
  const steps: number[] = [];
  const provided: number[] = [];
  const missing = new Map<number, Node[]>();
  const needInput = (slot: number, by: Node | undefined, optional: boolean) => {
    if (isProvided(slot)) return;
    if (optional) return;
    let list = missing.get(slot);
    if (!list) missing.set(slot, (list = []));
    if (by) list.push(by);
  };
  for (const out of outputSlots) {
    if (state[out]) continue;
    if (isProvided(out) || out >= graph.nodeCount) {
      state[out] = 2;
      if (isProvided(out)) provided.push(out);
      else needInput(out, undefined, false);
      continue;
    }
    const stack = [out];
    const cursor = [0];
    state[out] = 1;
    while (stack.length) {
      const top = stack.length - 1;
      const slot = stack[top];
      const deps = graph.dependencySlots[slot];
      const i = cursor[top];
      if (i === deps.length) {
        state[slot] = 2;
        steps.push(slot);
        stack.pop();
        cursor.pop();
        continue;
      }
      cursor[top] = i + 1;
      const dep = deps[i];
      if (dep >= graph.nodeCount) {
        const node = graph.nodeAt[slot];
        needInput(dep, node, node.dependencies[i].optional);
        if (!state[dep] && isProvided(dep)) provided.push(dep);
        state[dep] = 2;
        continue;
      }
      if (state[dep]) continue;
      if (isProvided(dep)) {
        state[dep] = 2;
        provided.push(dep);
        continue;
      }
      state[dep] = 1;
      stack.push(dep);
      cursor.push(0);
    }
  }
  if (missing.size) {
    for (const slot of missing.keys()) graph.assertNotLeftOut(graph.nameAt[slot]);
    const list: MissingInput[] = [...missing].map(([slot, neededBy]) => ({ name: graph.nameAt[slot], neededBy }));
    throw new MissingInputsError(list);
  }
  return linkSteps(graph, outputSlots, Int32Array.from(steps), provided);
}

function linkSteps(graph: FunctionGraph, outputSlots: number[], steps: Int32Array, providedSlots: number[]): ExecutionPlan {
  const position = new Map<number, number>();
  steps.forEach((slot, i) => position.set(slot, i));
  const waitCounts = new Int32Array(steps.length);
  const dependents: number[][] = Array.from(steps, () => []);
  steps.forEach((slot, i) => {
    for (const dep of graph.dependencySlots[slot]) {
      const p = position.get(dep);
      if (p === undefined) continue;
      waitCounts[i]++;
      dependents[p].push(i);
    }
  });
  return {
    graph, outputSlots, steps, waitCounts,
    dependentSteps: dependents.map((d) => Int32Array.from(d)),
    providedSlots,
  };
}
