import type { DrawnKind, DrawnNode } from './graph-view';

/**
 * How one node is drawn, in Graphviz's attribute names (Mermaid output maps
 * them to CSS). `legend` names the entry the node stands under in the legend.
 */
export interface NodeStyle {
  shape?: string;
  /** Graphviz `style`: comma-separated `rounded`, `filled`, `dashed`, `bold`, … */
  style?: string;
  /** Border colour. */
  color?: string;
  fillcolor?: string;
  fontcolor?: string;
  penwidth?: number;
  legend?: string;
  /** SVG classes added to the node's own (`hamilton_node`, its kind and marks), for pages that script the picture. */
  class?: string;
}

/**
 * Hamilton's `custom_style_function`: given a node and the style it would get,
 * returns attributes to lay over it (or nothing to keep it). Returning a
 * `legend` adds that entry to the legend.
 */
export type StyleFunction = (node: DrawnNode, style: Readonly<NodeStyle>) => NodeStyle | undefined;

const KIND_STYLES: Readonly<Record<DrawnKind, NodeStyle>> = {
  function: { shape: 'box', style: 'rounded,filled', color: '#4a5568', fillcolor: '#ffffff' },
  input: { shape: 'parallelogram', style: 'dashed', color: '#4a5568' },
  config: { shape: 'note', style: 'filled', color: '#8a6d00', fillcolor: '#fff7cc' },
  check: { shape: 'octagon', style: 'filled', color: 'darkorange', fillcolor: '#fff1e0' },
  loader: { shape: 'cylinder', style: 'filled', color: '#1f5f99', fillcolor: '#e3f0fc' },
  saver: { shape: 'cylinder', style: 'filled', color: '#1e7a3c', fillcolor: '#e3f6e8' },
};

const KIND_LEGENDS: Readonly<Record<DrawnKind, string>> = {
  function: 'function', input: 'input', config: 'config', check: 'data-quality check', loader: 'loader', saver: 'saver',
};

interface Mark {
  legend: string;
  applies(node: DrawnNode): boolean;
  style: NodeStyle;
  /** What the legend's sample of this mark is. */
  sample: Partial<DrawnNode>;
}

/** Marks laid over the kind's style, in this order; each is a legend entry of its own. */
const MARKS: readonly Mark[] = [
  { legend: 'optional input', applies: (n) => n.optional, style: { color: 'gray', fontcolor: '#555555' }, sample: { kind: 'input', optional: true } },
  { legend: 'config-chosen variant', applies: (n) => n.variant !== undefined, style: { color: '#7b3fb2', penwidth: 1.5 }, sample: { variant: 'when' } },
  { legend: 'override', applies: (n) => n.override, style: { style: 'rounded,filled,dashed', fillcolor: '#ede4f7', color: '#6b46c1' }, sample: { override: true } },
  // Before `output`: a hit that is an output stays gold, with the hit's blue border.
  { legend: 'cache hit (last run)', applies: (n) => n.cached === true, style: { fillcolor: '#bee3f8', color: '#2b6cb0', penwidth: 2 }, sample: { cached: true } },
  { legend: 'output', applies: (n) => n.output, style: { fillcolor: '#ffd98a', penwidth: 2 }, sample: { output: true } },
];

/** A node's style before any custom function: its kind's, then the marks that apply (an output is filled gold and bold). */
export function baseStyle(node: DrawnNode): NodeStyle {
  let style: NodeStyle = { ...KIND_STYLES[node.kind] };
  for (const mark of MARKS) {
    if (!mark.applies(node)) continue;
    style = { ...style, ...mark.style };
    // A fill needs `filled` in the style, whatever the kind drew.
    if (mark.style.fillcolor && !style.style?.includes('filled')) style.style = style.style ? `${style.style},filled` : 'filled';
  }
  return style;
}

/** The node's final style: the base, with the custom function's attributes laid over it. */
export function styleOf(node: DrawnNode, custom?: StyleFunction): NodeStyle {
  const base = baseStyle(node);
  const extra = custom?.(node, base);
  return extra ? { ...base, ...extra } : base;
}

export interface LegendEntry {
  label: string;
  style: NodeStyle;
}

const sample = (partial: Partial<DrawnNode>): DrawnNode => ({
  name: '', kind: 'function', type: '', doc: '', tags: {}, output: false, override: false, optional: false, ...partial,
});

/** One entry per kind and mark the picture shows, then the custom function's own `legend` entries, in first-seen order. */
export function legendEntries(styled: readonly { node: DrawnNode; style: NodeStyle }[]): LegendEntry[] {
  const seen = new Map<string, NodeStyle>();
  const add = (label: string, style: NodeStyle) => {
    if (!seen.has(label)) seen.set(label, style);
  };
  for (const { node } of styled) add(KIND_LEGENDS[node.kind], KIND_STYLES[node.kind]);
  for (const mark of MARKS) if (styled.some(({ node }) => mark.applies(node))) add(mark.legend, baseStyle(sample(mark.sample)));
  for (const { style } of styled) if (style.legend) add(style.legend, style);
  return [...seen].map(([label, style]) => ({ label, style }));
}
