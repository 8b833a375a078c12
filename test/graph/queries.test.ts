import { Builder } from 'hamilton-ts';
import { MarketingSpend } from '../../examples/marketing/features';

const dr = new Builder().withModules(MarketingSpend).build();
const names = (vars: { name: string }[]) => vars.map((v) => v.name).sort();

describe('graph queries', () => {
  test('lists every node and input with its type, doc and source', () => {
    const vars = dr.listAvailableVariables();
    expect(names(vars)).toEqual([
      'acquisitionCost', 'acquisitionCost.check', 'acquisitionCost.raw', 'avg3wkSpend', 'signups', 'spend',
      'spendMean', 'spendZeroMean', 'spendZeroMeanUnitVariance',
    ]);
    const cost = vars.find((v) => v.name === 'acquisitionCost')!;
    expect(cost).toMatchObject({
      type: 'Column<number>',
      doc: 'The cost per signup in relation to a rolling average of spend.',
      isExternalInput: false,
      dependencies: ['acquisitionCost.raw', 'acquisitionCost.check'],
      source: { file: 'examples/marketing/features.ts', line: 13 },
      origin: { className: 'MarketingSpend', method: 'acquisitionCost', exportName: 'MarketingSpend' },
    });
    expect(vars.find((v) => v.name === 'spendMean')!.type).toBe('number');
    expect(vars.find((v) => v.name === 'spend')).toMatchObject({ type: 'Column<number>', isExternalInput: true, optional: false });
  });

  test('what is upstream of a node: it and everything it needs', () => {
    expect(names(dr.whatIsUpstreamOf('acquisitionCost'))).toEqual([
      'acquisitionCost', 'acquisitionCost.check', 'acquisitionCost.raw', 'avg3wkSpend', 'signups', 'spend',
    ]);
    expect(dr.listAvailableVariables().find((v) => v.name === 'acquisitionCost.raw')!.dependencies).toEqual(['avg3wkSpend', 'signups']);
  });

  test('what is downstream of a node: it and everything that needs it', () => {
    expect(names(dr.whatIsDownstreamOf('spendMean'))).toEqual(['spendMean', 'spendZeroMean', 'spendZeroMeanUnitVariance']);
  });

  test('the path between two nodes, or nothing when there is none', () => {
    expect(names(dr.whatIsThePathBetween('spend', 'spendZeroMean'))).toEqual(['spend', 'spendMean', 'spendZeroMean']);
    expect(dr.whatIsThePathBetween('signups', 'spendMean')).toEqual([]);
  });

  test('queries name unknown nodes', () => {
    expect(() => dr.whatIsUpstreamOf('acquisitionCosts')).toThrow(
      "queried name is not in the dataflow: 'acquisitionCosts' (did you mean 'acquisitionCost'?).",
    );
  });
});
