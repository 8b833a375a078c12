import { CycleError, DuplicateNodeError, NoMatchingVariantError, TypeMismatchError, UnknownNodeError, type LeftOutVariant } from './errors';
import type { Dependency, Node } from './node';
import { fits } from './type-descriptor';

/** A value no node computes: it comes from `inputs`, the config, or (if optional) nowhere. */
export interface ExternalInput {
  name: string;
  /** Every consumer declares it optional. */
  optional: boolean;
  consumers: { node: Node; dependency: Dependency }[];
}

/**
 * The dataflow as a DAG. Every name, computed node or external input, has a
 * slot number; dependencies are stored as slot arrays so that planning and
 * executing touch no maps on the hot path.
 */
export class FunctionGraph {
  readonly nodes: ReadonlyMap<string, Node>;
  readonly inputs: ReadonlyMap<string, ExternalInput>;
  /** Slot of every name: nodes first (in topological order), then external inputs. */
  readonly slotOf: ReadonlyMap<string, number>;
  /** Node per slot; slots at or past `nodeCount` are external inputs. */
  readonly nodeAt: readonly Node[];
  readonly nameAt: readonly string[];
  readonly dependencySlots: readonly Int32Array[];
  readonly nodeCount: number;
  private dependentsCache?: readonly number[][];
  /** Names that only config variants the config left out would define. */
  private readonly leftOut: ReadonlyMap<string, LeftOutVariant[]>;

  private constructor(
    ordered: Node[],
    inputs: Map<string, ExternalInput>,
    dependencySlots: Int32Array[],
    leftOut: Map<string, LeftOutVariant[]>,
    readonly config: Readonly<Record<string, unknown>>,
    /** The modules the graph was built from: what a worker needs to build it again. */
    readonly modules: readonly unknown[],
  ) {
    this.leftOut = leftOut;
    this.nodeCount = ordered.length;
    this.nodeAt = ordered;
    this.nameAt = [...ordered.map((n) => n.name), ...inputs.keys()];
    const slotOf = new Map<string, number>();
    const nodes = new Map<string, Node>();
    for (let slot = 0; slot < this.nameAt.length; slot++) slotOf.set(this.nameAt[slot], slot);
    for (const node of ordered) nodes.set(node.name, node);
    this.slotOf = slotOf;
    this.nodes = nodes;
    this.inputs = inputs;
    this.dependencySlots = dependencySlots;
  }

  /**
   * Builds and validates: duplicate names, producer/consumer types, cycles.
   * `leftOut` are the config variants the config removed: if a run needs one
   * of their names, the error says which config would have defined it.
   */
  static build(
    nodes: readonly Node[],
    leftOut: readonly (LeftOutVariant & { name: string })[] = [],
    config: Readonly<Record<string, unknown>> = {},
    modules: readonly unknown[] = [],
  ): FunctionGraph {
    const indexOf = new Map<string, number>();
    for (let i = 0; i < nodes.length; i++) {
      const existing = indexOf.get(nodes[i].name);
      if (existing !== undefined) throw new DuplicateNodeError(nodes[i].name, [nodes[existing], nodes[i]]);
      indexOf.set(nodes[i].name, i);
    }
    // Dependencies as indices: a node's index, or -1 - k for the k-th external input.
    const inputs = new Map<string, ExternalInput>();
    const inputIndex = new Map<string, number>();
    const depIndices = nodes.map((node) => {
      const deps = new Int32Array(node.dependencies.length);
      node.dependencies.forEach((dependency, j) => {
        const producer = indexOf.get(dependency.name);
        if (producer !== undefined) {
          if (!fits(nodes[producer].type, dependency.type)) throw new TypeMismatchError(nodes[producer], node, dependency.name, dependency.type);
          deps[j] = producer;
          return;
        }
        let input = inputs.get(dependency.name);
        if (!input) {
          inputIndex.set(dependency.name, inputs.size);
          inputs.set(dependency.name, (input = { name: dependency.name, optional: true, consumers: [] }));
        }
        input.optional &&= dependency.optional;
        input.consumers.push({ node, dependency });
        deps[j] = -1 - inputIndex.get(dependency.name)!;
      });
      return deps;
    });
    const order = topologicalOrder(nodes, depIndices);
    const slotOfIndex = new Int32Array(nodes.length);
    order.forEach((index, slot) => {
      slotOfIndex[index] = slot;
    });
    const dependencySlots = order.map((index) => depIndices[index].map((d) => (d >= 0 ? slotOfIndex[d] : nodes.length - 1 - d)));
    const leftOutByName = new Map<string, LeftOutVariant[]>();
    for (const variant of leftOut) {
      if (indexOf.has(variant.name)) continue;
      leftOutByName.set(variant.name, [...(leftOutByName.get(variant.name) ?? []), variant]);
    }
    return new FunctionGraph(order.map((i) => nodes[i]), inputs, dependencySlots, leftOutByName, config, modules);
  }

