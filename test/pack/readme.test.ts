/**
 * README.md's "Setting up a project", followed as a new user would: a fresh
 * project outside the repo made only of the snippets the README marks with
 * `<!-- readme-test: NAME -->` (read at test time, so the docs cannot drift
 * from what works): its package.json override, install lines, tsconfig.json,
 * headline example and jest config. Run as CommonJS, then switched to ES
 * modules as the README says, with the worker-thread executor and the CLI on
 * the ES-module output. Needs `npm run build` first (`npm test` does it) and
 * the npm registry or a warm npm cache.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { lockedVersion, repoRoot, run, runCapturing } from './project';

/** The code block after each `<!-- readme-test: NAME [file] -->` comment. */
function readmeSnippets(): Map<string, { file?: string; text: string }> {
  const readme = fs.readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const snippets = new Map<string, { file?: string; text: string }>();
  for (const [, name, file, text] of readme.matchAll(/<!-- readme-test: (\S+)(?: (\S+))? -->\n```\w*\n([\s\S]*?)\n```/g)) {
    snippets.set(name, { file, text });
  }
  return snippets;
}

function snippet(snippets: ReturnType<typeof readmeSnippets>, name: string): { file?: string; text: string } {
  const found = snippets.get(name);
  if (!found) throw new Error(`README.md has no code block marked <!-- readme-test: ${name} -->`);
  return found;
}

/**
 * The packages of the README's `npm i` lines, installable offline: hamilton-ts is the packed
 * tarball, and a package the README leaves unversioned gets the repo's locked version.
 */
