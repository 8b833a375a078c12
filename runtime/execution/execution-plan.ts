import { MissingInputsError, type MissingInput } from '../errors';
import type { FunctionGraph } from '../graph/graph';
import { findFanOuts, type FanOut } from './fan-out';
import type { Node } from '../graph/node';

/** One node to compute, or a fan-out block to compute once per item of its source. */
export interface Unit {
  readonly slots: Int32Array;
  readonly fanOut?: FanOut;
  /** A Parallelizable node: its iterable is turned into an array of items once computed. */
  readonly itemSource?: boolean;
  /** The slots whose values are read after the unit ran (default: all of them): a task of several nodes sends back only these. */
  readonly needed?: Int32Array;
}

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
  /** What executors schedule: one node, or a fan-out's block of per-item nodes. */
  readonly units: readonly Unit[];
  /** For each unit, how many other units must finish first. */
  readonly unitWaits: Int32Array;
  /** For each unit, the units that wait for it. */
  readonly unitDependents: readonly Int32Array[];
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
  // A requested input has no node to need it: the request does.
  const requested = new Set<number>();
  for (const out of outputSlots) {
    if (out < graph.nodeCount || isProvided(out)) continue;
    requested.add(out);
    if (!missing.has(out)) missing.set(out, []);
  }
  // A provided name or an external input ends the walk: record it once, or note who misses it.
  const reachedLeaf = (slot: number, by: Node | undefined, optional: boolean): boolean => {
    const given = isProvided(slot);
    if (!given && slot < graph.nodeCount) return false;
    if (given && state[slot] !== 2) provided.push(slot);
    if (!given && !optional) {
      let list = missing.get(slot);
      if (!list) missing.set(slot, (list = []));
      if (by) list.push(by);
    }
    state[slot] = 2;
    return true;
  };
  for (const out of outputSlots) {
    if (state[out] || reachedLeaf(out, undefined, false)) continue;
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
      const node = graph.nodeAt[slot];
      if (reachedLeaf(dep, node, node.dependencies[i].optional) || state[dep]) continue;
      state[dep] = 1;
      stack.push(dep);
      cursor.push(0);
    }
  }
  if (missing.size) {
    for (const slot of missing.keys()) graph.assertNotLeftOut(graph.nameAt[slot]);
    const list: MissingInput[] = [...missing].map(([slot, neededBy]) => (requested.has(slot)
      ? { name: graph.nameAt[slot], neededBy, requested: true }
      : { name: graph.nameAt[slot], neededBy }));
    throw new MissingInputsError(list);
  }
  return linkSteps(graph, outputSlots, Int32Array.from(steps), provided);
}

/** Groups steps into units (fan-out blocks become one unit) and links units by their dependencies. */
function linkSteps(graph: FunctionGraph, outputSlots: number[], steps: Int32Array, providedSlots: number[]): ExecutionPlan {
  const fanOuts = findFanOuts(graph, steps, outputSlots, providedSlots);
  const unitOf = new Int32Array(graph.nameAt.length).fill(-1);
  const units: Unit[] = [];
  for (const fanOut of fanOuts) {
    // A fan-out that only collectors read has no block: they gather the items themselves.
    if (fanOut.slots.length === 0) continue;
    fanOut.slots.forEach((slot) => {
      unitOf[slot] = units.length;
    });
    units.push({ slots: fanOut.slots, fanOut });
  }
  for (const slot of steps) {
    if (unitOf[slot] >= 0) continue;
    unitOf[slot] = units.length;
    units.push(graph.nodeAt[slot].type.kind === 'parallelizable' ? { slots: Int32Array.of(slot), itemSource: true } : { slots: Int32Array.of(slot) });
  }
  // lastAddedBy[d] === u: unit d is already among u's dependencies (no Set per unit).
  const lastAddedBy = new Int32Array(units.length).fill(-1);
  const waitsFor = units.map((unit, u) => {
    const deps: number[] = [];
    const add = (d: number) => {
      if (d < 0 || d === u || lastAddedBy[d] === u) return;
      lastAddedBy[d] = u;
      deps.push(d);
    };
    for (const slot of unit.slots) for (const dep of graph.dependencySlots[slot]) add(unitOf[dep]);
    if (unit.fanOut) add(unitOf[unit.fanOut.source]);
    return deps;
  });
  const dependents: number[][] = units.map(() => []);
  waitsFor.forEach((deps, u) => deps.forEach((d) => dependents[d].push(u)));
  return {
    graph, outputSlots, steps, units,
    unitWaits: Int32Array.from(waitsFor, (d) => d.length),
    unitDependents: dependents.map((d) => Int32Array.from(d)),
    providedSlots,
  };
}
