import * as fs from 'fs';
import * as path from 'path';
import { MARKETING_SVG, marketingPicture } from '../../examples/marketing/pictures';

describe("the README's pictures", () => {
  test('docs/marketing.svg is what visualizeExecution draws of the marketing run today (npm run docs:pictures redraws it)', async () => {
    const committed = fs.readFileSync(path.join(__dirname, '../..', MARKETING_SVG), 'utf8');
    expect(committed).toBe(await marketingPicture());
  });
});
