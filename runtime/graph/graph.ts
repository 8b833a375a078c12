import { CycleError, DuplicateNodeError, ModuleDefinitionError, NoMatchingVariantError, TypeMismatchError, UnknownNodeError, type LeftOutVariant } from '../errors';
import { RESERVED_NAME, reservedNameMessage, type Dependency, type Node } from './node';
import { fits, type TypeDescriptor } from '../contract/type-descriptor';

/** A check of one edge's types in place of `fits` (a lifecycle adapter's checkEdgeTypes). */
export type EdgeFits = (edge: { producer: Node; consumer: Node; parameter: string; from: TypeDescriptor; to: TypeDescriptor }) => boolean;

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
  /** Slot of every name: nodes first (in the order they were given), then external inputs. */
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
    nodes: readonly Node[],
    slotOf: Map<string, number>,
    inputs: Map<string, ExternalInput>,
    dependencySlots: Int32Array[],
    leftOut: Map<string, LeftOutVariant[]>,
    readonly config: Readonly<Record<string, unknown>>,
    /** The modules the graph was built from: what a worker needs to build it again. */
    readonly modules: readonly unknown[],
    /** Whether later modules' nodes replaced earlier ones': a worker builds it again the same way. */
    readonly allowModuleOverrides: boolean,
  ) {
    this.leftOut = leftOut;
    this.nodeCount = nodes.length;
    this.nodeAt = nodes;
    this.nameAt = [...nodes.map((n) => n.name), ...inputs.keys()];
    this.slotOf = slotOf;
    const byName = new Map<string, Node>();
    for (const node of nodes) byName.set(node.name, node);
    this.nodes = byName;
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
    { allowModuleOverrides = false, edgeFits }: { allowModuleOverrides?: boolean; edgeFits?: EdgeFits } = {},
  ): FunctionGraph {
    // A node's slot is its place in `nodes`; external inputs follow, in order of first use.
    const slotOf = new Map<string, number>();
    for (const node of nodes) checkNotReserved(node);
    for (let i = 0; i < nodes.length; i++) {
      const existing = slotOf.get(nodes[i].name);
      if (existing !== undefined) throw new DuplicateNodeError(nodes[i].name, [nodes[existing], nodes[i]]);
      slotOf.set(nodes[i].name, i);
    }
    const inputs = new Map<string, ExternalInput>();
    const dependencySlots = nodes.map((node) => {
      const deps = new Int32Array(node.dependencies.length);
      node.dependencies.forEach((dependency, j) => {
        let slot = slotOf.get(dependency.name);
        if (slot !== undefined && slot < nodes.length) {
          const producer = nodes[slot];
          if (!(edgeFits ? edgeFits({ producer, consumer: node, parameter: dependency.name, from: producer.type, to: dependency.type }) : fits(producer.type, dependency.type))) throw new TypeMismatchError(producer, node, dependency.name, dependency.type);
          deps[j] = slot;
          return;
        }
        let input = inputs.get(dependency.name);
        if (!input) {
          slot = nodes.length + inputs.size;
          slotOf.set(dependency.name, slot);
          inputs.set(dependency.name, (input = { name: dependency.name, optional: true, consumers: [] }));
        }
        input.optional &&= dependency.optional;
        input.consumers.push({ node, dependency });
        deps[j] = slot!;
      });
      return deps;
    });
    checkAcyclic(nodes, dependencySlots);
    const leftOutByName = new Map<string, LeftOutVariant[]>();
    for (const variant of leftOut) {
      if (slotOf.has(variant.name) && slotOf.get(variant.name)! < nodes.length) continue;
      leftOutByName.set(variant.name, [...(leftOutByName.get(variant.name) ?? []), variant]);
    }
    return new FunctionGraph(nodes, slotOf, inputs, dependencySlots, leftOutByName, config, modules, allowModuleOverrides);
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

/** Node and input names become keys of records (results, tasks for workers): `__proto__` cannot be one. */
function checkNotReserved(node: Node): void {
  const { className, method } = node.origin;
  if (node.name === RESERVED_NAME) throw new ModuleDefinitionError(className, method, reservedNameMessage('a node'));
  const parameter = node.dependencies.find((d) => d.name === RESERVED_NAME);
  if (parameter) throw new ModuleDefinitionError(className, method, reservedNameMessage(`node '${node.name}' reads a parameter`));
}

/** Kahn's algorithm over slots, iterative (no recursion limit): a node it cannot order sits on or behind a cycle. */
function checkAcyclic(nodes: readonly Node[], dependencySlots: readonly Int32Array[]): void {
  const n = nodes.length;
  const waiting = new Int32Array(n);
  const dependents: number[][] = nodes.map(() => []);
  dependencySlots.forEach((deps, i) => {
    for (let j = 0; j < deps.length; j++) {
      if (deps[j] >= n) continue;
      waiting[i]++;
      dependents[deps[j]].push(i);
    }
  });
  const order: number[] = [];
  for (let i = 0; i < n; i++) if (waiting[i] === 0) order.push(i);
  for (let k = 0; k < order.length; k++) {
    for (const d of dependents[order[k]]) if (--waiting[d] === 0) order.push(d);
  }
  if (order.length < n) throw new CycleError(findCycle(nodes, dependencySlots, waiting));
}

/** A cycle among nodes Kahn's algorithm could not order: walk stuck dependencies until one repeats. */
function findCycle(nodes: readonly Node[], dependencySlots: readonly Int32Array[], waiting: Int32Array): Node[] {
  const path: number[] = [];
  const position = new Map<number, number>();
  let current = waiting.findIndex((w) => w > 0);
  while (!position.has(current)) {
    position.set(current, path.length);
    path.push(current);
    // Every stuck node has a stuck dependency, or it would have been ordered.
    current = Array.from(dependencySlots[current]).find((d) => d < nodes.length && waiting[d] > 0)!;
  }
  return path.slice(position.get(current)).map((i) => nodes[i]);
}
