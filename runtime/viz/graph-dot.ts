import type { FunctionGraph } from '../graph/graph';
import { viewOf, withoutInputs, type DrawnNode, type GraphView } from './graph-view';
import { legendEntries, styleOf, type NodeStyle } from './node-style';
import { DRAW_DEFAULTS, type DrawOptions } from './picture-options';

export interface DotOptions extends Partial<DrawOptions> {
  /** Draw only these nodes and what they depend on (default: the whole graph). */
  outputs?: readonly string[];
}

function escape(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function quote(text: string): string {
  return `"${escape(text)}"`;
}

/** The name, then the type; a left-aligned line per `@schema.output` column; the config condition of a variant. */
function label(node: DrawnNode): string {
  const columns = node.schema ? `\\n${Object.entries(node.schema).map(([c, t]) => `${escape(c)}: ${escape(t)}\\l`).join('')}` : '';
  const variant = node.variant ? `\\n[${escape(node.variant)}]` : '';
  return `"${escape(node.name)}\\n${escape(node.type)}${columns}${variant}"`;
}

function styleAttributes(style: NodeStyle): string[] {
  const attributes: string[] = [];
  for (const key of ['shape', 'style', 'color', 'fillcolor', 'fontcolor'] as const) if (style[key]) attributes.push(`${key}=${quote(style[key]!)}`);
  if (style.penwidth !== undefined) attributes.push(`penwidth=${style.penwidth}`);
  return attributes;
}

/** SVG classes a page can select a node by: `hamilton_node`, its kind, and its marks. */
export function nodeClasses(node: DrawnNode): string {
  const marks = [node.output && 'output', node.override && 'override', node.optional && 'optional', node.variant && 'variant', node.cached && 'cached'].filter(Boolean);
  return ['hamilton_node', node.kind, ...marks].join(' ');
}

/** The SVG element id Graphviz gives a node: a page finds a node by its name. */
export const nodeElementId = (name: string): string => `node:${name}`;

/**
 * A view in Graphviz DOT: each node labelled with its name and type, styled
 * by kind (inputs dashed parallelograms, config notes, checks octagons,
 * loaders and savers cylinders), outputs bold and gold, overrides and
 * config-chosen variants marked; optional dependencies dashed; a legend.
 */
export function viewToDot(view: GraphView, options: Partial<DrawOptions> = {}): string {
  const { orientation, hideInputs, legend, style } = { ...DRAW_DEFAULTS, ...options };
  const shown = hideInputs ? withoutInputs(view) : view;
  const lines = [
    'digraph hamilton {',
    `  rankdir=${orientation};`,
    '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.07"];',
    '  edge [color="#4a5568", arrowsize=0.7];',
  ];
  const styled = shown.nodes.map((node) => ({ node, style: styleOf(node, style) }));
  for (const { node, style: nodeStyle } of styled) {
    const attributes = [`label=${label(node)}`, ...styleAttributes(nodeStyle), `id=${quote(nodeElementId(node.name))}`, `class=${quote(nodeStyle.class ? `${nodeClasses(node)} ${nodeStyle.class}` : nodeClasses(node))}`];
    attributes.push(`tooltip=${quote(node.doc || node.name)}`);
    lines.push(`  ${quote(node.name)} [${attributes.join(', ')}];`);
  }
  for (const edge of shown.edges) lines.push(`  ${quote(edge.from)} -> ${quote(edge.to)}${edge.optional ? ' [style=dashed]' : ''};`);
  if (legend && styled.length) {
    lines.push('  subgraph cluster_legend {', '    label="Legend"; fontname="Helvetica"; fontsize=11; color="#cccccc"; style=rounded;');
    for (const entry of legendEntries(styled)) {
      const attributes = [`label=${quote(entry.label)}`, ...styleAttributes(entry.style), 'class="hamilton_legend"'];
      lines.push(`    ${quote(`legend:${entry.label}`)} [${attributes.join(', ')}];`);
    }
    lines.push('  }');
  }
  lines.push('}');
  return lines.join('\n');
}

/**
 * The graph in Graphviz DOT (or the part that `outputs` need). Render it with
 * `dr.visualize`, any Graphviz (`dot -Tsvg`), or a WASM build in a browser.
 */
export function graphToDot(graph: FunctionGraph, options: DotOptions = {}): string {
  const names = options.outputs ? graph.upstreamOf(options.outputs) : graph.nameAt;
  return viewToDot(viewOf(graph, names, { outputs: options.outputs }), { legend: false, ...options });
}
