import * as fs from 'fs';
import * as path from 'path';
import { Builder } from 'hamilton-ts';
import { MARKETING_OUTPUTS, marketingInputs } from './data';
import { MarketingSpend } from './features';

/** Where the README's picture of this dataflow lives, from the repository root. */
export const MARKETING_SVG = 'docs/marketing.svg';

/** The README's picture: what the seed's run computes and reads, as SVG. */
export async function marketingPicture(): Promise<string> {
  const dr = new Builder().withModules(MarketingSpend).build();
  return (await dr.visualizeExecution(MARKETING_OUTPUTS, { inputs: marketingInputs() }, { format: 'svg' })) as string;
}

// `npm run docs:pictures` draws it again (test/viz/readme-pictures.test.ts fails when it is stale).
if (require.main === module) {
  const root = path.resolve(__dirname, '../../..');
  marketingPicture().then((svg) => {
    fs.mkdirSync(path.join(root, 'docs'), { recursive: true });
    fs.writeFileSync(path.join(root, MARKETING_SVG), svg);
    process.stdout.write(`wrote ${MARKETING_SVG}\n`);
  }, (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
