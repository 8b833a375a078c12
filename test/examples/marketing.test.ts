import * as aq from 'arquero';
import { Builder } from 'hamilton-ts';
import { MarketingSpend } from '../../examples/marketing/features';

test('the seed marketing dataflow gives the pandas numbers', async () => {
  const dr = new Builder().withModules(MarketingSpend).build();
  const inputs = aq.table({ signups: [1, 10, 50, 100, 200, 400], spend: [10, 10, 20, 40, 40, 50] });
  const table = await dr.execute(['spend', 'acquisitionCost', 'spendZeroMean'], { inputs });
  expect(table.columnNames()).toEqual(['spend', 'acquisitionCost', 'spendZeroMean']);
  expect(Array.from(table.array('acquisitionCost') as ArrayLike<number>)).toEqual([NaN, NaN, 40 / 3 / 50, 70 / 3 / 100, 100 / 3 / 200, 130 / 3 / 400]);
  expect(Array.from(table.array('spendZeroMean') as ArrayLike<number>)[0]).toBeCloseTo(10 - 170 / 6);
});
