import * as fs from 'fs';
import * as path from 'path';
import {
  Builder, MissingInputsError, MissingPeerDependencyError, NoPathError, PictureOptionError, PictureWriteError, UnknownNodeError, svgToPng,
} from 'hamilton-ts';
import { MarketingSpend } from '../../examples/marketing/features';
import { Pipeline } from '../fixtures/viz/pipeline';
import { tempFiles } from '../cli/temp-files';

const dr = new Builder().withModules(MarketingSpend).build();
const pipeline = new Builder().withModules(Pipeline).withConfig({ region: 'eu', rate: 1 }).build();
const files = tempFiles('hamilton-viz-');

/** The names of the nodes an SVG draws (Graphviz writes each node's name as its <title>), legend left out. */
function drawnNames(svg: string): string[] {
  return [...svg.matchAll(/<g id="node:([^"]+)" class="node hamilton_node[^"]*">/g)].map((m) => m[1].replace(/&quot;/g, '"')).sort();
}

/** A PNG's width and height, from its IHDR chunk. */
function pngSize(bytes: Uint8Array): { width: number; height: number } {
  expect(Buffer.from(bytes.subarray(0, 8)).toString('hex')).toBe('89504e470d0a1a0a');
  const view = Buffer.from(bytes);
  return { width: view.readUInt32BE(16), height: view.readUInt32BE(20) };
}

describe('dr.visualize (display_all_functions)', () => {
  test('renders every node to SVG, written where the path says, and returned', async () => {
    const file = path.join(files.dir(), 'all.svg');
    const svg = await dr.visualize(file);
    expect(typeof svg).toBe('string');
    expect(fs.readFileSync(file, 'utf8')).toBe(svg);
    expect(drawnNames(svg as string)).toEqual(
      ['acquisitionCost', 'acquisitionCost.check', 'acquisitionCost.raw', 'avg3wkSpend', 'signups', 'spend', 'spendMean', 'spendZeroMean', 'spendZeroMeanUnitVariance'],
    );
    expect(svg).toContain('class="node hamilton_legend"');
  });

  test('PNG from the .png extension: a real image, larger than its SVG size', async () => {
    const file = path.join(files.dir(), 'nested', 'all.png');
    const png = await dr.visualize(file);
    expect(png).toBeInstanceOf(Uint8Array);
    expect(fs.readFileSync(file).equals(Buffer.from(png as Uint8Array))).toBe(true);
    const size = pngSize(png as Uint8Array);
    const svg = (await dr.visualize({ format: 'svg' })) as string;
    const svgWidth = Number(svg.match(/<svg width="(\d+)pt"/)![1]);
    expect(size.width).toBeGreaterThan(svgWidth);
    expect(size.height).toBeGreaterThan(100);
  });

  test('DOT and Mermaid text by extension or format', async () => {
    expect(await dr.visualize({ format: 'dot' })).toMatch(/^digraph hamilton \{/);
    const file = path.join(files.dir(), 'graph.mmd');
    expect(await dr.visualize({ path: file, orientation: 'TB' })).toMatch(/^flowchart TB\n/);
    expect(fs.readFileSync(file, 'utf8')).toMatch(/^flowchart TB\n/);
  });

  test('a custom style function restyles nodes, and the legend gains its entry', async () => {
    const svg = (await pipeline.visualize({
      style: (node) => (node.tags['hamilton.data_loader'] ? { fillcolor: '#ff0000', legend: 'reads a file' } : undefined),
      hideInputs: true,
    })) as string;
    const loader = svg.slice(svg.indexOf('<g id="node:rawSpend"'), svg.indexOf('</g>', svg.indexOf('<g id="node:rawSpend"')));
    expect(loader).toContain('fill="#ff0000"');
    expect(svg).toContain('>reads a file</text>');
    expect(drawnNames(svg)).not.toContain('spendPath');
    expect(drawnNames(svg)).not.toContain('rate');
  });
});

describe('pictures of part of the graph', () => {
  test('visualizeExecution draws only what the run would compute and read', async () => {
    const svg = (await pipeline.visualizeExecution(['meanSpend'], { overrides: { spend: [1, 2] } })) as string;
    expect(drawnNames(svg)).toEqual(['digits', 'meanSpend', 'rounded', 'spend']);
    expect(svg).toContain('class="node hamilton_node function override"');
    expect(svg).toContain('class="node hamilton_node function output"');
  });

  test('visualizeExecution checks the request as execute would', async () => {
    await expect(pipeline.visualizeExecution(['meanSpend'])).rejects.toThrow(MissingInputsError);
    await expect(pipeline.visualizeExecution(['nope'], { inputs: { spendPath: '1' } })).rejects.toThrow(UnknownNodeError);
  });

  test('upstream of, downstream of, path between', async () => {
    expect(drawnNames((await dr.visualizeUpstreamOf('spendZeroMean')) as string)).toEqual(['spend', 'spendMean', 'spendZeroMean']);
    expect(drawnNames((await dr.visualizeDownstreamOf(['spendMean'])) as string)).toEqual(['spendMean', 'spendZeroMean', 'spendZeroMeanUnitVariance']);
    expect(drawnNames((await dr.visualizePathBetween('spend', 'spendZeroMean')) as string)).toEqual(['spend', 'spendMean', 'spendZeroMean']);
  });

  test('no path between two nodes is an error naming both', async () => {
    await expect(dr.visualizePathBetween('spendZeroMean', 'spend')).rejects.toThrow(NoPathError);
    await expect(dr.visualizePathBetween('spendMean', 'acquisitionCost')).rejects.toThrow("there is no path from 'spendMean' down to 'acquisitionCost'");
    await expect(dr.visualizeUpstreamOf('nope')).rejects.toThrow(UnknownNodeError);
    await expect(dr.visualizeUpstreamOf([])).rejects.toThrow("visualizeUpstreamOf: option 'names' is : expected a node name or a non-empty array of node names");
  });
});

describe('bad picture options', () => {
  test('an extension that is no picture format, an unknown option, a bad orientation or flag', async () => {
    await expect(dr.visualize('graph.jpg')).rejects.toThrow("visualize: option 'path' is \"graph.jpg\": expected a file ending .svg, .png, .dot or .mmd (or pass `format`)");
    await expect(dr.visualize({ orient: 'LR' } as never)).rejects.toThrow(PictureOptionError);
    await expect(dr.visualize({ orientation: 'sideways' as never })).rejects.toThrow("option 'orientation' is \"sideways\": expected one of LR, TB, RL, BT");
    await expect(dr.visualize({ legend: 'yes' as never })).rejects.toThrow("option 'legend' is \"yes\": expected true or false");
    await expect(dr.visualize({ format: 'gif' as never })).rejects.toThrow("option 'format' is \"gif\": expected one of svg, png, dot, mmd");
  });

  test('a path that cannot be written is an error naming it', async () => {
    const blocker = files.write('a-file', 'x');
    await expect(dr.visualize(path.join(blocker, 'graph.svg'))).rejects.toThrow(PictureWriteError);
  });

  test('PNG without resvg installed says what to install', () => {
    const missing = (name: string) => {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    };
    expect(() => svgToPng('<svg/>', missing)).toThrow(MissingPeerDependencyError);
    expect(() => svgToPng('<svg/>', missing)).toThrow('npm i @resvg/resvg-js@^2.6.2');
  });
});
