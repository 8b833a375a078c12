import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { closeDuckDB, LoadError, MissingPeerDependencyError, runLoader, runSaver, SaveError, type Table } from 'hamilton-ts';
import { setPeerLoader } from '../../../runtime/io/optional-peer';

/** The duckdb adapters on embedded DuckDB: queries with bound parameters, files read by SQL, tables written in a transaction. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-duckdb-'));
const database = path.join(dir, 'db', 'features.duckdb');
afterAll(async () => {
  await closeDuckDB();
  fs.rmSync(dir, { recursive: true, force: true });
});

const features = (): Table => aq.table({
  id: Int32Array.of(1, 2, 3),
  spend: [1.5, null, NaN],
  region: ['EU', "O'Brien", null],
});
const query = async (sql: string, params?: unknown): Promise<Table> => (await runLoader<Table>('duckdb', { query: sql, params, database }))[0];

test('a table saved into a database file (its directory created) reads back by SQL, typed', async () => {
  const saved = await runSaver('duckdb', features(), { table: 'features', database }, { node: 'save_features' });
  expect(fs.existsSync(database)).toBe(true);
  expect(saved).toMatchObject({ adapter: 'duckdb', path: database, rows: 3, details: { table: 'features', mode: 'create' } });
  const [loaded, metadata] = await runLoader<Table>('duckdb', { query: 'SELECT * FROM features ORDER BY id', database });
  expect(metadata).toMatchObject({ adapter: 'duckdb', path: database, rows: 3, details: { query: 'SELECT * FROM features ORDER BY id' } });
  expect(loaded.column('id')).toBeInstanceOf(Int32Array);
  expect(loaded.objects()).toEqual(features().objects());
});

test('values are bound, never spliced into the SQL: a value holding SQL is only data', async () => {
  const hostile = "EU'; DROP TABLE features; --";
  expect((await query('SELECT id FROM features WHERE region = $1', [hostile])).numRows()).toBe(0);
  expect((await query('SELECT id FROM features WHERE region = $region', { region: "O'Brien" })).column('id')).toEqual(Int32Array.of(2));
  expect((await query('SELECT count(*)::INTEGER AS n FROM features')).get('n', 0)).toBe(3);
});

test('mode create refuses an existing table; replace replaces it; append adds rows by column name', async () => {
  await expect(runSaver('duckdb', features(), { table: 'features', database }, { node: 'save' }))
    .rejects.toThrow(`node 'save': the duckdb saver cannot write '${database}: features': table 'features' already exists; pass mode: 'replace' to replace it or 'append' to add rows`);
  await runSaver('duckdb', features().select('region', 'spend', 'id'), { table: 'features', database, mode: 'append' });
  expect((await query('SELECT count(*)::INTEGER AS n, count(DISTINCT id)::INTEGER AS ids FROM features')).objects()).toEqual([{ n: 6, ids: 3 }]);
  await runSaver('duckdb', aq.table({ other: [1, 2] }), { table: 'features', database, mode: 'replace' });
  expect((await query('SELECT * FROM features')).columnNames()).toEqual(['other']);
});

test('table names match as DuckDB matches them, case-insensitively: append adds to the table, create refuses it', async () => {
  await runSaver('duckdb', aq.table({ n: Int32Array.of(1, 2) }), { table: 'Sales', database });
  await runSaver('duckdb', aq.table({ n: Int32Array.of(3) }), { table: 'sales', database, mode: 'append' });
  expect((await query('SELECT n FROM SALES ORDER BY n')).column('n')).toEqual(Int32Array.of(1, 2, 3));
  await expect(runSaver('duckdb', aq.table({ n: Int32Array.of(9) }), { table: 'SALES', database }, { node: 'save' }))
    .rejects.toThrow(`node 'save': the duckdb saver cannot write '${database}: SALES': table 'SALES' already exists; pass mode: 'replace' to replace it or 'append' to add rows`);
  expect((await query('SELECT count(*)::INTEGER AS n FROM sales')).get('n', 0)).toBe(3);
});

test('a schema-qualified name writes into that schema; a missing schema or an empty part is a clear error', async () => {
  await runSaver('duckdb', aq.table({ n: Int32Array.of(1) }), { table: 'main.qualified', database });
  await runSaver('duckdb', aq.table({ n: Int32Array.of(2) }), { table: 'main.qualified', database, mode: 'append' });
  expect((await query('SELECT n FROM qualified ORDER BY n')).column('n')).toEqual(Int32Array.of(1, 2));
  await expect(runSaver('duckdb', aq.table({ n: [1] }), { table: 'main.qualified', database }))
    .rejects.toThrow("table 'main.qualified' already exists");
  await expect(runSaver('duckdb', aq.table({ n: [1] }), { table: 'nowhere.t', database }, { node: 'save' }))
    .rejects.toThrow(/^node 'save': the duckdb saver cannot write '.*: nowhere\.t': .*nowhere/);
  expect(() => runSaver('duckdb', features(), { table: 'main.' })).toThrow("option 'table' must be a table name, or schema.table");
});

test('a column holding only nulls is saved as a nullable column', async () => {
  await runSaver('duckdb', aq.table({ missing: [null, null] }), { table: 'all_null', database });
  await runSaver('duckdb', aq.table({ missing: ['later'] }), { table: 'all_null', database, mode: 'append' });
  expect((await query('SELECT count(*)::INTEGER AS n, count(missing)::INTEGER AS present FROM all_null')).objects()).toEqual([{ n: 3, present: 1 }]);
});

test('a failed save leaves the database table as it was (one transaction)', async () => {
  await runSaver('duckdb', features(), { table: 'kept', database });
  const wrong = aq.table({ id: ['not a number'] });
  await expect(runSaver('duckdb', wrong, { table: 'kept', database, mode: 'append' })).rejects.toThrow(SaveError);
  expect((await query('SELECT count(*)::INTEGER AS n FROM kept')).get('n', 0)).toBe(3);
});

test('reads Parquet, CSV and JSON files by SQL, the path a bound parameter', async () => {
  const csv = path.join(dir, 'spend.csv');
  fs.writeFileSync(csv, 'week,spend\n1,10.5\n2,20\n');
  const json = path.join(dir, 'spend.json');
  fs.writeFileSync(json, '[{"week": 1, "spend": 10.5}, {"week": 2, "spend": 20}]');
  const parquet = path.join(dir, 'spend.parquet');
  await runSaver('parquet', aq.table({ week: Int32Array.of(1, 2), spend: Float64Array.of(10.5, 20) }), { path: parquet });
  for (const [reader, file] of [['read_csv', csv], ['read_json', json], ['read_parquet', parquet]]) {
    const [table] = await runLoader<Table>('duckdb', { query: `SELECT week::INTEGER AS week, spend::DOUBLE AS spend FROM ${reader}($1) ORDER BY week`, params: [file] });
    expect(table.objects()).toEqual([{ week: 1, spend: 10.5 }, { week: 2, spend: 20 }]);
  }
});

test('a database file that does not exist is a LoadError, not a new empty database', async () => {
  const missing = path.join(dir, 'typo.duckdb');
  await expect(runLoader('duckdb', { query: 'SELECT 1', database: missing }, { node: 'raw' }))
    .rejects.toThrow(`node 'raw': the duckdb loader cannot read '${missing}': no such file`);
  expect(fs.existsSync(missing)).toBe(false);
});

test('bad SQL is a LoadError naming the node, the database and the query', async () => {
  await expect(runLoader('duckdb', { query: 'SELEC 1' }, { node: 'raw' })).rejects.toThrow(LoadError);
  await expect(runLoader('duckdb', { query: 'SELECT * FROM missing_table' }, { node: 'raw' }))
    .rejects.toThrow(/^node 'raw': the duckdb loader cannot read ':memory:: SELECT \* FROM missing_table': .*missing_table/);
  expect(() => runLoader('duckdb', { query: 'SELECT 1', params: 'x' })).toThrow("option 'params' must be an array (for $1, $2, …) or an object (for $name)");
  expect(() => runSaver('duckdb', features(), { table: 't', mode: 'upsert' })).toThrow("option 'mode' must be one of create, replace, append");
});

test('without @duckdb/node-api installed, a MissingPeerDependencyError names what to install', async () => {
  await closeDuckDB();
  const previous = setPeerLoader((name) => {
    throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
  });
  try {
    await expect(runLoader('duckdb', { query: 'SELECT 1' })).rejects.toThrow(MissingPeerDependencyError);
    await expect(runLoader('duckdb', { query: 'SELECT 1' })).rejects.toThrow(
      'the duckdb loader and saver needs @duckdb/node-api, optional peer dependencies of hamilton-ts that are not installed. Install them: npm i @duckdb/node-api@^1.5.6-r.1');
    await expect(runLoader('parquet', { path: path.join(dir, 'spend.parquet') })).rejects.toThrow('npm i parquet-wasm@^0.8.0');
  } finally {
    setPeerLoader(previous);
  }
});
