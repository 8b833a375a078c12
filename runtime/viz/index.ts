export { graphToDot, viewToDot, nodeClasses, nodeElementId, type DotOptions } from './graph-dot';
export { viewToMermaid } from './graph-mermaid';
export { viewOf, executionView, withoutInputs, DATA_LOADER_TAG, DATA_SAVER_TAG, type DrawnNode, type DrawnEdge, type DrawnKind, type GraphView } from './graph-view';
export { baseStyle, styleOf, legendEntries, type NodeStyle, type StyleFunction, type LegendEntry } from './node-style';
export { resolvePicture, PICTURE_FORMATS, ORIENTATIONS, DRAW_DEFAULTS, type PictureOptions, type PictureFormat, type Orientation, type DrawOptions } from './picture-options';
export { drawPicture, wholeGraph, upstreamView, downstreamView, pathView, type Picture } from './draw-picture';
export { dotToSvg, svgToPng } from './render';
export { PictureOptionError, PictureRenderError, PictureWriteError, NoPathError } from './viz-errors';
export type { MermaidOptions } from './driver-pictures';
