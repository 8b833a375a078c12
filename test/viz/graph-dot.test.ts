import { Builder, dotToSvg, viewOf, viewToDot } from 'hamilton-ts';
import { MarketingSpend } from '../../examples/marketing/features';
import { Pipeline } from '../fixtures/viz/pipeline';

const dr = new Builder().withModules(MarketingSpend).build();

describe('drawing the graph in DOT', () => {
  test('a misspelt or file option is an error, as for the other pictures (`output` was ignored: the whole graph drawn)', () => {
    expect(() => dr.toDot({ output: ['acquisitionCost'] } as never)).toThrow(/^toDot: option 'output' is acquisitionCost: expected no such option: it takes path, format, orientation/);
    expect(() => dr.toDot({ path: 'g.dot' } as never)).toThrow("toDot: option 'path' is \"g.dot\": expected no such option: toDot returns the text; write it to a .dot file with visualize({ path })");
    expect(() => dr.toDot({ orientation: 'sideways' } as never)).toThrow(/toDot: option 'orientation'/);
  });

  test('draws what the outputs need: nodes with types, inputs dashed, checks as octagons, outputs bold', () => {
    const dot = dr.toDot({ outputs: ['acquisitionCost'] });
    expect(dot).toMatch(/"acquisitionCost" \[label="acquisitionCost\\nColumn<number>", [^\]]*penwidth=2/);
    expect(dot).toMatch(/"acquisitionCost.check" \[label="acquisitionCost.check\\nCheckResult\[\]", shape="octagon"/);
    expect(dot).toMatch(/"spend" \[label="spend\\nColumn<number>", shape="parallelogram", style="dashed"/);
    expect(dot).toContain('"acquisitionCost.raw" -> "acquisitionCost.check";');
    expect(dot).not.toContain('spendZeroMean');
    expect(dot).not.toContain('cluster_legend');
  });

  test('each kind and mark is styled apart, and carries SVG classes and an id a page can select it by', () => {
    const pipeline = new Builder().withModules(Pipeline).withConfig({ region: 'eu', rate: 1 }).build();
    const dot = viewToDot(viewOf(pipeline.graph, pipeline.graph.nameAt, { outputs: ['meanSpend'] }));
    const line = (name: string) => dot.split('\n').find((l) => l.startsWith(`  "${name}" [`)) ?? '';
    expect(line('rawSpend')).toContain('shape="cylinder"');
    expect(line('rawSpend')).toContain('class="hamilton_node loader"');
    expect(line('saved')).toContain('class="hamilton_node saver"');
    expect(line('rate')).toContain('shape="note"');
    expect(line('rounded')).toContain('label="rounded\\nColumn<number>\\n[when(region=\\"eu\\")]"');
    expect(line('rounded')).toContain('class="hamilton_node function variant"');
    expect(line('meanSpend')).toContain('class="hamilton_node function output"');
    expect(line('meanSpend')).toContain('id="node:meanSpend"');
    expect(line('digits')).toContain('color="gray"');
    expect(dot).toContain('"digits" -> "rounded" [style=dashed];');
    // The legend names every kind and mark shown.
    for (const entry of ['function', 'input', 'config', 'data-quality check', 'loader', 'saver', 'optional input', 'config-chosen variant', 'output']) {
      expect(dot).toContain(`"legend:${entry}" [label="${entry}"`);
    }
    expect(dot).not.toContain('legend:override');
  });

  test('orientation and hidden inputs', () => {
    const view = viewOf(dr.graph, dr.graph.nameAt);
    expect(viewToDot(view, { orientation: 'TB' })).toContain('rankdir=TB;');
    const hidden = viewToDot(view, { hideInputs: true });
    expect(hidden).not.toContain('"spend"');
    expect(hidden).not.toContain('"signups"');
    expect(hidden).toContain('"spendMean" -> "spendZeroMean";');
    expect(hidden).not.toContain('legend:input');
  });

  test('names and docs with quotes and backslashes stay inside their strings', () => {
    const view = viewOf(dr.graph, ['spendMean']);
    view.nodes[0] = { ...view.nodes[0], name: 'a"b\\c', doc: 'say "hi"\nthen go' };
    const dot = viewToDot(view);
    expect(dot).toContain('"a\\"b\\\\c" [label="a\\"b\\\\c\\nnumber"');
    expect(dot).toContain('tooltip="say \\"hi\\"\\nthen go"');
  });

  test('is valid DOT that Graphviz renders', async () => {
    const svg = await dotToSvg(dr.toDot());
    expect(svg).toMatch(/^<\?xml|<svg/);
    for (const name of ['spendZeroMeanUnitVariance', 'acquisitionCost.check', 'signups']) expect(svg).toContain(`>${name}</text>`);
  });
});
