import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readTable } from '../../runtime/cli/read-inputs';
import { readParquet, toParquet } from '../../runtime/io/parquet';
import { cli, STACK_LINE } from './run-cli';

// Each test starts Node once or twice, about a second apiece on a busy machine.
jest.setTimeout(60_000);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-cli-parquet-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const QUALITY = ['--module', 'dist/examples/quality/features.js'];
const OUTPUTS = ['--outputs', 'speciesName,petalArea,sepalRatio'];

describe('the CLI with .parquet files', () => {
  const iris = readTable('examples/quality/data/iris.csv');
  const irisParquet = path.join(tmp, 'iris.parquet');
  fs.writeFileSync(irisParquet, toParquet(iris, { rowGroupSize: 40 }));

  test('run --out x.parquet writes a Parquet file of the outputs, equal to --out x.csv', async () => {
    const parquet = path.join(tmp, 'features.parquet');
    const csv = path.join(tmp, 'features.csv');
    expect((await cli(['run', ...QUALITY, '--inputs', 'examples/quality/data/iris.csv', ...OUTPUTS, '--out', parquet])).status).toBe(0);
    expect((await cli(['run', ...QUALITY, '--inputs', 'examples/quality/data/iris.csv', ...OUTPUTS, '--out', csv])).status).toBe(0);
    expect(fs.readFileSync(parquet).subarray(0, 4).toString()).toBe('PAR1');
    const written = readParquet(fs.readFileSync(parquet), parquet).table;
    expect(written.columnNames()).toEqual(['speciesName', 'petalArea', 'sepalRatio']);
    expect(written.numRows()).toBe(150);
    expect(written.objects()).toEqual(readTable(csv).objects());
  });

  test('--inputs x.parquet (several row groups) gives the same result as the CSV it was made from', async () => {
    const fromParquet = await cli(['run', ...QUALITY, '--inputs', irisParquet, ...OUTPUTS, '--limit', '200']);
    const fromCsv = await cli(['run', ...QUALITY, '--inputs', 'examples/quality/data/iris.csv', ...OUTPUTS, '--limit', '200']);
    expect(fromParquet.stderr).toBe(fromCsv.stderr);
    expect(fromParquet.status).toBe(0);
    expect(fromParquet.stdout).toBe(fromCsv.stdout);
    expect(fromParquet.stdout).toContain('setosa');
  });

  test('a damaged .parquet input is exit 2 with the file and what is wrong, no stack', async () => {
    const damaged = path.join(tmp, 'damaged.parquet');
    fs.writeFileSync(damaged, fs.readFileSync(irisParquet).subarray(0, 100));
    const { status, stderr } = await cli(['run', ...QUALITY, '--inputs', damaged, ...OUTPUTS]);
    expect(status).toBe(2);
    expect(stderr).toContain(`Parquet file '${damaged}': the file is cut off: it does not end with PAR1`);
    expect(stderr).not.toMatch(STACK_LINE);
  });

  test('a value of the wrong type in a .parquet input names the file, the row and the column', async () => {
    const bad = path.join(tmp, 'bad.parquet');
    // A Parquet column has one type: here text, where the dataflow reads numbers.
    fs.writeFileSync(bad, toParquet(iris.derive({ petalWidth: () => 'wide' })));
    const { status, stderr } = await cli(['run', ...QUALITY, '--inputs', bad, ...OUTPUTS]);
    expect(status).toBe(2);
    expect(stderr).toMatch(new RegExp(`Parquet file '${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}' row 1: column 'petalWidth' holds "wide"`));
  });
});
