import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, ROOT, STACK_LINE } from './run-cli';

const MODULE = ['--module', 'dist/examples/quality/features.js'];
const GOOD = ['--inputs', 'examples/quality/data/iris.csv'];
const BAD = ['--inputs', 'examples/quality/data/iris-bad.csv'];
const ALL = ['--outputs', 'speciesName,petalArea,sepalRatio,petalToSepal,speciesCounts'];

// Each test starts Node once or twice, about a second apiece on a busy machine.
jest.setTimeout(30_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-cli-'));
fs.writeFileSync(path.join(tmp, 'flow.ts'), 'export class Flow { total(spend: number[]): number { return 0; } }\n');
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('hamilton-ts check on the quality example', () => {
  test('the iris data passes every check: exit 0 and a report of all of them', async () => {
    const { status, stdout, stderr } = await cli(['check', ...MODULE, ...GOOD, ...ALL]);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    for (const node of ['speciesName', 'petalArea', 'sepalRatio', 'petalToSepal', 'speciesCounts']) expect(stdout).toContain(node);
    expect(stdout).toContain('balancedClasses');
    expect(stdout).toContain('9 checks: 9 passed, 0 failed (fail), 0 failed (warn)');
    expect(stdout).not.toContain('FAIL');
  });

  test('the bad file fails: exit 1, and the report names each failed check with its figures', async () => {
    const { status, stdout, stderr } = await cli(['check', ...MODULE, ...BAD, ...ALL]);
    expect(status).toBe(1);
    expect(stdout).toMatch(/speciesName\s+│ values\s+│ fail\s+│ FAIL/);
    expect(stdout).toMatch(/petalArea\s+│ range\s+│ fail\s+│ FAIL/);
    expect(stdout).toMatch(/sepalRatio\s+│ maxNaNFraction\s+│ warn\s+│ FAIL/);
    // The figures: which values, in which rows (the negative length is row 10, the NaN width row 127).
    expect(stdout).toContain('notAllowed=["germanica"] firstRows=[153]');
    expect(stdout).toContain('outOfRange=1 nan=1 count=154 min=-0.3 max=15.87 firstRows=[10] firstValues=[-0.3] firstNaNRows=[127]');
    expect(stdout).toContain('missing=1 count=154 firstRows=[63]');
    expect(stderr).toMatch(/data quality failed at '\w+'/);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('a failed warn check is reported, but the exit code stays 0', async () => {
    const { status, stdout } = await cli(['check', ...MODULE, ...BAD, '--outputs', 'sepalRatio']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/maxNaNFraction\s+│ warn\s+│ FAIL/);
    expect(stdout).toContain('2 checks: 1 passed, 0 failed (fail), 1 failed (warn)');
  });

  test('--format json prints only JSON, with every figure', async () => {
    const good = await cli(['check', ...MODULE, ...GOOD, ...ALL, '--format', 'json']);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, summary: '9 checks: 9 passed, 0 failed (fail), 0 failed (warn)' });
    const bad = await cli(['check', ...MODULE, ...BAD, ...ALL, '--format', 'json']);
    expect(bad.status).toBe(1);
    const report = JSON.parse(bad.stdout);
    expect(report.ok).toBe(false);
    const range = report.results.find((r: { node: string; check: string }) => r.node === 'petalArea' && r.check === 'range');
    expect(range).toMatchObject({ passed: false, importance: 'fail', figures: { outOfRange: 1, nan: 1, firstRows: [10] } });
  });

  test('--format markdown, and --report-file in the format its extension names', async () => {
    const file = path.join(tmp, 'report.json');
    const { status, stdout } = await cli(['check', ...MODULE, ...GOOD, ...ALL, '--format', 'markdown', '--report-file', file]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^\*\*Data quality:\*\* 9 checks/);
    expect(stdout).toContain('| node | check | importance | result | details |');
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).results).toHaveLength(9);
  });
});

