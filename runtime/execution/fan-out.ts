import { FanOutError } from '../errors';
import type { FunctionGraph } from '../graph/graph';

/**
 * A dynamic fan-out: the nodes downstream of a `Parallelizable<T>` node, up
 * to the `Collect<T>` parameters that gather them, run once per item.
 */
export interface FanOut {
  /** The Parallelizable node: its value is iterated, each item standing in its place. */
  source: number;
  /** The nodes that run once per item, in an order that runs. */
  slots: Int32Array;
  /** The per-item nodes that collectors read: their values are gathered into arrays, in item order. */
  collected: Int32Array;
}

const isParallelizable = (graph: FunctionGraph, slot: number) => slot < graph.nodeCount && graph.nodeAt[slot].type.kind === 'parallelizable';

/**
 * Finds the fan-outs among a plan's steps. Walks down from each
 * Parallelizable node; a dependent reading through a `Collect<T>` parameter
 * closes the block, anything else joins it. A Parallelizable node whose
 * value is provided (an override, a config value) is a source too: its
 * given items fan out as its own would (run-values.ts makes them an array).
 */
export function findFanOuts(graph: FunctionGraph, steps: Int32Array, outputSlots: readonly number[], providedSlots: readonly number[] = []): FanOut[] {
  const sources = [...providedSlots.filter((slot) => isParallelizable(graph, slot)), ...steps.filter((slot) => isParallelizable(graph, slot))];
  // Most plans have no fan-out: find that out before building anything.
  if (sources.length === 0) return [];
  const position = new Map<number, number>();
  steps.forEach((slot, i) => position.set(slot, i));
  const dependents = graph.dependents();
  const owner = new Map<number, number>(); // block member -> its source
  const fanOuts: FanOut[] = [];
  for (const source of sources) {
    if (owner.has(source)) continue;
    const members = new Set<number>();
    const collected = new Set<number>();
    const stack = [source];
    while (stack.length) {
      const current = stack.pop()!;
      for (const d of dependents[current]) {
        if (!position.has(d)) continue;
        const reads = graph.nodeAt[d].dependencies.find((dep) => dep.name === graph.nameAt[current])!;
        if (reads.type.kind === 'collect') {
          collected.add(current);
          continue;
        }
        if (members.has(d)) continue;
        if (graph.nodeAt[d].type.kind === 'parallelizable') throw new FanOutError(graph.nodeAt[d], 'is a Parallelizable inside another fan-out: nested fan-outs are not supported');
        const other = owner.get(d);
        if (other !== undefined && other !== source) throw new FanOutError(graph.nodeAt[d], `depends on two fan-outs ('${graph.nameAt[other]}' and '${graph.nameAt[source]}')`);
        members.add(d);
        owner.set(d, source);
        stack.push(d);
      }
    }
    for (const out of outputSlots) {
      if (members.has(out)) throw new FanOutError(graph.nodeAt[out], `runs once per item of '${graph.nameAt[source]}': request a node that gathers it with a Collect<T> parameter`);
    }
    if (members.size === 0 && collected.size === 0) continue;
    const ordered = [...members].sort((a, b) => position.get(a)! - position.get(b)!);
    fanOuts.push({ source, slots: Int32Array.from(ordered), collected: Int32Array.from(collected) });
  }
  return fanOuts;
}

/** A Parallelizable node's items: its array, or what its iterable (a generator) yields; undefined if it is no iterable. */
export function toItems(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value === null || typeof (value as Iterable<unknown>)?.[Symbol.iterator] !== 'function') return undefined;
  return Array.from(value as Iterable<unknown>);
}