  slotsOf(names: readonly string[], what = 'requested'): number[] {
    const unknown = names.filter((n) => !this.slotOf.has(n));
    for (const name of unknown) this.assertNotLeftOut(name);
    if (unknown.length) throw new UnknownNodeError(unknown, this.slotOf.keys(), what);
    return names.map((n) => this.slotOf.get(n)!);
  }

  /** Throws NoMatchingVariantError if config variants would have defined this name. */
  assertNotLeftOut(name: string): void {
    const variants = this.leftOut.get(name);
    if (variants) throw new NoMatchingVariantError(name, variants, this.config);
  }

  /** Slots that consume each slot, built on first use (only queries need it). */
  dependents(): readonly number[][] {
    if (!this.dependentsCache) {
      const dependents: number[][] = this.nameAt.map(() => []);
      this.dependencySlots.forEach((deps, slot) => deps.forEach((d) => dependents[d].push(slot)));
      this.dependentsCache = dependents;
    }
    return this.dependentsCache;
  }

  /** The named nodes and everything they depend on, directly or not. */
  upstreamOf(names: readonly string[]): string[] {
    return this.reach(this.slotsOf(names, 'queried'), (slot) => (slot < this.nodeCount ? this.dependencySlots[slot] : []));
  }

  /** The named nodes and everything that depends on them. */
  downstreamOf(names: readonly string[]): string[] {
    const dependents = this.dependents();
    return this.reach(this.slotsOf(names, 'queried'), (slot) => dependents[slot]);
  }

  /** Every node on some path from `from` down to `to` (both included), or nothing. */
  pathBetween(from: string, to: string): string[] {
    const down = new Set(this.downstreamOf([from]));
    if (!down.has(to)) return [];
    return this.upstreamOf([to]).filter((name) => down.has(name));
  }

  private reach(start: number[], next: (slot: number) => ArrayLike<number>): string[] {
    const seen = new Uint8Array(this.nameAt.length);
    const stack = [...start];
    for (const s of start) seen[s] = 1;
    while (stack.length) {
      const neighbours = next(stack.pop()!);
      for (let i = 0; i < neighbours.length; i++) {
        const n = neighbours[i];
        if (!seen[n]) {
          seen[n] = 1;
          stack.push(n);
        }
      }
    }
    const names: string[] = [];
    seen.forEach((s, slot) => s && names.push(this.nameAt[slot]));
    return names;
  }
}

/** Kahn's algorithm over indices, iterative (no recursion limit); a leftover means a cycle. */
function topologicalOrder(nodes: readonly Node[], depIndices: readonly Int32Array[]): number[] {
  const waiting = new Int32Array(nodes.length);
  const dependents: number[][] = nodes.map(() => []);
  depIndices.forEach((deps, i) => {
    for (let j = 0; j < deps.length; j++) {
      if (deps[j] < 0) continue;
      waiting[i]++;
      dependents[deps[j]].push(i);
    }
  });
  const order: number[] = [];
  for (let i = 0; i < nodes.length; i++) if (waiting[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    for (const d of dependents[order[k]]) if (--waiting[d] === 0) order.push(d);
  }
  if (order.length < nodes.length) throw new CycleError(findCycle(nodes, depIndices, waiting));
  return order;
}

/** A cycle among nodes Kahn's algorithm could not order: walk stuck dependencies until one repeats. */
function findCycle(nodes: readonly Node[], depIndices: readonly Int32Array[], waiting: Int32Array): Node[] {
  const path: number[] = [];
  const position = new Map<number, number>();
  let current = waiting.findIndex((w) => w > 0);
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    // Every stuck node has a stuck dependency, or it would have been ordered.
    current = Array.from(depIndices[current]).find((d) => d >= 0 && waiting[d] > 0)!;
  }
  return path.slice(position.get(current)).map((i) => nodes[i]);
}
