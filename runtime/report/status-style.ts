import type { StyleFunction } from '../viz/node-style';
import type { NodeRecord } from './run-record';

/** Fast nodes are pale green, the run's slowest deep green (square-root scale, so short nodes still differ). */
function durationShade(fraction: number): { fillcolor: string; fontcolor: string } {
  const t = Math.sqrt(Math.min(Math.max(fraction, 0), 1));
  const mix = (from: number, to: number) => Math.round(from + (to - from) * t).toString(16).padStart(2, '0');
  return { fillcolor: `#${mix(0xdc, 0x27)}${mix(0xf5, 0x67)}${mix(0xe3, 0x49)}`, fontcolor: t > 0.55 ? '#ffffff' : '#1a202c' };
}

/** The colours a report draws a run's nodes in: status (cache hits blue), and for succeeded nodes their duration. */
export function statusStyle(nodes: readonly NodeRecord[]): StyleFunction {
  const byName = new Map(nodes.map((n) => [n.name, n]));
  const slowest = Math.max(0, ...nodes.map((n) => (n.status === 'succeeded' ? n.durationMs ?? 0 : 0)));
  return (node) => {
    const record = byName.get(node.name);
    if (!record) return undefined;
    switch (record.status) {
      case 'succeeded':
        return { ...durationShade(slowest > 0 ? (record.durationMs ?? 0) / slowest : 0), style: 'rounded,filled', color: '#276749', legend: 'succeeded (darker: slower)', class: 'status_succeeded' };
      case 'cached':
        return { fillcolor: '#bee3f8', fontcolor: '#1a365d', color: '#2b6cb0', style: 'rounded,filled', legend: 'cached (stored result reused)', class: 'status_cached' };
      case 'failed':
        return { fillcolor: '#e53e3e', fontcolor: '#ffffff', color: '#9b2c2c', style: 'rounded,filled', penwidth: 2, legend: 'failed', class: 'status_failed' };
      case 'not run':
        return { fillcolor: '#edf2f7', fontcolor: '#718096', color: '#a0aec0', style: 'rounded,filled,dashed', legend: 'not run', class: 'status_not_run' };
      default:
        return { class: 'status_provided' };
    }
  };
}
