import { isCheckNode } from '../data-quality/check-result';
import type { FunctionGraph } from '../graph/graph';
import { formatType } from '../contract/type-descriptor';
import { schemaOf } from '../graph/output-schema';
import { ioRoleOf } from '../io/nodes/io-tags';

export interface DotOptions {
  /** Draw only these nodes and what they depend on (default: the whole graph). */
  outputs?: readonly string[];
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
}

function quote(text: string): string {
  return `"${escape(text)}"`;
}

/** Two lines: the name, then the type; then a left-aligned line per `@schema.output` column. */
function label(name: string, type: string, schema?: Readonly<Record<string, string>>): string {
  const columns = schema ? `\\n${Object.entries(schema).map(([c, t]) => `${escape(c)}: ${escape(t)}\\l`).join('')}` : '';
  return `"${escape(name)}\\n${escape(type)}${columns}"`;
}

/**
 * The graph in Graphviz DOT: nodes with their types, inputs as dashed
 * parallelograms, data-quality checks as octagons, loaders (blue) and savers
 * (green) as cylinders, requested outputs bold.
 * Render it with any Graphviz (`dot -Tsvg`, or a WASM build in a browser).
 */
export function graphToDot(graph: FunctionGraph, options: DotOptions = {}): string {
  const names = options.outputs ? new Set(graph.upstreamOf(options.outputs)) : new Set(graph.nameAt);
  const outputs = new Set(options.outputs ?? []);
  const lines = ['digraph hamilton {', '  rankdir=LR;', '  node [shape=box, style=rounded, fontname="Helvetica"];'];
  for (const name of names) {
    const slot = graph.slotOf.get(name)!;
    if (slot >= graph.nodeCount) {
      const input = graph.inputs.get(name)!;
      const type = formatType(input.consumers[0].dependency.type);
      lines.push(`  ${quote(name)} [label=${label(name, type)}, shape=parallelogram, style=dashed${input.optional ? ', color=gray' : ''}];`);
      continue;
    }
    const node = graph.nodeAt[slot];
    const attributes = [`label=${label(name, formatType(node.type), schemaOf(node.tags))}`];
    if (isCheckNode(node)) attributes.push('shape=octagon', 'color=darkorange');
    const io = ioRoleOf(node.tags);
    if (io) attributes.push('shape=cylinder', io === 'loader' ? 'color=steelblue' : 'color=darkgreen');
    if (outputs.has(name)) attributes.push('penwidth=2');
    if (node.doc) attributes.push(`tooltip=${quote(node.doc)}`);
    lines.push(`  ${quote(name)} [${attributes.join(', ')}];`);
  }
  for (const name of names) {
    const slot = graph.slotOf.get(name)!;
    if (slot >= graph.nodeCount) continue;
    graph.nodeAt[slot].dependencies.forEach((d) => {
      if (names.has(d.name)) lines.push(`  ${quote(d.name)} -> ${quote(name)}${d.optional ? ' [style=dashed]' : ''};`);
    });
  }
  lines.push('}');
  return lines.join('\n');
}
