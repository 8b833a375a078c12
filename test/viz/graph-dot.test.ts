import { execFileSync } from 'child_process';
import { Builder } from 'hamilton-ts';
import { MarketingSpend } from '../../examples/marketing/features';

const dr = new Builder().withModules(MarketingSpend).build();

/** Renders DOT with a WASM Graphviz (an ES module, so in a child process of its own). */
function renderSvg(dot: string): string {
  const script = "import { Graphviz } from '@hpcc-js/wasm-graphviz'; let dot = ''; process.stdin.on('data', (c) => { dot += c; }); "
    + 'process.stdin.on(\'end\', async () => { process.stdout.write((await Graphviz.load()).dot(dot)); });';
  return execFileSync(process.execPath, ['--input-type=module', '-e', script], { input: dot, encoding: 'utf8', cwd: `${__dirname}/../..` });
}

describe('drawing the graph', () => {
  test('draws what the outputs need: nodes with types, inputs dashed, checks as octagons, outputs bold', () => {
    const dot = dr.toDot({ outputs: ['acquisitionCost'] });
    expect(dot).toContain('"acquisitionCost" [label="acquisitionCost\\nColumn<number>", penwidth=2');
    expect(dot).toContain('"acquisitionCost.check" [label="acquisitionCost.check\\nCheckResult[]", shape=octagon');
    expect(dot).toContain('"spend" [label="spend\\nColumn<number>", shape=parallelogram, style=dashed]');
    expect(dot).toContain('"acquisitionCost.raw" -> "acquisitionCost.check";');
    expect(dot).not.toContain('spendZeroMean');
  });

  test('is valid DOT that Graphviz renders', () => {
    const svg = renderSvg(dr.toDot());
    expect(svg).toMatch(/^<\?xml|<svg/);
    for (const name of ['spendZeroMeanUnitVariance', 'acquisitionCost.check', 'signups']) expect(svg).toContain(`>${name}</text>`);
  });
});
