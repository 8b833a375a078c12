import { createHash } from 'node:crypto';
import type { SourceLocation } from '../contract/node-metadata';
import { formatType } from '../contract/type-descriptor';
import type { FunctionGraph } from '../graph/graph';
import { methodOfOrigin } from '../graph/module-nodes';
import type { Node } from '../graph/node';

/** Where a run takes a value it does not compute. */
export type ProvidedBy = 'inputs' | 'config' | 'overrides';

/**
 * One name on an execution path, as `Driver.exportExecution` writes it: the
 * fields of Hamilton's `HamiltonNode.as_dict()`, in camelCase, with the source
 * location in place of the source text, plus whether it is an input and where
 * a provided value comes from. Plain JSON.
 */
export interface ExportedNode {
  name: string;
  tags: Record<string, string | string[]>;
  /** The type as TypeScript spells it (`Column<number>`). */
  outputType: string;
  /** Sorted; parameters without a default. */
  requiredDependencies: string[];
  /** Sorted; parameters that are optional or have a default. */
  optionalDependencies: string[];
  documentation: string;
  source: SourceLocation | null;
  /**
   * The code version: the first 16 hex digits of the sha256 of the method's
   * source text (`fn.toString()`), the same for every node a method became.
   * For an input, its name (as Hamilton). Null when the method is unknown.
   */
  version: string | null;
  isExternalInput: boolean;
  /** Set when the run is given the value rather than computing it (an override replaces a node). */
  providedBy: ProvidedBy | null;
}

/** What `Driver.exportExecution` returns: Hamilton's `{"nodes": [...]}`, nodes sorted by name. */
export interface ExecutionExport {
  nodes: ExportedNode[];
}

const versions = new WeakMap<Function, string>();

/** A stable hash of a function's source text: the transformer stamps no code version yet. */
export function codeVersion(fn: Function): string {
  let version = versions.get(fn);
  if (version === undefined) {
    version = createHash('sha256').update(fn.toString()).digest('hex').slice(0, 16);
    versions.set(fn, version);
  }
  return version;
}

/**
 * The export of a planned run: the nodes it computes, the provided names it
 * reads, and the optional inputs its nodes could read but nobody gave.
 */
export function exportExecution(
  graph: FunctionGraph,
  computed: Iterable<number>,
  provided: ReadonlyMap<string, ProvidedBy>,
): ExecutionExport {
  const names = new Set<string>(provided.keys());
  for (const slot of computed) {
    names.add(graph.nameAt[slot]);
    for (const dependency of graph.dependencySlots[slot]) if (dependency >= graph.nodeCount) names.add(graph.nameAt[dependency]);
  }
  // Code-unit order, not locale order: the same text on every machine.
  const sorted = [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return { nodes: sorted.map((name) => exportedNode(graph, name, provided.get(name) ?? null)) };
}

function exportedNode(graph: FunctionGraph, name: string, providedBy: ProvidedBy | null): ExportedNode {
  const node = graph.nodes.get(name);
  if (node) return exportedComputedNode(node, providedBy);
  // An input; a requested one nobody reads has no consumer to give its type.
  const type = graph.inputs.get(name)?.consumers[0]?.dependency.type;
  return {
    name, tags: {}, outputType: type ? formatType(type) : 'unknown', requiredDependencies: [], optionalDependencies: [],
    documentation: '', source: null, version: name, isExternalInput: true, providedBy,
  };
}

function exportedComputedNode(node: Node, providedBy: ProvidedBy | null): ExportedNode {
  const method = methodOfOrigin(node.origin);
  const dependencies = (optional: boolean) => node.dependencies.filter((d) => d.optional === optional).map((d) => d.name).sort();
  return {
    name: node.name,
    tags: Object.fromEntries(Object.entries(node.tags).map(([key, value]) => [key, typeof value === 'string' ? value : [...value]])),
    outputType: formatType(node.type),
    requiredDependencies: dependencies(false),
    optionalDependencies: dependencies(true),
    documentation: node.doc,
    source: node.source ? { file: node.source.file, line: node.source.line } : null,
    version: method ? codeVersion(method) : null,
    isExternalInput: false,
    providedBy,
  };
}