describe('hamilton-ts run', () => {
  test('prints the result as a table, the first --limit rows', async () => {
    const { status, stdout } = await cli(['run', ...MODULE, ...GOOD, '--outputs', 'speciesName,petalArea', '--limit', '3']);
    expect(status).toBe(0);
    expect(stdout.split('\n').slice(0, 3)).toEqual(['|speciesName|petalArea|', '|:-|-:|', '|setosa|0.280000|']);
    expect(stdout).toContain('147 more rows (150 in all)');
  });

  test('--out writes a CSV with the requested columns', async () => {
    const file = path.join(tmp, 'features.csv');
    const { status, stdout } = await cli(['run', ...MODULE, ...GOOD, '--outputs', 'speciesName,petalArea,sepalRatio', '--out', file]);
    expect(status).toBe(0);
    expect(stdout).toContain('wrote 150 rows × 3 columns');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('speciesName,petalArea,sepalRatio');
    expect(lines).toHaveLength(151);
  });

  test('--out writes JSON rows; a table output gives its own columns', async () => {
    const file = path.join(tmp, 'counts.json');
    expect((await cli(['run', ...MODULE, ...GOOD, '--outputs', 'speciesCounts', '--out', file])).status).toBe(0);
    const rows = JSON.parse(fs.readFileSync(file, 'utf8'));
    expect(rows).toHaveLength(3);
    expect(Object.keys(rows[0])).toEqual(['species', 'flowers', 'meanPetalArea']);
    expect(rows.map((r: { flowers: number }) => r.flowers)).toEqual([50, 50, 50]);
  });

  test('an Arrow output reads back as an input', async () => {
    const file = path.join(tmp, 'lengths.arrow');
    const lengths = ['--module', 'dist/examples/quality/features.js', '--outputs', 'petalArea'];
    expect((await cli(['run', ...lengths, ...GOOD, '--out', file])).status).toBe(0);
    // The file's one column, petalArea, is a node's name: an input may not stand in for it.
    const { status, stderr } = await cli(['run', ...lengths, '--inputs', file]);
    expect(status).toBe(2);
    expect(stderr).toContain("inputs may only provide values no node computes, but these are nodes: 'petalArea'");
  });

  test('a failed fail check stops the run: exit 1, with the failures and where to see them all', async () => {
    const { status, stdout, stderr } = await cli(['run', ...MODULE, ...BAD, '--outputs', 'petalArea']);
    expect(status).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain("error: data-quality checks failed on 'petalArea'");
    expect(stderr).toContain("Run 'hamilton-ts check' with the same options");
    expect(stderr).not.toMatch(STACK_LINE);
  });
});

describe('config on the command line', () => {
  // A module compiled without the transformer: parameter names come from the source.
  const module = path.join(tmp, 'echo.js');
  fs.writeFileSync(module, `
    const { dataflow } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
    class Echo { described(window, strict, label) { return [typeof window, window, typeof strict, strict, label].join(' '); } }
    dataflow()(Echo);
    module.exports = { Echo };
  `);

  test('--config values are numbers, booleans or strings, and win over --config-file', async () => {
    const configFile = path.join(tmp, 'config.json');
    fs.writeFileSync(configFile, JSON.stringify({ window: 5, label: 'from the file', strict: false }));
    const out = path.join(tmp, 'echo.json');
    const { status } = await cli(['run', '--module', module, '--outputs', 'described', '--config-file', configFile, '--config', 'window=3', '--config', 'strict=true', '--out', out]);
    expect(status).toBe(0);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual([{ described: 'number 3 boolean true from the file' }]);
  });
});

