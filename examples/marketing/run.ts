import * as aq from 'arquero';
import { Builder } from 'hamilton-ts';
import { MarketingSpend } from './features';

/** The seed's driver code: six weeks of spend and signups in, a table of features out. */
async function main(): Promise<void> {
  const dr = new Builder().withModules(MarketingSpend).withConfig({}).build();
  const inputs = aq.table({
    signups: Float64Array.from([1, 10, 50, 100, 200, 400]),
    spend: Float64Array.from([10, 10, 20, 40, 40, 50]),
  });
  const table = await dr.execute(['spend', 'signups', 'avg3wkSpend', 'acquisitionCost', 'spendZeroMean', 'spendZeroMeanUnitVariance'], { inputs });
  table.print();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
