import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { DIAGNOSTIC_CODES as CODES } from '../../transformer/wiring-diagnostics';

const repo = path.resolve(__dirname, '../..');

/**
 * A broken user project compiled by the real `tspc` with the built plugin
 * (dist/, as `npm run build` leaves it) against hamilton-ts's declarations:
 * the diagnostics as a user sees them, `file(line,col): error TS<code>`.
 */
function tspc(files: Record<string, string>, plugin: Record<string, unknown> = {}): { file: string; line: number; code: number }[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-tspc-'));
  try {
    fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'es2022', module: 'commonjs', moduleResolution: 'node10', strict: true, experimentalDecorators: true,
        skipLibCheck: true, outDir: 'out', types: [], baseUrl: '.',
        paths: { 'hamilton-ts': [path.join(repo, 'dist/index.d.ts')], '*': [path.join(repo, 'node_modules/*')] },
        plugins: [{ transform: path.join(repo, 'dist/transformer/index.js'), ...plugin }],
      },
      include: ['src'],
    }));
    fs.mkdirSync(path.join(dir, 'src'));
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, 'src', name), text);
    const result = spawnSync(process.execPath, [path.join(repo, 'node_modules/ts-patch/bin/tspc.js'), '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
    const errors = [...result.stdout.matchAll(/^src\/([\w.]+)\((\d+),\d+\): error TS(\d+)/gm)]
      .map(([, file, line, code]) => ({ file, line: Number(line), code: Number(code) }));
    if (errors.length === 0 && result.status !== 0) throw new Error(`tspc failed without diagnostics:\n${result.stdout}${result.stderr}`);
    return errors;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const FEATURES = `import { dataflow, inject, group, source, extractColumns, type Column } from 'hamilton-ts';

@dataflow()
export class Spend {
  spendMean(spend: Column<number>): number { return spend[0]; }
  @inject({ weights: group(source('a'), source('b')) })
  weighted(weights: number): number { return weights; }
  @extractColumns('x')
  notATable(): number[] { return []; }
}
`;
const DRIVER = `import { Builder, Driver, dataflow, type Column } from 'hamilton-ts';
import { Spend } from './features';

@dataflow()
class Centred {
  centred(spend: Column<number>, spendMean: Column<number>): Column<number> { return spend; }
}
const dr = new Builder().withModules(Spend, Centred).build();
void dr.execute(['spendMaen']);
void new Driver({}, [Spend]).validateExecution(['centred']);
`;

describe('tspc with the hamilton-ts plugin', () => {
  test('reports each broken wiring of a project with its code, file and line', () => {
    expect(tspc({ 'features.ts': FEATURES, 'driver.ts': DRIVER })).toEqual([
      { file: 'driver.ts', line: 8, code: CODES.crossModuleTypeMismatch },
      { file: 'driver.ts', line: 9, code: CODES.unknownRequestedName },
      { file: 'driver.ts', line: 10, code: CODES.unknownRequestedName },
      { file: 'features.ts', line: 6, code: CODES.groupShapeMismatch },
      { file: 'features.ts', line: 8, code: CODES.extractColumnsNotTable },
    ]);
  }, 180_000);

  test('the plugin option ignore turns codes off', () => {
    expect(tspc({ 'features.ts': FEATURES, 'driver.ts': DRIVER }, { ignore: [CODES.unknownRequestedName, CODES.groupShapeMismatch, CODES.extractColumnsNotTable] }))
      .toEqual([{ file: 'driver.ts', line: 8, code: CODES.crossModuleTypeMismatch }]);
  }, 180_000);
});
