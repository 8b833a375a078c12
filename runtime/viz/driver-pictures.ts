import type { ExecutionExport } from '../driver/export-execution';
import type { FunctionGraph } from '../graph/graph';
import { downstreamView, drawPicture, pathView, upstreamView, wholeGraph, type Picture } from './draw-picture';
import { graphToDot, type DotOptions } from './graph-dot';
import { viewToMermaid } from './graph-mermaid';
import { executionView, viewOf } from './graph-view';
import { resolvePicture, type DrawOptions, type PictureOptions } from './picture-options';
import { PictureOptionError } from './viz-errors';

export type { Picture, PictureOptions };

/** What `Driver.toMermaid` draws: the whole graph or what `outputs` need, with the picture options. */
export interface MermaidOptions extends Partial<DrawOptions> {
  outputs?: readonly string[];
}

/** The driver's picture methods, one function each: the driver only hands over its graph. */
export async function visualize(graph: FunctionGraph, target?: string | PictureOptions): Promise<Picture> {
  const picture = resolvePicture('visualize', target);
  return drawPicture(wholeGraph(graph), picture);
}

export async function visualizeExecution(
  graph: FunctionGraph,
  outputs: readonly string[],
  exportExecution: (outputs: readonly string[]) => ExecutionExport,
  target?: string | PictureOptions,
  lastCacheDecision?: (name: string) => string | undefined,
): Promise<Picture> {
  const picture = resolvePicture('visualizeExecution', target);
  const cached = lastCacheDecision && ((name: string) => lastCacheDecision(name) === 'hit');
  // exportExecution checks the request as execute would: a picture of a run that cannot happen is an error.
  return drawPicture(executionView(graph, exportExecution(outputs), outputs, cached), picture);
}

const nameList = (method: string, names: string | readonly string[]): readonly string[] => {
  const list = typeof names === 'string' ? [names] : names;
  if (!Array.isArray(list) || list.length === 0 || list.some((n) => typeof n !== 'string')) {
    throw new PictureOptionError(method, 'names', names, 'a node name or a non-empty array of node names');
  }
  return list;
};

export async function visualizeUpstreamOf(graph: FunctionGraph, names: string | readonly string[], target?: string | PictureOptions): Promise<Picture> {
  const picture = resolvePicture('visualizeUpstreamOf', target);
  return drawPicture(upstreamView(graph, nameList('visualizeUpstreamOf', names)), picture);
}

export async function visualizeDownstreamOf(graph: FunctionGraph, names: string | readonly string[], target?: string | PictureOptions): Promise<Picture> {
  const picture = resolvePicture('visualizeDownstreamOf', target);
  return drawPicture(downstreamView(graph, nameList('visualizeDownstreamOf', names)), picture);
}

export async function visualizePathBetween(graph: FunctionGraph, from: string, to: string, target?: string | PictureOptions): Promise<Picture> {
  const picture = resolvePicture('visualizePathBetween', target);
  return drawPicture(pathView(graph, from, to), picture);
}

/** The drawing options of a method that returns the picture's text: checked as visualize's are, less the file ones. */
function textPictureOptions(method: 'toMermaid' | 'toDot', draw: Partial<DrawOptions>, extension: string) {
  for (const key of ['path', 'format'] as const) {
    if (key in draw) throw new PictureOptionError(method, key, (draw as PictureOptions)[key], `no such option: ${method} returns the text; write it to a ${extension} file with visualize({ path })`);
  }
  return resolvePicture(method, draw);
}

export function toMermaid(graph: FunctionGraph, options: MermaidOptions = {}): string {
  const { outputs, ...draw } = options;
  const resolved = textPictureOptions('toMermaid', draw, '.mmd');
  const names = outputs ? graph.upstreamOf(outputs) : graph.nameAt;
  return viewToMermaid(viewOf(graph, names, { outputs }), resolved);
}

/** Graphviz DOT of the graph or of what `outputs` need; a misspelt option is an error, as for the other pictures, not ignored. */
export function toDot(graph: FunctionGraph, options: DotOptions = {}): string {
  const { outputs: _outputs, ...draw } = options;
  textPictureOptions('toDot', draw, '.dot');
  return graphToDot(graph, options);
}
