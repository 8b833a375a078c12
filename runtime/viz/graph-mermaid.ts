import { withoutInputs, type DrawnNode, type GraphView } from './graph-view';
import { legendEntries, styleOf, type NodeStyle } from './node-style';
import { DRAW_DEFAULTS, type DrawOptions } from './picture-options';

/** Mermaid reads `"`, `<`, `>` and `#` in a label as syntax: write them as its entity codes. */
function escape(text: string): string {
  return text.replace(/#/g, '#35;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;').replace(/\n/g, ' ');
}

/** Graphviz shapes as Mermaid's node brackets. */
function shaped(id: string, text: string, style: NodeStyle): string {
  const quoted = `"${text}"`;
  switch (style.shape) {
    case 'parallelogram': return `${id}[/${quoted}/]`;
    case 'note': return `${id}>${quoted}]`;
    case 'octagon': case 'hexagon': return `${id}{{${quoted}}}`;
    case 'cylinder': return `${id}[(${quoted})]`;
    case 'ellipse': case 'circle': case 'oval': return `${id}((${quoted}))`;
    case 'diamond': return `${id}{${quoted}}`;
    default: return style.style?.includes('rounded') ? `${id}(${quoted})` : `${id}[${quoted}]`;
  }
}

/** Graphviz style attributes as Mermaid's CSS. */
function css(style: NodeStyle): string {
  const filled = style.style?.includes('filled');
  const parts = [
    filled && style.fillcolor ? `fill:${style.fillcolor}` : 'fill:#ffffff',
    style.color ? `stroke:${style.color}` : undefined,
    `stroke-width:${style.penwidth ?? 1}px`,
    style.style?.includes('dashed') ? 'stroke-dasharray:5 5' : undefined,
    style.fontcolor ? `color:${style.fontcolor}` : undefined,
  ];
  return parts.filter(Boolean).join(',');
}

function label(node: DrawnNode): string {
  const columns = node.schema ? Object.entries(node.schema).map(([c, t]) => `<br/>${escape(`${c}: ${t}`)}`).join('') : '';
  const variant = node.variant ? `<br/>${escape(`[${node.variant}]`)}` : '';
  return `${escape(node.name)}<br/><i>${escape(node.type)}</i>${columns}${variant}`;
}

/**
 * A view as a Mermaid flowchart, which GitHub, GitLab and most Markdown
 * viewers render: the same nodes, kinds, marks and legend as the DOT picture.
 * Ids are `n0`, `n1`, …, since node names may hold characters Mermaid ids cannot.
 */
export function viewToMermaid(view: GraphView, options: Partial<DrawOptions> = {}): string {
  const { orientation, hideInputs, legend, style } = { ...DRAW_DEFAULTS, ...options };
  const shown = hideInputs ? withoutInputs(view) : view;
  const ids = new Map(shown.nodes.map((node, i) => [node.name, `n${i}`]));
  const lines = [`flowchart ${orientation}`];
  const styled = shown.nodes.map((node) => ({ node, style: styleOf(node, style) }));
  for (const { node, style: nodeStyle } of styled) lines.push(`  ${shaped(ids.get(node.name)!, label(node), nodeStyle)}`);
  for (const edge of shown.edges) lines.push(`  ${ids.get(edge.from)} ${edge.optional ? '-.->' : '-->'} ${ids.get(edge.to)}`);
  for (const { node, style: nodeStyle } of styled) lines.push(`  style ${ids.get(node.name)} ${css(nodeStyle)}`);
  if (legend && styled.length) {
    const entries = legendEntries(styled);
    lines.push('  subgraph legend [Legend]', '    direction TB');
    entries.forEach((entry, i) => lines.push(`    ${shaped(`legend${i}`, escape(entry.label), entry.style)}`));
    lines.push('  end');
    entries.forEach((entry, i) => lines.push(`  style legend${i} ${css(entry.style)}`));
  }
  return lines.join('\n');
}
