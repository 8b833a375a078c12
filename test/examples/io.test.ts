import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Builder, DataQualityError, NodeExecutionError, runLoader, runSaver, type Table } from 'hamilton-ts';
import { materializers, SpendFeatures } from '../../examples/io/features';

// The io example end to end: Parquet in, checked features out to Parquet and DuckDB, read back by both loaders.
jest.setTimeout(60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-example-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const RAW = path.resolve(__dirname, '../../examples/io/data/spend.parquet');

test('loads data/spend.parquet, saves the checked features to Parquet and to a DuckDB table', async () => {
  const inputs = { rawPath: RAW, featuresPath: path.join(dir, 'out', 'features.parquet'), databasePath: path.join(dir, 'out', 'features.duckdb') };
  const dr = new Builder().withModules(SpendFeatures).withMaterializers(...materializers).build();
  const [metadata, results] = await dr.materialize({ inputs, additionalVars: ['saveFeatures', 'features'] });
  const features = results.features as Table;
  expect(features.numRows()).toBe(156);
  expect(metadata.saveToDuckdb).toEqual(expect.objectContaining({ adapter: 'duckdb', rows: 156 }));
  expect(results.saveFeatures).toEqual(expect.objectContaining({ adapter: 'parquet', path: inputs.featuresPath, rows: 156 }));
  const [parquet] = await runLoader<Table>('parquet', { path: inputs.featuresPath });
  expect(parquet.columnNames()).toEqual(['week', 'region', 'acquisitionCost', 'spendZeroMean']);
  expect(Array.from(parquet.array('spendZeroMean') as ArrayLike<number>)).toEqual(Array.from(features.array('spendZeroMean') as ArrayLike<number>));
  const [db] = await runLoader<Table>('duckdb', { database: inputs.databasePath, query: 'SELECT count(*) AS n FROM features WHERE region = $1', params: ['west'] });
  expect(Number(db.get('n', 0))).toBe(52);
});

test('raw data that fails the acquisitionCost check stops the run before anything is saved', async () => {
  const bad = path.join(dir, 'bad.parquet');
  await runSaver('parquet', aq.table({ week: ['a', 'b', 'c'], region: ['x', 'x', 'x'], spend: Float64Array.from([5000, 5000, 5000]), signups: Int32Array.from([1, 1, 1]) }), { path: bad });
  const featuresPath = path.join(dir, 'never.parquet');
  const error = await new Builder().withModules(SpendFeatures).build()
    .execute(['saveFeatures'], { inputs: { rawPath: bad, featuresPath } }).catch((e: unknown) => e);
  expect(error instanceof DataQualityError || (error instanceof NodeExecutionError && error.cause instanceof DataQualityError)).toBe(true);
  expect(fs.existsSync(featuresPath)).toBe(false);
});
