import type { SourceLocation } from '../contract/node-metadata';
import { formatType } from '../contract/type-descriptor';
import { isCheckNode } from '../data-quality/check-result';
import type { ExecutionExport, ProvidedBy } from '../driver/export-execution';
import type { FunctionGraph } from '../graph/graph';
import { schemaOf } from '../graph/output-schema';

/** Hamilton's tags on the nodes its I/O helpers (`from_`, `to`, `@load_from`, `@save_to`) add. */
import { LOADER_TAG, SAVER_TAG } from '../io/nodes/io-tags';
export const DATA_LOADER_TAG = LOADER_TAG;
export const DATA_SAVER_TAG = SAVER_TAG;

/**
 * What a name is in a picture: a computed `function`, an `input` or `config`
 * value no node computes, a data-quality `check`, or a `loader` / `saver`
 * node (tagged by the I/O helpers).
 */
export type DrawnKind = 'function' | 'input' | 'config' | 'check' | 'loader' | 'saver';

/** One name as a picture draws it: plain data, so DOT, Mermaid and a custom style function all read the same facts. */
export interface DrawnNode {
  name: string;
  kind: DrawnKind;
  /** The type as TypeScript spells it. */
  type: string;
  doc: string;
  tags: Readonly<Record<string, string | readonly string[]>>;
  /** A requested output. */
  output: boolean;
  /** The run is given this node's value (an override) instead of computing it. */
  override: boolean;
  /** An input every consumer can do without. */
  optional: boolean;
  /** A `name__variant` chosen by `@config.when…`: the condition it matched. */
  variant?: string;
  /** `@schema.output` columns and their types. */
  schema?: Readonly<Record<string, string>>;
  source?: SourceLocation;
  /** The driver's last cached run served this node from the cache (`Builder.withCache`): a hit. */
  cached?: boolean;
}

export interface DrawnEdge {
  from: string;
  to: string;
  /** The consumer can do without it (an optional parameter). */
  optional: boolean;
}

/** The names a picture shows, in graph order, and the dependencies between them. */
export interface GraphView {
  nodes: DrawnNode[];
  edges: DrawnEdge[];
}

interface Marks {
  outputs?: Iterable<string>;
  /** Where a run takes each value it is given: inputs, config or overrides. */
  provided?: ReadonlyMap<string, ProvidedBy>;
  /** Whether a computed node was a cache hit (the driver's last cached run). */
  cached?: (name: string) => boolean;
}

const isTagged = (tags: DrawnNode['tags'], key: string): boolean => tags[key] !== undefined && tags[key] !== 'false';

/** The named part of the graph, with what a run would give marked: the one place names become drawn nodes. */
export function viewOf(graph: FunctionGraph, names: Iterable<string>, marks: Marks = {}): GraphView {
  const drawn = new Set(names);
  const outputs = new Set(marks.outputs ?? []);
  const provided = marks.provided ?? new Map<string, ProvidedBy>();
  const nodes: DrawnNode[] = [];
  const edges: DrawnEdge[] = [];
  // Graph order, whatever order the names came in: pictures of one graph stay stable.
  for (const name of graph.nameAt) {
    if (!drawn.has(name)) continue;
    const node = graph.nodes.get(name);
    const override = provided.get(name) === 'overrides';
    if (!node) {
      const input = graph.inputs.get(name)!;
      const fromConfig = Object.hasOwn(graph.config, name) && provided.get(name) !== 'inputs';
      nodes.push({
        name, kind: fromConfig ? 'config' : 'input', type: formatType(input.consumers[0].dependency.type), doc: '', tags: {},
        output: outputs.has(name), override, optional: input.optional,
      });
      continue;
    }
    const kind: DrawnKind = isCheckNode(node) ? 'check'
      : isTagged(node.tags, DATA_LOADER_TAG) ? 'loader' : isTagged(node.tags, DATA_SAVER_TAG) ? 'saver' : 'function';
    const schema = schemaOf(node.tags);
    nodes.push({
      name, kind, type: formatType(node.type), doc: node.doc, tags: node.tags, output: outputs.has(name), override, optional: false,
      ...(node.variant ? { variant: node.variant } : {}), ...(schema ? { schema } : {}), ...(node.source ? { source: node.source } : {}),
      ...(!override && marks.cached?.(name) ? { cached: true } : {}),
    });
    // An overridden node does not run: nothing flows into it.
    if (override) continue;
    for (const dependency of node.dependencies) {
      if (drawn.has(dependency.name)) edges.push({ from: dependency.name, to: name, optional: dependency.optional });
    }
  }
  // A requested output that is neither node nor input (a table column passed straight through).
  for (const name of drawn) {
    if (graph.slotOf.has(name)) continue;
    const kind = provided.get(name) === 'config' ? 'config' : 'input';
    nodes.push({ name, kind, type: 'unknown', doc: '', tags: {}, output: outputs.has(name), override: provided.get(name) === 'overrides', optional: false });
  }
  return { nodes, edges };
}

/** What a planned run computes and reads (`Driver.exportExecution`), requested outputs marked, and the last run's cache hits when given. */
export function executionView(graph: FunctionGraph, execution: ExecutionExport, outputs: readonly string[], cached?: (name: string) => boolean): GraphView {
  const provided = new Map<string, ProvidedBy>();
  for (const node of execution.nodes) if (node.providedBy) provided.set(node.name, node.providedBy);
  return viewOf(graph, execution.nodes.map((n) => n.name), { outputs, provided, cached });
}

/** The view without inputs and config values, and without the edges from them (Hamilton's `hide_inputs`). */
export function withoutInputs(view: GraphView): GraphView {
  const hidden = new Set(view.nodes.filter((n) => (n.kind === 'input' || n.kind === 'config') && !n.output).map((n) => n.name));
  return { nodes: view.nodes.filter((n) => !hidden.has(n.name)), edges: view.edges.filter((e) => !hidden.has(e.from)) };
}
