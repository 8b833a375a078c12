import { Builder, executionView, viewOf, type DrawnNode, type GraphView } from 'hamilton-ts';
import { Pipeline } from '../fixtures/viz/pipeline';

const dr = new Builder().withModules(Pipeline).withConfig({ region: 'eu', rate: 1.1 }).build();
const byName = (view: GraphView): Map<string, DrawnNode> => new Map(view.nodes.map((n) => [n.name, n]));
const edges = (view: GraphView): string[] => view.edges.map((e) => `${e.from}->${e.to}${e.optional ? ' (optional)' : ''}`);

describe('what a picture draws of each name', () => {
  const view = viewOf(dr.graph, dr.graph.nameAt);
  const nodes = byName(view);

  test('every node and input, each of its kind: loader and saver by their tags, checks, config values, inputs', () => {
    expect(nodes.get('rawSpend')?.kind).toBe('loader');
    expect(nodes.get('saved')?.kind).toBe('saver');
    expect(nodes.get('spend.check')?.kind).toBe('check');
    expect(nodes.get('meanSpend')?.kind).toBe('function');
    expect(nodes.get('rate')?.kind).toBe('config');
    expect(nodes.get('spendPath')?.kind).toBe('input');
    expect(nodes.get('meanSpend')).toMatchObject({ type: 'number', doc: 'The mean of the rounded spend.', output: false, override: false });
  });

  test('the config-chosen variant carries its condition; an input every consumer can do without is optional', () => {
    expect(nodes.get('rounded')?.variant).toBe('when(region="eu")');
    expect(nodes.get('meanSpend')?.variant).toBeUndefined();
    expect(nodes.get('digits')?.optional).toBe(true);
    expect(nodes.get('spendPath')?.optional).toBe(false);
    expect(edges(view)).toContain('digits->rounded (optional)');
  });

  test('the other config draws the other variant', () => {
    const us = new Builder().withModules(Pipeline).withConfig({ region: 'us', rate: 1 }).build();
    const rounded = byName(viewOf(us.graph, us.graph.nameAt)).get('rounded');
    expect(rounded?.variant).toBe('when(region="us")');
    expect(rounded?.doc).toBe('The US way to round.');
  });
});

describe('the view of one run (visualizeExecution)', () => {
  test('only what the outputs need, the requested outputs marked', () => {
    const outputs = ['meanSpend'];
    const view = executionView(dr.graph, dr.exportExecution(outputs, { inputs: { spendPath: '1,2' } }), outputs);
    const nodes = byName(view);
    expect([...nodes.keys()].sort()).toEqual(['digits', 'meanSpend', 'rate', 'rawSpend', 'rounded', 'spend', 'spend.check', 'spend.raw', 'spendPath']);
    expect(nodes.get('meanSpend')?.output).toBe(true);
    expect(nodes.get('rounded')?.output).toBe(false);
    expect(nodes.has('saved')).toBe(false);
  });

  test('an override replaces its node: drawn as an override, with nothing upstream of it and no edge into it', () => {
    const outputs = ['meanSpend'];
    const view = executionView(dr.graph, dr.exportExecution(outputs, { overrides: { rounded: [1, 2] } }), outputs);
    const nodes = byName(view);
    expect([...nodes.keys()].sort()).toEqual(['meanSpend', 'rounded']);
    expect(nodes.get('rounded')?.override).toBe(true);
    expect(edges(view)).toEqual(['rounded->meanSpend']);
  });

  test('a config value the run overrides is drawn as config, marked as an override', () => {
    const outputs = ['spend'];
    const view = executionView(dr.graph, dr.exportExecution(outputs, { inputs: { spendPath: '1' }, overrides: { rate: 2 } }), outputs);
    expect(byName(view).get('rate')).toMatchObject({ kind: 'config', override: true });
    expect(byName(view).get('spendPath')).toMatchObject({ kind: 'input', override: false });
  });

  test('a requested name that only the inputs give (a column passed through) is drawn as an output input', () => {
    const outputs = ['meanSpend', 'region2'];
    const view = executionView(dr.graph, dr.exportExecution(outputs, { inputs: { spendPath: '1', region2: [1] } }), outputs);
    expect(byName(view).get('region2')).toMatchObject({ kind: 'input', output: true, type: 'unknown' });
  });
});
