import type { Viz } from '@viz-js/viz';
import { MissingPeerDependencyError } from '../executors/distributed/distributed-peers';
import { PictureRenderError } from './viz-errors';

/** resvg, the SVG→PNG renderer: an optional peer dependency, since only PNG pictures need its native binary. */
export const PNG_PEER = { name: '@resvg/resvg-js', range: '^2.6.2' } as const;

type Resvg = typeof import('@resvg/resvg-js');
type Load = (name: string) => unknown;

let graphviz: Promise<Viz> | undefined;

/** Graphviz compiled to WASM (@viz-js/viz), loaded and instantiated once, on first use. */
function loadGraphviz(): Promise<Viz> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  graphviz ??= (require('@viz-js/viz') as typeof import('@viz-js/viz')).instance();
  return graphviz;
}

/** DOT laid out by Graphviz as SVG text: no system Graphviz needed. */
export async function dotToSvg(dot: string): Promise<string> {
  const result = (await loadGraphviz()).render(dot, { format: 'svg' });
  if (result.status === 'failure') throw new PictureRenderError(result.errors.map((e) => e.message));
  const errors = result.errors.filter((e) => e.level === 'error');
  if (errors.length) throw new PictureRenderError(errors.map((e) => e.message));
  return result.output;
}

/** Loads resvg, or says how to install it. */
export function loadResvg(load: Load = require): Resvg {
  try {
    return load(PNG_PEER.name) as Resvg;
  } catch (error) {
    if ((error as NodeJS.ErrnoException)?.code !== 'MODULE_NOT_FOUND') throw error;
    throw new MissingPeerDependencyError('a PNG picture', [PNG_PEER.name], `npm i ${PNG_PEER.name}@${PNG_PEER.range} (or draw .svg, .dot or .mmd, which need nothing more)`);
  }
}

/** SVG rasterised at twice its size on white, with the system's fonts (resvg). */
export function svgToPng(svg: string, load?: Load): Uint8Array {
  const { Resvg } = loadResvg(load);
  const png = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, background: 'white', font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}
