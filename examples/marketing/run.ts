import { Builder } from 'hamilton-ts';
import { MARKETING_OUTPUTS, marketingInputs } from './data';
import { MarketingSpend } from './features';

/** The seed's driver code: six weeks of spend and signups in, a table of features out. */
async function main(): Promise<void> {
  const dr = new Builder().withModules(MarketingSpend).withConfig({}).build();
  const table = await dr.execute(MARKETING_OUTPUTS, { inputs: marketingInputs() });
  table.print();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
