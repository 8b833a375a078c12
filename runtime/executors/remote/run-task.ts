import { toItems } from '../../execution/fan-out';
import { NodeExecutionError } from '../../errors';
import type { FunctionGraph } from '../../graph/graph';
import { isThenable } from '../../execution/node-runner';
import { nodeOutput } from '../../execution/node-output';

/**
 * A unit of work for a worker: compute these nodes in order, from these
 * values of the dependencies computed elsewhere, and send back `needed`.
 */
export interface Task {
  nodes: string[];
  inputs: Record<string, unknown>;
  needed: string[];
}

/**
 * Runs a task against the worker's own copy of the graph. Failures are
 * NodeExecutionErrors naming the node. A Parallelizable node's value goes
 * back as its items: a generator cannot leave the worker, an array can.
 * `durationsMs` receives each node's duration, for the driver's lifecycle hooks.
 */
export async function runTask(graph: FunctionGraph, task: Task, durationsMs?: number[]): Promise<Record<string, unknown>> {
  const values = new Map<string, unknown>(Object.entries(task.inputs));
  for (const name of task.nodes) {
    const started = performance.now();
    const node = graph.nodes.get(name);
    if (!node) throw new Error(`the worker's graph has no node '${name}': is the worker running the same build and config as the driver?`);
    const args = node.dependencies.map((d) => values.get(d.name));
    let value: unknown;
    try {
      value = node.fn(...args);
      if (isThenable(value)) value = await value;
      value = nodeOutput(node, value);
    } catch (error) {
      durationsMs?.push(performance.now() - started);
      throw new NodeExecutionError(node, error);
    }
    durationsMs?.push(performance.now() - started);
    values.set(name, value);
  }
  return Object.fromEntries(task.needed.map((name) => {
    const value = values.get(name);
    return [name, graph.nodes.get(name)?.type.kind === 'parallelizable' ? toItems(value) ?? value : value];
  }));
}


/**
 * What a unit sends to a worker and receives back: the names of its nodes,
 * the values it reads that it does not compute (by name and slot) and the
 * ones it sends back (likewise).
 */
export interface Route {
  nodes: string[];
  inputNames: string[];
  inputSlots: number[];
  needed: string[];
  neededSlots: number[];
}

// By the unit's slots array: plans are cached, so are their units, and a unit always needs the same slots back.
const routes = new WeakMap<Int32Array, Route>();

/** The unit's route, worked out on its first task and reused by every later one (each fan-out item, each run of the plan). */
export function routeOf(graph: FunctionGraph, slots: Int32Array, needed: ArrayLike<number>): Route {
  let route = routes.get(slots);
  if (!route) {
    const { nameAt } = graph;
    const inputSlots = inputSlotsOf(graph, slots);
    const neededSlots = Array.from(needed);
    route = {
      nodes: Array.from(slots, (slot) => nameAt[slot]),
      inputNames: inputSlots.map((slot) => nameAt[slot]),
      inputSlots,
      needed: neededSlots.map((slot) => nameAt[slot]),
      neededSlots,
    };
    routes.set(slots, route);
  }
  return route;
}

/** The values a task reads that it does not compute itself. */
export function taskInputNames(graph: FunctionGraph, slots: ArrayLike<number>): string[] {
  return inputSlotsOf(graph, slots).map((slot) => graph.nameAt[slot]);
}

/** The slots of the dependencies outside the unit, each once, in the order its nodes first read them. */
function inputSlotsOf(graph: FunctionGraph, slots: ArrayLike<number>): number[] {
  const inside = new Set<number>(Array.from(slots));
  const seen = new Set<number>();
  const inputs: number[] = [];
  for (const slot of Array.from(slots)) {
    for (const dep of graph.dependencySlots[slot]) {
      if (inside.has(dep) || seen.has(dep)) continue;
      seen.add(dep);
      inputs.push(dep);
    }
  }
  return inputs;
}
