/**
 * `hamilton-ts generate` on a project compiled without the transformer (plain
 * tsc): the generated module gives it the listing, the values and the type
 * errors a tspc build has; --check and the runtime notice when it is stale.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fixtureSources, parseProbe, type Probe } from './fixture-files';
import { compile, generateCli, localProject, node, TSCONFIG, writeFiles } from './local-project';

describe('hamilton-ts generate', () => {
  const dirs: string[] = [];
  let baseline: Probe;
  let project: string;

  beforeAll(() => {
    const tspc = localProject({ ...fixtureSources(), 'src/hamilton.generated.ts': 'export {};\n' });
    dirs.push(tspc);
    compile(tspc, { transformer: true });
    const ran = node(tspc, ['dist/main.js']);
    expect(ran.stderr).toBe('');
    baseline = parseProbe(ran.stdout);
    project = localProject(fixtureSources());
    dirs.push(project);
  }, 120_000);

  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the tspc baseline knows types, docs and sources, and reports the type errors', () => {
    expect(baseline.variables.find((v) => v.name === 'spendMean')).toEqual(expect.objectContaining({
      type: 'number', doc: 'The mean of the whole spend column.', source: { file: 'src/features.ts', line: 21 },
    }));
    expect(baseline.errors.build).toMatch(/^TypeMismatchError: .*summary.*spendMean.*string/s);
    expect(baseline.errors.input).toMatch(/^InputTypeError: /);
    expect(baseline.modulePath).toBe('dist/features.js');
  });

  test('a plain tsc build with the generated module lists, runs and type-checks as the tspc build does', () => {
    const generated = generateCli(project);
    expect(generated).toEqual({ status: 0, stdout: 'hamilton-ts generate: wrote src/hamilton.generated.ts and src/hamilton.generated.types.d.ts (2 dataflow classes)\n', stderr: '' });
    const text = fs.readFileSync(path.join(project, 'src/hamilton.generated.ts'), 'utf8');
    expect(text).toContain("import { Spend } from './features.js';");
    expect(text).toContain("import Report from './report.js';");
    // The private helper is listed as no node, so a method added later is told from it.
    expect(text).toContain('otherMethods: ["helper"]');
    compile(project);
    const ran = node(project, ['dist/main.js']);
    expect(ran.stderr).toBe('');
    expect(parseProbe(ran.stdout)).toEqual(baseline);
  });

  test('--check passes on the module just written and fails, naming the fix, once a class changed', () => {
    expect(generateCli(project, ['--check'])).toEqual({ status: 0, stdout: 'hamilton-ts generate: src/hamilton.generated.ts and src/hamilton.generated.types.d.ts (2 dataflow classes) are up to date\n', stderr: '' });
    const features = path.join(project, 'src/features.ts');
    const original = fs.readFileSync(features, 'utf8');
    fs.writeFileSync(features, original.replace('spendMean(spend: Column<number>): number {', 'spendMean(spend: Column<number>, signups: Column<number>): number {'));
    expect(generateCli(project, ['--check'])).toEqual({
      status: 1, stdout: '',
      stderr: 'hamilton-ts generate: src/hamilton.generated.ts and src/hamilton.generated.types.d.ts (2 dataflow classes): '
        + 'src/hamilton.generated.ts is out of date: run `npx hamilton-ts generate` and commit them\n',
    });
    fs.writeFileSync(features, original);
    expect(generateCli(project).status).toBe(0);
  });

  test('the runtime refuses a class whose parameters or methods changed since generating, and says to regenerate', () => {
    const features = path.join(project, 'src/features.ts');
    const original = fs.readFileSync(features, 'utf8');
    try {
      fs.writeFileSync(features, original.replace('spendMean(spend: Column<number>): number {', 'spendMean(spend: Column<number>, signups: Column<number>): number {'));
      compile(project);
      expect(node(project, ['dist/main.js']).stderr).toBe(
        'GeneratedMetadataOutOfDateError: Spend.spendMean (src/features.ts:21): takes (spend, signups), but its generated entry says (spend); '
        + 'its generated metadata is out of date: run `npx hamilton-ts generate` again (or check it in CI with `hamilton-ts generate --check`).\n');
      fs.writeFileSync(features, original.replace('  private helper(', '  extra(): number {\n    return 1;\n  }\n\n  private helper('));
      compile(project);
      expect(node(project, ['dist/main.js']).stderr).toMatch(/^GeneratedMetadataOutOfDateError: Spend\.extra \(src\/features\.ts:\d+\): is a method its generated entry does not have; /);
    } finally {
      fs.writeFileSync(features, original);
    }
  });

  test('without the generated module, the same build falls back to recovered names (requireTransformer refuses it)', () => {
    const bare = localProject({ ...fixtureSources(), 'src/hamilton.generated.ts': 'export {};\n' });
    dirs.push(bare);
    compile(bare);
    expect(node(bare, ['dist/main.js']).stderr).toMatch(/^ModuleDefinitionError: Spend: Spend was compiled without the hamilton-ts transformer/);
  });

  test('an unexported class is named in a comment; a bad tsconfig is an error naming it', () => {
    const dir = localProject({
      'src/hidden.ts': "import { dataflow } from 'hamilton-ts';\n@dataflow()\nclass Hidden {\n  a(): number {\n    return 1;\n  }\n}\nexport const make = () => new Hidden();\n",
    });
    dirs.push(dir);
    expect(generateCli(dir, ['--out', 'gen/meta.ts']).status).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'gen/meta.ts'), 'utf8');
    expect(text).toContain('//   Hidden (../src/hidden.ts:3)');
    expect(text).not.toContain('registerGeneratedMetadata(Hidden');
    writeFiles(dir, { 'broken.json': '{ "compilerOptions": { "module": "nope" } }' });
    const broken = generateCli(dir, ['-p', 'broken.json']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^error: broken\.json: .*module/);
    expect(generateCli(dir, ['-p', 'missing.json']).stderr).toMatch(/^error: cannot find missing\.json: pass the project's tsconfig\.json with -p/);
  });

  test('TypeScript\'s standard (TC39) decorators, without experimentalDecorators, give the same listing, values and errors', () => {
    const { experimentalDecorators: _legacy, ...standard } = TSCONFIG.compilerOptions;
    const dir = localProject(fixtureSources(), { ...TSCONFIG, compilerOptions: standard });
    dirs.push(dir);
    expect(generateCli(dir).status).toBe(0);
    compile(dir);
    // Compiled as standard decorators: TypeScript's __esDecorate helper calls them with a context.
    expect(fs.readFileSync(path.join(dir, 'dist/features.js'), 'utf8')).toContain('__esDecorate');
    const ran = node(dir, ['dist/main.js']);
    expect(ran.stderr).toBe('');
    expect(parseProbe(ran.stdout)).toEqual(baseline);
  });
});
