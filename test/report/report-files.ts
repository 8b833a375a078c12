/* eslint-disable @typescript-eslint/no-require-imports */
import * as fs from 'fs';
import * as path from 'path';
import type { IndexEntry, RunRecord } from 'hamilton-ts';

/** The compiled fixture: worker threads load classes from the modules tspc wrote to dist/ (`npm run build` first). */
export const REPORT_FLOW = path.join(__dirname, '../../dist/test/fixtures/threads/report-flow.js');
export const { Shop } = require(REPORT_FLOW) as typeof import('../fixtures/threads/report-flow');

/** Where the tests keep what a person would look at (screenshots, reports): gitignored. */
export const ARTIFACTS = path.join(__dirname, '../../test-artifacts/report');

function embedded(file: string, id: string): unknown {
  const html = fs.readFileSync(file, 'utf8');
  const match = html.match(new RegExp(`<script type="application/json" id="${id}">([\\s\\S]*?)</script>`));
  if (!match) throw new Error(`${file} has no ${id} data`);
  return JSON.parse(match[1]);
}

/** The run a report page embeds. */
export const runOf = (file: string) => embedded(file, 'hamilton-run') as RunRecord;

/** The runs an index page lists. */
export const indexOf = (dir: string) => embedded(path.join(dir, 'index.html'), 'hamilton-runs') as IndexEntry[];

export const SHOP_INPUTS = { prices: [10, 20, 30, 40], quantities: [1, 2, 3, 50] };
