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
    this.nameAt.forEach((name, slot) => slotOf.set(name, slot));
    this.slotOf = slotOf;
    this.nodes = new Map(ordered.map((n) => [n.name, n]));
    this.inputs = inputs;
    this.dependencySlots = ordered.map((n) => Int32Array.from(n.dependencies, (d) => slotOf.get(d.name)!));
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
    const byName = new Map<string, Node>();
    for (const node of nodes) {
      const existing = byName.get(node.name);
      if (existing) throw new DuplicateNodeError(node.name, [existing, node]);
      byName.set(node.name, node);
    }
    const inputs = new Map<string, ExternalInput>();
    for (const node of nodes) {
      for (const dependency of node.dependencies) {
        const producer = byName.get(dependency.name);
        if (producer) {
          if (!fits(producer.type, dependency.type)) throw new TypeMismatchError(producer, node, dependency.name, dependency.type);
          continue;
        }
        let input = inputs.get(dependency.name);
        if (!input) inputs.set(dependency.name, (input = { name: dependency.name, optional: true, consumers: [] }));
        input.optional &&= dependency.optional;
        input.consumers.push({ node, dependency });
      }
    }
    const leftOutByName = new Map<string, LeftOutVariant[]>();
    for (const variant of leftOut) {
      if (byName.has(variant.name)) continue;
      leftOutByName.set(variant.name, [...(leftOutByName.get(variant.name) ?? []), variant]);
    }
    return new FunctionGraph(topologicalOrder(nodes, byName), inputs, leftOutByName, config, modules);
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

/** Kahn's algorithm, iterative (no recursion limit); a leftover means a cycle. */
function topologicalOrder(nodes: readonly Node[], byName: Map<string, Node>): Node[] {
  const waiting = new Map<Node, number>();
  const dependents = new Map<Node, Node[]>();
  for (const node of nodes) {
    let count = 0;
    for (const d of node.dependencies) {
      const producer = byName.get(d.name);
      if (!producer) continue;
      count++;
      let list = dependents.get(producer);
      if (!list) dependents.set(producer, (list = []));
      list.push(node);
    }
    waiting.set(node, count);
  }
  const order = nodes.filter((n) => waiting.get(n) === 0);
  for (let i = 0; i < order.length; i++) {
    for (const dependent of dependents.get(order[i]) ?? []) {
      const left = waiting.get(dependent)! - 1;
      waiting.set(dependent, left);
      if (left === 0) order.push(dependent);
    }
  }
  if (order.length < nodes.length) throw new CycleError(findCycle(nodes.filter((n) => waiting.get(n)! > 0), byName));
  return order;
}

/** A cycle among nodes that Kahn's algorithm could not order: walk dependencies until one repeats. */
function findCycle(stuck: Node[], byName: Map<string, Node>): Node[] {
  const inStuck = new Set(stuck);
  const path: Node[] = [];
  const position = new Map<Node, number>();
  let current = stuck[0];
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    // Every stuck node has a stuck dependency, or it would have been ordered.
    current = current.dependencies.map((d) => byName.get(d.name)).find((p): p is Node => p !== undefined && inStuck.has(p))!;
  }
  return path.slice(position.get(current));
}
