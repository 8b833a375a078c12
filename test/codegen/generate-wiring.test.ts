/**
 * `hamilton-ts generate` reports the compile-time wiring checks tspc reports
 * (README "Compile-time checks") for projects that build without the
 * transformer, as tsc prints diagnostics, and fails so `--check` fails CI too;
 * the same off-switches hold.
 */
import * as fs from 'fs';
import * as path from 'path';
import { generateCli, localProject, TSCONFIG } from './local-project';

const SPEND = `import { dataflow, type Column } from 'hamilton-ts';

@dataflow()
export class Spend {
  spendMean(spend: Column<number>): number {
    return spend[0];
  }
}
`;

const DRIVER = (ignore: string) => `import { Builder, dataflow, type Column } from 'hamilton-ts';
import { Spend } from './spend.js';

@dataflow()
export class Centred {
  centred(spend: Column<number>, spendMean: Column<number>): Column<number> {
    return spend.map((s, i) => s - spendMean[i]);
  }
}
${ignore}
export const dr = new Builder().withModules(Spend, Centred).build();
`;

// At the module in withModules (line 11, column 52); the places inside the message are relative to the rootDir, as under tspc.
const MISMATCH = "src/driver.ts(11,52): error TS91009: Centred.centred (driver.ts:6): parameter 'spendMean' expects Column<number>, "
  + "but node 'spendMean' of Spend (spend.ts:5) returns number.\n";

describe('hamilton-ts generate reports the wiring checks', () => {
  const dirs: string[] = [];
  const project = (ignore = '', tsconfig: object = TSCONFIG) => {
    const dir = localProject({ 'src/spend.ts': SPEND, 'src/driver.ts': DRIVER(ignore) }, tsconfig);
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a cross-class type mismatch is printed with file, line, column and code; generate and --check exit 1', () => {
    const dir = project();
    const generated = generateCli(dir);
    expect(generated.status).toBe(1);
    expect(generated.stderr).toBe(`${MISMATCH}hamilton-ts generate: found 1 wiring diagnostic (README "Compile-time checks": \`// hamilton-ts-ignore\` turns one off)\n`);
    // The module is written all the same (as tsc emits despite errors), so --check fails on the wiring alone.
    expect(fs.existsSync(path.join(dir, 'src/hamilton.generated.ts'))).toBe(true);
    const checked = generateCli(dir, ['--check']);
    expect(checked.status).toBe(1);
    expect(checked.stdout).toContain('are up to date');
    expect(checked.stderr).toContain(MISMATCH);
  });

  test('// hamilton-ts-ignore on the line above turns it off', () => {
    expect(generateCli(project('// hamilton-ts-ignore 91009'))).toEqual({ status: 0, stdout: expect.stringContaining('wrote src/hamilton.generated.ts'), stderr: '' });
  });

  test('the tsconfig\'s plugin entry turns them off as under tspc: "ignore" a code, or "checkWiring": false', () => {
    const withPlugin = (entry: object) => ({ ...TSCONFIG, compilerOptions: { ...TSCONFIG.compilerOptions, plugins: [{ transform: 'hamilton-ts/transformer', ...entry }] } });
    expect(generateCli(project('', withPlugin({ ignore: [91009] }))).status).toBe(0);
    expect(generateCli(project('', withPlugin({ checkWiring: false }))).status).toBe(0);
    // Another code ignored leaves this one reported.
    expect(generateCli(project('', withPlugin({ ignore: [91011] }))).stderr).toContain(MISMATCH);
  });
});
