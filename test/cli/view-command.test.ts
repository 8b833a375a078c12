import * as fs from 'fs';
import * as path from 'path';
import { cli, STACK_LINE } from './run-cli';
import { tempFiles } from './temp-files';

const MODULE = ['--module', 'dist/examples/marketing/features.js'];
const files = tempFiles('hamilton-view-');

// Each test starts Node once, about a second on a busy machine.
jest.setTimeout(30_000);

const drawn = (svg: string): string[] => [...svg.matchAll(/<g id="node:([^"]+)" class="node hamilton_node/g)].map((m) => m[1]).sort();

describe('hamilton-ts view', () => {
  test('draws the whole graph to an SVG file', async () => {
    const out = path.join(files.dir(), 'all.svg');
    const { status, stdout, stderr } = await cli(['view', ...MODULE, '--out', out]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    expect(stdout).toBe(`wrote an SVG picture of the whole graph to ${out}\n`);
    expect(drawn(fs.readFileSync(out, 'utf8'))).toHaveLength(9);
  });

  test('--outputs draws what they need; with --inputs, what that run computes and reads', async () => {
    const out = path.join(files.dir(), 'part.svg');
    expect((await cli(['view', ...MODULE, '--outputs', 'spendZeroMean', '--out', out])).status).toBe(0);
    expect(drawn(fs.readFileSync(out, 'utf8'))).toEqual(['spend', 'spendMean', 'spendZeroMean']);
    const csv = files.write('spend.csv', 'spend,signups\n10,1\n20,2\n');
    const { status, stdout } = await cli(['view', ...MODULE, '--outputs', 'acquisitionCost', '--inputs', csv, '--out', out]);
    expect(status).toBe(0);
    expect(stdout).toContain('what acquisitionCost needs');
    const svg = fs.readFileSync(out, 'utf8');
    expect(drawn(svg)).toEqual(['acquisitionCost', 'acquisitionCost.check', 'acquisitionCost.raw', 'avg3wkSpend', 'signups', 'spend']);
    expect(svg).toContain('class="node hamilton_node function output"');
  });

  test('PNG, DOT and Mermaid by extension, with orientation, hidden inputs and no legend', async () => {
    const png = path.join(files.dir(), 'g.png');
    expect((await cli(['view', ...MODULE, '--out', png])).status).toBe(0);
    expect(fs.readFileSync(png).subarray(0, 4).toString('hex')).toBe('89504e47');
    const dot = path.join(files.dir(), 'g.dot');
    expect((await cli(['view', ...MODULE, '--out', dot, '--orientation', 'TB', '--hide-inputs', '--no-legend'])).status).toBe(0);
    const text = fs.readFileSync(dot, 'utf8');
    expect(text).toContain('rankdir=TB;');
    expect(text).not.toContain('"signups"');
    expect(text).not.toContain('cluster_legend');
    const mmd = path.join(files.dir(), 'g.mmd');
    expect((await cli(['view', ...MODULE, '--out', mmd])).status).toBe(0);
    expect(fs.readFileSync(mmd, 'utf8')).toMatch(/^flowchart LR\n/);
  });

  test('an unknown extension, orientation or node is a usage error, without a stack trace', async () => {
    const jpg = await cli(['view', ...MODULE, '--out', 'x.jpg']);
    expect(jpg.status).toBe(2);
    expect(jpg.stderr).toContain("error: picture file 'x.jpg' has the unknown extension '.jpg'; use .svg, .png, .dot");
    const sideways = await cli(['view', ...MODULE, '--out', 'x.svg', '--orientation', 'up']);
    expect(sideways.status).toBe(2);
    expect(sideways.stderr).toContain("option '--orientation <dir>' argument 'up' is invalid. Allowed choices are LR, TB, RL, BT.");
    const unknown = await cli(['view', ...MODULE, '--outputs', 'nope', '--out', path.join(files.dir(), 'x.svg')]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("'nope'");
    for (const r of [jpg, sideways, unknown]) expect(r.stderr).not.toMatch(STACK_LINE);
  });
});
