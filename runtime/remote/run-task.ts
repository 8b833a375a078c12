import { NodeExecutionError } from '../errors';
import type { FunctionGraph } from '../graph';
import { isThenable } from '../node-runner';

/**
 * A unit of work for a worker: compute these nodes in order, from these
 * values of the dependencies computed elsewhere, and send back `needed`.
 */
export interface Task {
  nodes: string[];
  inputs: Record<string, unknown>;
  needed: string[];
}

/** Runs a task against the worker's own copy of the graph. Failures are NodeExecutionErrors naming the node. */
export async function runTask(graph: FunctionGraph, task: Task): Promise<Record<string, unknown>> {
  const values = new Map<string, unknown>(Object.entries(task.inputs));
  for (const name of task.nodes) {
    const node = graph.nodes.get(name);
    if (!node) throw new Error(`the worker's graph has no node '${name}': is the worker running the same build and config as the driver?`);
    const args = node.dependencies.map((d) => values.get(d.name));
    let value: unknown;
    try {
      value = node.fn(...args);
      if (isThenable(value)) value = await value;
    } catch (error) {
      throw new NodeExecutionError(node, error);
    }
    values.set(name, value);
  }
  return Object.fromEntries(task.needed.map((name) => [name, values.get(name)]));
}

/** The values a task reads that it does not compute itself. */
export function taskInputNames(graph: FunctionGraph, slots: ArrayLike<number>): string[] {
  const inside = new Set<number>(Array.from(slots));
  const names = new Set<string>();
  for (const slot of Array.from(slots)) {
    for (const dep of graph.dependencySlots[slot]) if (!inside.has(dep)) names.add(graph.nameAt[dep]);
  }
  return [...names];
}
