import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');

/**
 * The numeric check keeps its optimised loop from one run
 * to the next, a full collection between runs, as `execute` has them.
 * Deoptimised, each run starts its loop again in the interpreter, boxing
 * every value it reads (inside `execute`, a 1M-row check took 14-20 ms so,
 * against 1.5-2 ms). Read here without timing: V8's own trace of the code it
 * throws away (`--trace-deopt-verbose`), from the third run on.
 */
const script = (kernel: string) => `
  const { numericProfile } = require(${JSON.stringify(path.join(DIST, 'runtime/data-quality/numeric-profile.js'))});
  const col = require(${JSON.stringify(path.join(DIST, 'runtime/values/column-math.js'))});
  const n = 1_000_001;
  const spend = Float64Array.from({ length: n }, (_, i) => 10 + ((i * 7919) % 1000));
  const signups = Float64Array.from({ length: n }, (_, i) => 1 + ((i * 104729) % 500));
  for (let run = 0; run < 6; run++) {
    global.gc();
    // A fresh column each run, NaN first, as acquisitionCost is.
    const column = col.divide(col.rollingMean(spend, 3), signups);
    console.log('run ' + run);
    ${kernel};
  }
`;

/** Where V8 threw away optimised code of the check, from the third run on. */
function deoptimisedLater(kernel: string): string[] {
  if (!fs.existsSync(DIST)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const child = spawnSync(process.execPath, ['--expose-gc', '--trace-deopt-verbose', '-e', script(kernel)], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(child.status).toBe(0);
  const later = child.stdout.slice(child.stdout.indexOf('run 2\n'));
  return later.split('\n').filter((line) => /deoptimize at <.*numeric-profile\.js/.test(line)).map((line) => line.trim());
}

describe('the numeric check stays optimised across runs and collections', () => {
  jest.setTimeout(60_000);

  test('the @checkOutput range + NaN pass over a fresh 1M-row column', () => {
    expect(deoptimisedLater('numericProfile(column, { range: [0, 10_000] })')).toEqual([]);
  });
});
