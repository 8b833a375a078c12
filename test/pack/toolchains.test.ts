/**
 * The toolchains that run no transformer, each a fresh project outside the
 * repo with the packed hamilton-ts installed from npm's cache (one install,
 * shared): TypeScript 7 (`tsgo`) and tsx after `hamilton-ts generate`, an
 * esbuild bundle, minified, and vitest with the `hamilton-ts/unplugin`
 * plugin and no separate step. The tsx project uses TypeScript's standard
 * (TC39) decorators. Each must list, run and type-check the fixture
 * (test/codegen/fixture) as the tspc transformer build does.
 * Needs `npm run build` first (npm test does) and a warm npm cache.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { fixtureSources, parseProbe, type Probe } from '../codegen/fixture-files';
import { compile, localProject, node, TSCONFIG, writeFiles } from '../codegen/local-project';
import { lockedVersion, repoRoot, run } from './project';

const TOOLS = ['arquero', '@types/node', 'tsx', 'esbuild', '@typescript/native-preview', 'vitest', 'vite', 'unplugin'];

describe('toolchains without the transformer, in fresh projects', () => {
  let tmp: string;
  let app: string;
  let baseline: Probe;
  const bin = (name: string) => path.join(app, 'node_modules/.bin', name);

  /** A toolchain's project inside the shared install: the fixture's sources and its tsconfig. */
  const project = (name: string, files: Record<string, string> = {}, tsconfig: object = TSCONFIG): string => {
    const dir = path.join(app, name);
    writeFiles(dir, { ...fixtureSources(), 'tsconfig.json': JSON.stringify(tsconfig, null, 2), ...files });
    return dir;
  };

  beforeAll(() => {
    if (!fs.existsSync(path.join(repoRoot, 'dist/runtime/codegen/unplugin/index.js'))) throw new Error('dist/ is missing: run `npm run build` first.');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-ts-toolchains-'));
    // The baseline: the same sources compiled as tspc compiles them, with the transformer.
    const tspc = localProject({ ...fixtureSources(), 'src/hamilton.generated.ts': 'export {};\n' });
    try {
      compile(tspc, { transformer: true });
      baseline = parseProbe(run('node', ['dist/main.js'], tspc, 60_000));
    } finally {
      fs.rmSync(tspc, { recursive: true, force: true });
    }
    // The package as published, from the built dist/ (pack.test.ts checks the tarball itself).
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', tmp], repoRoot, 120_000).replace(/^[^[]*/, ''));
    app = path.join(tmp, 'app');
    writeFiles(app, { 'package.json': JSON.stringify({ name: 'toolchains', private: true, overrides: { '@uwdata/flechette': '2.6.0' } }) });
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', path.join(tmp, packed[0].filename),
      ...TOOLS.map((name) => `${name}@${lockedVersion(name)}`)], app, 300_000);
  }, 600_000);

  afterAll(() => {
    if (tmp && !process.env.HAMILTON_KEEP_PACK_DIR) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test('TypeScript 7 (tsgo) after `hamilton-ts generate`', () => {
    const dir = project('tsgo');
    expect(run(bin('tsgo'), ['--version'], dir, 60_000)).toMatch(/^Version 7\./);
    run(bin('hamilton-ts'), ['generate'], dir, 120_000);
    run(bin('tsgo'), ['-p', '.'], dir, 120_000);
    expect(parseProbe(run('node', ['dist/main.js'], dir, 60_000))).toEqual(baseline);
    expect(run(bin('hamilton-ts'), ['generate', '--check'], dir, 120_000)).toContain('are up to date');
  }, 300_000);

  test('tsx after `hamilton-ts generate`, with standard (TC39) decorators', () => {
    const { experimentalDecorators: _legacy, ...standard } = TSCONFIG.compilerOptions;
    const dir = project('tsx', {}, { ...TSCONFIG, compilerOptions: standard });
    run(bin('hamilton-ts'), ['generate'], dir, 120_000);
    // tsx runs the sources: the module path workers would load is the .ts file.
    expect(parseProbe(run(bin('tsx'), ['src/main.ts'], dir, 60_000))).toEqual({ ...baseline, modulePath: 'src/features.ts' });
  }, 300_000);

  test('an esbuild bundle, minified: names survive through the generated module', () => {
    const dir = project('esbuild');
    run(bin('hamilton-ts'), ['generate'], dir, 120_000);
    run(bin('esbuild'), ['src/main.ts', '--bundle', '--minify', '--platform=node', '--packages=external', '--outfile=bundle/main.js'], dir, 60_000);
    const bundle = fs.readFileSync(path.join(dir, 'bundle/main.js'), 'utf8');
    // Minified: the parameter and class names are gone from the code (they live on in the metadata's strings).
    expect(bundle).not.toMatch(/spendMean\(spend\)|class Spend\b/);
    expect(parseProbe(run('node', ['bundle/main.js'], dir, 60_000))).toEqual({ ...baseline, modulePath: 'bundle/features.js' });
  }, 300_000);

  test('vitest with `plugins: [hamiltonTs.vite()]` and no generate step', () => {
    const dir = project('vitest', {
      // The plugin is the only source of metadata here.
      'src/hamilton.generated.ts': 'export {};\n',
      'vitest.config.mts': "import { defineConfig } from 'vitest/config';\nimport hamiltonTs from 'hamilton-ts/unplugin';\n\nexport default defineConfig({ plugins: [hamiltonTs.vite()] });\n",
      'test/probe.test.ts': "import * as fs from 'fs';\nimport { expect, test } from 'vitest';\nimport { probe } from '../src/probe.js';\n\n"
        + "test('probe', async () => {\n  const result = await probe();\n  fs.writeFileSync('probe.json', JSON.stringify(result));\n  expect(result).toBeTruthy();\n});\n",
    });
    run(bin('vitest'), ['run'], dir, 180_000);
    const probed = JSON.parse(fs.readFileSync(path.join(dir, 'probe.json'), 'utf8')) as Probe;
    expect(probed).toEqual({ ...baseline, modulePath: 'src/features.ts' });
  }, 300_000);
});