function installSpecs(lines: string, tarball: string): string[] {
  return lines.split('\n').filter((line) => /^npm i /.test(line)).flatMap((line) => {
    const words = line.replace(/#.*/, '').trim().split(/\s+/).slice(2);
    return words.filter((w) => !w.startsWith('-')).map((spec) => {
      if (spec === 'hamilton-ts') return tarball;
      return /^@?[^@]+@/.test(spec) ? spec : `${spec}@${lockedVersion(spec)}`;
    });
  });
}

/** A test of the user's own, through the README's jest config: types as written reach the graph only through hamilton-ts/jest. */
const JEST_TEST = `
import { Builder, dataflow, type Column } from 'hamilton-ts';

@dataflow()
class Spend {
  doubled(spend: Column<number>): Column<number> {
    return spend.map((s) => s * 2);
  }
}

test('the transformer ran under jest', async () => {
  const dr = new Builder().withModules(Spend).build();
  expect(dr.listAvailableVariables().find((v) => v.name === 'doubled')?.type).toBe('Column<number>');
});
`;

/** ES-module sources beside the example: a relative import with its .js suffix, a node on a worker thread. */
const FEATURES = `
import { threadId } from 'node:worker_threads';
import { dataflow, tag, THREAD_TAG, type Column } from 'hamilton-ts';

@dataflow()
export class Features {
  @tag(THREAD_TAG)
  doubled(spend: Column<number>): number[] {
    return Array.from(spend, (s) => s * 2);
  }

  @tag(THREAD_TAG)
  ranOnThread(spend: Column<number>): number {
    return spend.length > 0 ? threadId : -1;
  }
}
`;
const THREADS = `
import { Builder, RecordResult, WorkerThreadExecutor } from 'hamilton-ts';
import { Features } from './features.js';

const dr = new Builder().withModules(Features).withExecutor(new WorkerThreadExecutor({ maxThreads: 1 }))
  .withResultBuilder(new RecordResult()).build();
const out = await dr.execute(['doubled', 'ranOnThread'], { inputs: { spend: [1, 2, 3] } });
await dr.close();
console.log(JSON.stringify(out));
`;

describe("the README's set-up in a fresh project", () => {
  let tmp: string;

  beforeAll(() => {
    if (!fs.existsSync(path.join(repoRoot, 'dist/index.js'))) {
      throw new Error('dist/ is missing: run `npm run build` (npm test does) before this test.');
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-ts-readme-'));
  });

  afterAll(() => {
    if (!tmp) return;
    if (process.env.HAMILTON_KEEP_PACK_DIR) console.log(`readme test left its project in ${tmp}`);
    else fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('installs, compiles with tspc, runs and tests, as CommonJS and as ES modules', () => {
    const snippets = readmeSnippets();
    // dist/ is built already: pack it as it is (pack.test.ts covers prepack).
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], repoRoot, 120_000));
    const tarball = path.join(tmp, packed[0].filename as string);

    // 1. package.json with the README's override, then its install lines (one npm run, from the cache).
    const app = path.join(tmp, 'app');
    fs.mkdirSync(path.join(app, 'src'), { recursive: true });
    const pkg = { name: 'readme-app', version: '1.0.0', private: true, ...JSON.parse(snippet(snippets, 'package.json').text) };
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(pkg, null, 2));
    const specs = [...installSpecs(snippet(snippets, 'install').text, tarball), ...installSpecs(snippet(snippets, 'install-jest').text, tarball)];
    expect(specs).toContain(tarball);
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...specs], app, 240_000);
    const installed = fs.readdirSync(path.join(app, 'node_modules'));
    for (const name of ['bullmq', 'ioredis', 'msgpackr', 'luxon']) expect(installed).not.toContain(name);

    // 2. The tsconfig.json and the headline example, as written; tspc; node.
    const tsconfig = snippet(snippets, 'tsconfig.json').text;
    fs.writeFileSync(path.join(app, 'tsconfig.json'), tsconfig);
    const example = snippet(snippets, 'example');
    expect(example.file).toBe('src/marketing.ts');
    fs.writeFileSync(path.join(app, example.file!), example.text);
    run('npx', ['tspc', '-p', '.'], app, 120_000);
    const runExample = () => {
      const { stdout, stderr } = runCapturing('node', ['dist/marketing.js'], app, 60_000);
      expect(stderr).toBe(''); // no HAMILTON_TS_NO_TRANSFORMER warning: the transformer ran
      // Arquero's print: a table of the four outputs, one row per spend value.
      const rows = stdout.split('\n').filter((line) => line.startsWith('│')).map((line) => line.split('│').map((c) => c.trim()).slice(1, -1));
      expect(rows[0]).toEqual(['(index)', 'spend', 'signups', 'acquisitionCost', 'spendZeroMean']);
      expect(rows).toHaveLength(7);
      expect(rows[4].slice(0, 3)).toEqual(['3', '40', '100']);
      expect(Number(rows[4][3])).toBeCloseTo(70 / 3 / 100, 12);
      expect(Number(rows[4][4])).toBeCloseTo(40 - 170 / 6, 12);
    };
    runExample();
    expect(fs.existsSync(path.join(app, 'src/marketing.js'))).toBe(false);

    // 3. The jest config, with "jest" added to tsconfig's types as the README says.
    fs.writeFileSync(path.join(app, 'jest.config.js'), snippet(snippets, 'jest.config.js').text);
    fs.writeFileSync(path.join(app, 'tsconfig.json'), tsconfig.replace('"types": ["node"]', '"types": ["node", "jest"]'));
    expect(fs.readFileSync(path.join(app, 'tsconfig.json'), 'utf8')).toContain('"jest"');
    fs.mkdirSync(path.join(app, 'test'));
    fs.writeFileSync(path.join(app, 'test/spend.test.ts'), JEST_TEST);
    const runJest = () => run('npx', ['jest', '--ci', '--cacheDirectory', path.join(tmp, 'jest-cache')], app, 180_000);
    runJest();

    // 4. ES modules: "type": "module", .js import suffixes, jest.config.cjs; rebuilt from scratch.
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ ...JSON.parse(fs.readFileSync(path.join(app, 'package.json'), 'utf8')), type: 'module' }, null, 2));
    fs.renameSync(path.join(app, 'jest.config.js'), path.join(app, 'jest.config.cjs'));
    fs.writeFileSync(path.join(app, 'src/features.ts'), FEATURES);
    fs.writeFileSync(path.join(app, 'src/threads.ts'), THREADS);
    fs.rmSync(path.join(app, 'dist'), { recursive: true });
    run('npx', ['tspc', '-p', '.'], app, 120_000);
    expect(fs.readFileSync(path.join(app, 'dist/marketing.js'), 'utf8')).toMatch(/^import .* from 'hamilton-ts';$/m);
    runExample();
    const threads = JSON.parse(run('node', ['dist/threads.js'], app, 60_000).trim().split('\n').pop()!);
    expect(threads.doubled).toEqual([2, 4, 6]);
    expect(threads.ranOnThread).toBeGreaterThan(0); // the main thread's id is 0
    fs.writeFileSync(path.join(app, 'spend.csv'), 'spend\n1\n2\n3\n');
    run('npx', ['hamilton-ts', 'run', '--module', 'dist/features.js', '--inputs', 'spend.csv', '--outputs', 'doubled', '--out', 'out.json'], app, 60_000);
    expect(JSON.parse(fs.readFileSync(path.join(app, 'out.json'), 'utf8'))).toEqual([{ doubled: 2 }, { doubled: 4 }, { doubled: 6 }]);
    runJest();
  }, 600_000);
});
