import * as fs from 'fs';
import * as path from 'path';
import type { FunctionGraph } from '../graph/graph';
import { viewToDot } from './graph-dot';
import { viewToMermaid } from './graph-mermaid';
import { viewOf, type GraphView } from './graph-view';
import type { ResolvedPicture } from './picture-options';
import { dotToSvg, svgToPng } from './render';
import { NoPathError, PictureWriteError } from './viz-errors';

/** A picture in its format: text for SVG, DOT and Mermaid, bytes for PNG. */
export type Picture = string | Uint8Array;

/** Draws a view in the picture's format and, given a path, writes it there (making the folder). */
export async function drawPicture(view: GraphView, picture: ResolvedPicture): Promise<Picture> {
  const drawn = await draw(view, picture);
  if (picture.path) {
    try {
      fs.mkdirSync(path.dirname(path.resolve(picture.path)), { recursive: true });
      fs.writeFileSync(picture.path, drawn);
    } catch (error) {
      throw new PictureWriteError(picture.path, error);
    }
  }
  return drawn;
}

async function draw(view: GraphView, picture: ResolvedPicture): Promise<Picture> {
  if (picture.format === 'mmd') return viewToMermaid(view, picture);
  const dot = viewToDot(view, picture);
  if (picture.format === 'dot') return dot;
  const svg = await dotToSvg(dot);
  return picture.format === 'svg' ? svg : svgToPng(svg);
}

/** Hamilton's `display_all_functions`: every node and input. */
export const wholeGraph = (graph: FunctionGraph): GraphView => viewOf(graph, graph.nameAt);

/** Hamilton's `display_upstream_of`: the named nodes and all they depend on. */
export const upstreamView = (graph: FunctionGraph, names: readonly string[]): GraphView => viewOf(graph, graph.upstreamOf(names));

/** Hamilton's `display_downstream_of`: the named nodes and all that depends on them. */
export const downstreamView = (graph: FunctionGraph, names: readonly string[]): GraphView => viewOf(graph, graph.downstreamOf(names));

/** Hamilton's `visualize_path_between`: the nodes on the paths from one node down to another. */
export function pathView(graph: FunctionGraph, from: string, to: string): GraphView {
  const names = graph.pathBetween(from, to);
  if (names.length === 0) throw new NoPathError(from, to);
  return viewOf(graph, names);
}
