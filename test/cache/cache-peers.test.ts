import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { tempCacheDir } from './temp-cache';

const ROOT = path.resolve(__dirname, '../..');
const HIDE = path.join(ROOT, 'test/fixtures/hide-packages.js');

/** A cached run in a process where these packages are not installed: what it prints. */
function runWithout(hidden: string, cachePath: string): string {
  const script = `
    const { Builder, RecordResult } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
    const { WhereItRan } = require(${JSON.stringify(path.join(ROOT, 'dist/test/fixtures/cache/flows.js'))});
    const plain = new Builder().withModules(WhereItRan).withResultBuilder(new RecordResult()).build();
    const dr = new Builder().withModules(WhereItRan).withResultBuilder(new RecordResult()).withCache({ path: ${JSON.stringify(cachePath)} }).build();
    plain.execute(['total'], { inputs: { spend: [1, 2] } })
      .then((r) => { console.log('uncached ' + r.total); return dr.execute(['total'], { inputs: { spend: [1, 2] } }); })
      .then(() => console.log('cached ran'), (e) => console.log(e.name + ': ' + e.message));`;
  const child = spawnSync(process.execPath, ['-r', HIDE, '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, HIDE_PACKAGES: hidden } });
  return child.stdout;
}

describe('the cache\'s optional peers', () => {
  test.each([['better-sqlite3'], ['@node-rs']])('without %s: uncached runs work, a cached run says what to install', (hidden) => {
    const out = runWithout(hidden, tempCacheDir());
    expect(out).toMatch(/^uncached 6$/m);
    expect(out).toMatch(/^MissingPeerDependencyError: the cache \(Builder.withCache\) needs (better-sqlite3|@node-rs\/xxhash), optional peer dependencies of hamilton-ts that are not installed. Install them: npm i better-sqlite3@12.11.1 @node-rs\/xxhash@1.7.8$/m);
  });
});
