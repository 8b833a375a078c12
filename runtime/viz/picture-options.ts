import * as path from 'path';
import type { StyleFunction } from './node-style';
import { PictureOptionError } from './viz-errors';

/** What a picture is written as: SVG or PNG rendered here, Graphviz DOT or Mermaid text. */
export type PictureFormat = 'svg' | 'png' | 'dot' | 'mmd';
export const PICTURE_FORMATS: readonly PictureFormat[] = ['svg', 'png', 'dot', 'mmd'];

/** Graphviz `rankdir`: left to right, top to bottom, and their reverses. */
export type Orientation = 'LR' | 'TB' | 'RL' | 'BT';
export const ORIENTATIONS: readonly Orientation[] = ['LR', 'TB', 'RL', 'BT'];

/** What `dr.visualize…` draw and where; Hamilton's `output_file_path`, `orient`, `hide_inputs`, `show_legend`, `custom_style_function`. */
export interface PictureOptions {
  /** Write the picture to this file; its extension (.svg, .png, .dot, .mmd) picks the format unless `format` is given (default: write nothing). */
  path?: string;
  /** The format (default: the path's extension, else `svg`). */
  format?: PictureFormat;
  /** Which way dependencies flow (default `LR`, as Hamilton's `orient`). */
  orientation?: Orientation;
  /** Leave out inputs and config values (default `false`). */
  hideInputs?: boolean;
  /** Draw a legend of the kinds of node shown (default `true`). */
  legend?: boolean;
  /** Restyles nodes: Hamilton's `custom_style_function` (default: none). */
  style?: StyleFunction;
}

/** How a picture is drawn, whatever the format. */
export type DrawOptions = Required<Pick<PictureOptions, 'orientation' | 'hideInputs' | 'legend'>> & Pick<PictureOptions, 'style'>;

export const DRAW_DEFAULTS: Readonly<DrawOptions> = { orientation: 'LR', hideInputs: false, legend: true };

export interface ResolvedPicture extends DrawOptions {
  format: PictureFormat;
  path?: string;
}

const KEYS = new Set<string>(['path', 'format', 'orientation', 'hideInputs', 'legend', 'style']);

function formatOfPath(method: string, file: string): PictureFormat {
  const extension = path.extname(file).slice(1).toLowerCase();
  const format = extension === 'mermaid' ? 'mmd' : extension === 'gv' ? 'dot' : extension;
  if ((PICTURE_FORMATS as readonly string[]).includes(format)) return format as PictureFormat;
  throw new PictureOptionError(method, 'path', file, 'a file ending .svg, .png, .dot or .mmd (or pass `format`)');
}

/** A path or options as the user gave them, checked once, with the defaults laid under them. */
export function resolvePicture(method: string, target: string | PictureOptions | undefined): ResolvedPicture {
  const options: PictureOptions = typeof target === 'string' ? { path: target } : target ?? {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new PictureOptionError(method, 'options', options, 'a file path or an options object');
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.has(key)) throw new PictureOptionError(method, key, (options as Record<string, unknown>)[key], `no such option: it takes ${[...KEYS].join(', ')}`);
  }
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as PictureOptions;
  const resolved = { ...DRAW_DEFAULTS, ...given };
  if (resolved.path !== undefined && (typeof resolved.path !== 'string' || resolved.path.length === 0)) {
    throw new PictureOptionError(method, 'path', resolved.path, 'a file path');
  }
  if (resolved.format !== undefined && !PICTURE_FORMATS.includes(resolved.format)) {
    throw new PictureOptionError(method, 'format', resolved.format, `one of ${PICTURE_FORMATS.join(', ')}`);
  }
  if (!ORIENTATIONS.includes(resolved.orientation)) throw new PictureOptionError(method, 'orientation', resolved.orientation, `one of ${ORIENTATIONS.join(', ')}`);
  for (const flag of ['hideInputs', 'legend'] as const) {
    if (typeof resolved[flag] !== 'boolean') throw new PictureOptionError(method, flag, resolved[flag], 'true or false');
  }
  if (resolved.style !== undefined && typeof resolved.style !== 'function') {
    throw new PictureOptionError(method, 'style', resolved.style, 'a function (node, style) => style');
  }
  const format = resolved.format ?? (resolved.path ? formatOfPath(method, resolved.path) : 'svg');
  return { ...resolved, format };
}
