/**
 * The published package, as a user gets it: `npm pack` a fresh copy of the
 * repo (no dist/: its prepack script builds it), install the tarball into a
 * fresh project outside the repo (test/pack/fixture), compile it with `tspc`
 * and the `hamilton-ts/transformer` plugin, run it, and run its own jest suite
 * through `hamilton-ts/jest`. Needs `npm run build` first (`npm test` does it)
 * and the npm registry or a warm npm cache.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cleanEnv, freshCopy, lockedVersion, repoRoot, run } from './project';

const fixtureDir = path.join(__dirname, 'fixture');

interface RunOutput {
  columnNames: string[];
  table: Record<string, (number | null)[]>;
  spendMean: number;
  avg3wkSpend: (number | null)[];
  matrix: { columnNames: string[]; rows: number[][] };
  variables: { name: string; type: string; doc: string; isExternalInput: boolean; dependencies: string[] }[];
}

function expectNumbers(actual: (number | null)[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  expected.forEach((e, i) => {
    // JSON turns NaN into null.
    if (Number.isNaN(e)) expect(actual[i]).toBeNull();
    else expect(actual[i]).toBeCloseTo(e, 10);
  });
}

const spend = [10, 10, 20, 40, 40, 50];
const signups = [1, 10, 50, 100, 200, 400];
const avg3wkSpend = [NaN, NaN, 40 / 3, 70 / 3, 100 / 3, 130 / 3];
const acquisitionCost = avg3wkSpend.map((a, i) => a / signups[i]);
const spendMean = 170 / 6;
const spendZeroMean = spend.map((s) => s - spendMean);

describe('the npm pack tarball in a fresh project', () => {
  let tmp: string;

  beforeAll(() => {
    if (!fs.existsSync(path.join(repoRoot, 'dist/transformer/jest.js')) || !fs.existsSync(path.join(repoRoot, 'dist/index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test.');
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-ts-pack-'));
  });

  afterAll(() => {
    if (!tmp) return;
    if (process.env.HAMILTON_KEEP_PACK_DIR) console.log(`pack test left its project in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('packs, installs, compiles with tspc, runs, and passes its own jest suite', () => {
    // 1. The tarball holds what users need, and only that. Packed from a fresh copy: prepack builds dist/.
    const clone = freshCopy(path.join(tmp, 'clone'));
    expect(fs.existsSync(path.join(clone, 'dist'))).toBe(false);
    const packed = JSON.parse(run('npm', ['pack', '--json', '--pack-destination', tmp], clone, 180_000).replace(/^[^[]*/, ''));
    const { filename, files } = packed[0] as { filename: string; files: { path: string }[] };
    const paths = files.map((f) => f.path).sort();
    for (const entry of ['index', 'transformer/index', 'transformer/jest', 'runtime/executors/distributed/index']) {
      expect(paths).toContain(`dist/${entry}.js`);
      expect(paths).toContain(`dist/${entry}.d.ts`);
      expect(paths).toContain(`dist/${entry}.d.ts.map`);
    }
    expect(paths).toContain('dist/runtime/cli/main.js');
    expect(paths).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE']));
    const unexpected = paths.filter((p) => !/^(package\.json|README\.md|LICENSE|(dist\/)?index\.[^/]+|(dist\/)?(runtime|decorators|transformer)\/.+)$/.test(p));
    expect(unexpected).toEqual([]);
    // Declaration maps point into the shipped sources, so go-to-definition lands in the .ts source.
    expect(paths.filter((p) => /\.js\.map$/.test(p) || /(^|\/)tsconfig\.json$/.test(p))).toEqual([]);
    const maps = paths.filter((p) => p.endsWith('.d.ts.map'));
    expect(maps.length).toBe(paths.filter((p) => p.endsWith('.d.ts')).length);
    for (const map of maps) {
      for (const source of JSON.parse(fs.readFileSync(path.join(clone, map), 'utf8')).sources as string[]) {
        expect(paths).toContain(path.posix.join(path.posix.dirname(map), source));
      }
    }

    // 2. A fresh project outside the repo, with the tarball and its tools: one install.
    const app = path.join(tmp, 'app');
    fs.cpSync(fixtureDir, app, { recursive: true });
    // The user's dataflow is the repo's own marketing example, compiled there as a user would.
    fs.copyFileSync(path.join(__dirname, '../../examples/marketing/features.ts'), path.join(app, 'src/features.ts'));
    const pinned = ['arquero', 'typescript', 'ts-patch', 'jest', 'ts-jest', '@types/jest', '@types/node'];
    run('npm', [
      'install', '--prefer-offline', '--no-audit', '--no-fund',
      path.join(tmp, filename), ...pinned.map((name) => `${name}@${lockedVersion(name)}`),
    ], app, 180_000);
    expect(fs.existsSync(path.join(app, 'node_modules/hamilton-ts/package.json'))).toBe(true);

    // The installed entry points load; hamilton-ts/jest finds the package's package.json.
    const entries = JSON.parse(run('node', ['-e', `
      const jest = require('hamilton-ts/jest');
      console.log(JSON.stringify({
        jest: [jest.name, jest.version, typeof jest.factory],
        transformer: typeof require('hamilton-ts/transformer').default,
        main: typeof require('hamilton-ts').Builder,
      }));`], app, 60_000));
    expect(entries).toEqual({
      jest: ['hamilton-ts', expect.stringMatching(/^0\.1\.0-m\d+$/), 'function'],
      transformer: 'function',
      main: 'function',
    });

    // The distributed engine's packages are optional peers: not installed, and asked for by name.
    for (const name of ['bullmq', 'ioredis', 'msgpackr', 'luxon']) expect(fs.existsSync(path.join(app, 'node_modules', name))).toBe(false);
    const install = 'Install them: npm i bullmq@^6.7.0 ioredis@^5.11.1';
    const distributed = run('node', ['-e', `
      try { require('hamilton-ts/distributed'); } catch (e) { console.log(e.name + ': ' + e.message); }`], app, 60_000);
    expect(distributed).toContain(`MissingPeerDependencyError: hamilton-ts/distributed (BullMQExecutor, \`hamilton-ts worker\`) needs bullmq and ioredis, optional peer dependencies of hamilton-ts that are not installed. ${install}`);
    const worker = spawnSync('npx', ['hamilton-ts', 'worker', '--redis', 'redis://127.0.0.1:1', '--queue', 'q'], { cwd: app, env: cleanEnv(), encoding: 'utf8', timeout: 60_000 });
    expect({ status: worker.status, stderr: worker.stderr }).toEqual({ status: 2, stderr: expect.stringContaining(install) });

    // 3. tspc with `hamilton-ts/transformer` in tsconfig's plugins, then the compiled dataflow.
    run('npx', ['tspc', '-p', '.'], app, 120_000);
    const out = JSON.parse(run('node', ['dist/run.js'], app, 60_000).trim().split('\n').pop()!) as RunOutput;
    expect(out.columnNames).toEqual(['spend', 'signups', 'avg3wkSpend', 'acquisitionCost', 'spendZeroMean']);
    expectNumbers(out.table.spend, spend);
    expectNumbers(out.table.signups, signups);
    expectNumbers(out.table.avg3wkSpend, avg3wkSpend);
    expectNumbers(out.table.acquisitionCost, acquisitionCost);
    expectNumbers(out.table.spendZeroMean, spendZeroMean);
    expect(out.spendMean).toBeCloseTo(spendMean, 10);
    expectNumbers(out.avg3wkSpend, avg3wkSpend);
    expect(out.matrix.columnNames).toEqual(['spend', 'spendZeroMean']);
    out.matrix.rows.forEach((row, i) => expectNumbers(row, [spend[i], spendZeroMean[i]]));
    // What only the transformer knows: types as written, JSDoc, dependencies.
    expect(out.variables).toEqual([
      { name: 'acquisitionCost', type: 'Column<number>', doc: 'The cost per signup in relation to a rolling average of spend.', isExternalInput: false, dependencies: ['acquisitionCost.raw', 'acquisitionCost.check'] },
      { name: 'acquisitionCost.check', type: 'CheckResult[]', doc: 'Data-quality checks on acquisitionCost: values within [0, 10000] (NaN allowed).', isExternalInput: false, dependencies: ['acquisitionCost.raw'] },
      { name: 'acquisitionCost.raw', type: 'Column<number>', doc: 'The cost per signup in relation to a rolling average of spend.', isExternalInput: false, dependencies: ['avg3wkSpend', 'signups'] },
      { name: 'avg3wkSpend', type: 'Column<number>', doc: 'Rolling 3 week average spend.', isExternalInput: false, dependencies: ['spend'] },
      { name: 'signups', type: 'Column<number>', doc: '', isExternalInput: true, dependencies: [] },
      { name: 'spend', type: 'Column<number>', doc: '', isExternalInput: true, dependencies: [] },
      { name: 'spendMean', type: 'number', doc: 'A scalar: the mean of the whole spend column.', isExternalInput: false, dependencies: ['spend'] },
      { name: 'spendZeroMean', type: 'Column<number>', doc: 'Takes a scalar: spend with its mean removed.', isExternalInput: false, dependencies: ['spend', 'spendMean'] },
      { name: 'spendZeroMeanUnitVariance', type: 'Column<number>', doc: 'Spend scaled to unit sample standard deviation around its mean.', isExternalInput: false, dependencies: ['spendZeroMean', 'spend'] },
    ]);

    // 4. The project's own jest suite, through ts-jest and `hamilton-ts/jest`.
    const results = path.join(tmp, 'jest-results.json');
    run('npx', ['jest', '--ci', '--cacheDirectory', path.join(tmp, 'jest-cache'), '--json', '--outputFile', results], app, 180_000);
    const report = JSON.parse(fs.readFileSync(results, 'utf8'));
    expect({ success: report.success, passed: report.numPassedTests, failed: report.numFailedTests }).toEqual({ success: true, passed: 3, failed: 0 });
  }, 420_000);
});