describe('mistakes give exit 2, a clear message and a usage hint, never a stack trace', () => {
  test.each([
    ['a missing --module', ['run', ...GOOD, ...ALL], "error: required option '--module <file>' not specified", 'run'],
    ['a module that does not exist', ['check', '--module', 'dist/nope.js', ...ALL], "cannot load module 'dist/nope.js': no such file", 'check'],
    ['a TypeScript module', ['run', '--module', 'examples/quality/features.ts', ...ALL],
      "module 'examples/quality/features.ts' is TypeScript source: pass the module compiled to .js by tspc with the hamilton-ts transformer; here that is 'dist/examples/quality/features.js'", 'run'],
    ['a TypeScript module not compiled yet', ['check', '--module', path.join(tmp, 'flow.ts'), ...ALL],
      `module '${path.join(tmp, 'flow.ts')}' is TypeScript source: pass the module compiled to .js by tspc with the hamilton-ts transformer; it is not built yet (tspc would write '${path.join(tmp, 'flow.js')}')`, 'check'],
    ['a module without dataflow classes', ['run', '--module', 'dist/runtime/values/column-math.js', ...ALL], 'exports no @dataflow() class', 'run'],
    ['an unknown --class', ['run', ...MODULE, '--class', 'Iris', ...GOOD, ...ALL], "no @dataflow() class 'Iris' in dist/examples/quality/features.js; there is 'IrisFeatures'", 'run'],
    ['an input file that does not exist', ['check', ...MODULE, '--inputs', 'nope.csv', ...ALL], "cannot read input file 'nope.csv': no such file", 'check'],
    ['an input file of an unknown kind', ['run', ...MODULE, '--inputs', 'README.md', ...ALL], "input file 'README.md' has the unknown extension '.md'", 'run'],
    ['an unknown output name', ['run', ...MODULE, ...GOOD, '--outputs', 'petalAera'], "'petalAera' (did you mean 'petalArea'?)", 'run'],
    ['a --config entry without =', ['run', ...MODULE, ...GOOD, ...ALL, '--config', 'window'], "expected key=value (e.g. window=3), got 'window'", 'run'],
    ['missing inputs', ['check', ...MODULE, ...ALL], 'On the command line: columns of an --inputs file, or --config name=value.', 'check'],
    ['an unknown --format', ['check', ...MODULE, ...GOOD, ...ALL, '--format', 'yaml'], 'Allowed choices are table, json, markdown', 'check'],
    ['an --out file of an unknown kind', ['run', ...MODULE, ...GOOD, ...ALL, '--out', 'result.xlsx'], "output file 'result.xlsx' has the unknown extension '.xlsx'", 'run'],
  ])('%s', async (_, args, message, command) => {
    const { status, stdout, stderr } = await cli(args);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr).toContain(`Run 'hamilton-ts ${command} --help' for usage.`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('an unknown command points to the top-level help', async () => {
    const { status, stderr } = await cli(['frobnicate']);
    expect(status).toBe(2);
    expect(stderr).toContain("Run 'hamilton-ts --help' for usage.");
  });

  test('a node that throws: its message, and its stack only with HAMILTON_TS_DEBUG=1', async () => {
    const module = path.join(tmp, 'boom.js');
    fs.writeFileSync(module, `
      const { dataflow } = require(${JSON.stringify(path.join(ROOT, 'dist/index.js'))});
      class Boom { boom(x) { throw new Error('kaboom'); } }
      dataflow()(Boom);
      module.exports = { Boom };
    `);
    const args = ['run', '--module', module, '--outputs', 'boom', '--config', 'x=1'];
    const quiet = await cli(args);
    expect(quiet.status).toBe(2);
    expect(quiet.stderr).toContain('failed: Error: kaboom');
    expect(quiet.stderr).toContain('Set HAMILTON_TS_DEBUG=1');
    expect(quiet.stderr).not.toMatch(STACK_LINE);
    const debug = await cli(args, { HAMILTON_TS_DEBUG: '1' });
    expect(debug.status).toBe(2);
    expect(debug.stderr).toMatch(/caused by: Error: kaboom\n\s+at Boom.boom/);
  });
});
