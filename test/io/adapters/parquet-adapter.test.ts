import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AdapterOptionError, LoadError, runLoader, runSaver, TableEncodeError, type Table } from 'hamilton-ts';
import { connect } from '../../../runtime/io/adapters/builtin/duckdb-connection';

/** What only Parquet does: column selection, codecs, row groups, and decoding errors. DuckDB reads the footers. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-parquet-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const N = 1000;
const table = (): Table => aq.table({
  id: Int32Array.from({ length: N }, (_, i) => i),
  x: Float64Array.from({ length: N }, (_, i) => i / 2),
  label: Array.from({ length: N }, (_, i) => (i % 10 === 0 ? null : `label-${i % 7}`)),
});

async function footer(file: string): Promise<{ rowGroups: number; codecs: string[] }> {
  const connection = await connect(':memory:');
  try {
    const reader = await connection.runAndReadAll(
      'SELECT count(DISTINCT row_group_id)::INTEGER, list(DISTINCT compression ORDER BY compression) FROM parquet_metadata($1)', [file]);
    const [[rowGroups], [codecs]] = reader.getColumnsJS() as [[number], [string[]]];
    return { rowGroups, codecs };
  } finally {
    connection.closeSync();
  }
}

test('the compression and rowGroupSize options reach the file; the loader reads every row group', async () => {
  const file = path.join(dir, 'groups.parquet');
  const saved = await runSaver('parquet', table(), { path: file, compression: 'gzip', rowGroupSize: 300 });
  expect(saved.details).toEqual({ compression: 'gzip', rowGroupSize: 300 });
  expect(await footer(file)).toEqual({ rowGroups: 4, codecs: ['GZIP'] });
  const [loaded, metadata] = await runLoader<Table>('parquet', { path: file });
  expect(metadata.details).toEqual({ rowGroups: 4 });
  expect(loaded.objects()).toEqual(table().objects());

  await runSaver('parquet', table(), { path: file });
  expect(await footer(file)).toEqual({ rowGroups: 1, codecs: ['SNAPPY'] });
});

test('columns: only those are read, in the order asked; a column the file lacks is named with those it has', async () => {
  const file = path.join(dir, 'columns.parquet');
  await runSaver('parquet', table(), { path: file, rowGroupSize: 256 });
  const [loaded, metadata] = await runLoader<Table>('parquet', { path: file, columns: ['label', 'id'] });
  expect(loaded.columnNames()).toEqual(['label', 'id']);
  expect(metadata.columns).toEqual([{ name: 'label', type: 'utf8' }, { name: 'id', type: 'int32' }]);
  expect(loaded.array('label')).toEqual(table().array('label'));
  await expect(runLoader('parquet', { path: file, columns: ['id', 'lable'] }, { node: 'raw' }))
    .rejects.toThrow(`node 'raw': the parquet loader cannot read '${file}': it has no column 'lable'; its columns: id, x, label`);
  expect(() => runLoader('parquet', { path: file, columns: 'id' })).toThrow("the parquet loader's option 'columns' must be an array of column names");
});

test('a file that is not Parquet, or is cut off, is a LoadError saying what is wrong', async () => {
  const text = path.join(dir, 'text.parquet');
  fs.writeFileSync(text, 'a,b\n1,2\n');
  await expect(runLoader('parquet', { path: text })).rejects.toThrow(`the parquet loader cannot read '${text}': it is not Parquet: it does not start with PAR1`);
  const whole = path.join(dir, 'whole.parquet');
  await runSaver('parquet', table(), { path: whole });
  const cut = path.join(dir, 'cut.parquet');
  fs.writeFileSync(cut, fs.readFileSync(whole).subarray(0, 200));
  await expect(runLoader('parquet', { path: cut })).rejects.toThrow(LoadError);
  await expect(runLoader('parquet', { path: cut })).rejects.toThrow('the file is cut off: it does not end with PAR1');
  const empty = path.join(dir, 'empty.parquet');
  fs.writeFileSync(empty, '');
  await expect(runLoader('parquet', { path: empty })).rejects.toThrow('the file is empty');
});

test('a table without rows round-trips with its columns', async () => {
  const file = path.join(dir, 'no-rows.parquet');
  await runSaver('parquet', table().filter(() => false).reify(), { path: file });
  const [loaded] = await runLoader<Table>('parquet', { path: file });
  expect(loaded.numRows()).toBe(0);
  expect(loaded.columnNames()).toEqual(['id', 'x', 'label']);
});

test('a column holding only nulls (no value to type it by) round-trips as nulls, as text', async () => {
  const file = path.join(dir, 'all-null.parquet');
  await runSaver('parquet', aq.table({ missing: [null, undefined] }), { path: file });
  const [loaded] = await runLoader<Table>('parquet', { path: file });
  expect(loaded.objects()).toEqual([{ missing: null }, { missing: null }]);
  const connection = await connect(':memory:');
  try {
    const reader = await connection.runAndReadAll('SELECT typeof(missing) AS t FROM read_parquet($1) LIMIT 1', [file]);
    expect(reader.getColumnsJS()[0][0]).toBe('VARCHAR');
  } finally {
    connection.closeSync();
  }
});

test.each([
  [{ compression: 'lzo' }, "option 'compression' must be one of uncompressed, snappy, gzip, brotli, zstd, lz4, not \"lzo\""],
  [{ rowGroupSize: 0 }, "option 'rowGroupSize' must be a positive whole number, not 0"],
  [{ compresion: 'zstd' }, "option 'compresion' is not one it takes (did you mean 'compression'?)"],
])('a bad save option %j is refused before writing', (options, message) => {
  const file = path.join(dir, 'never.parquet');
  expect(() => runSaver('parquet', table(), { path: file, ...options })).toThrow(AdapterOptionError);
  expect(() => runSaver('parquet', table(), { path: file, ...options })).toThrow(message);
  expect(fs.existsSync(file)).toBe(false);
});

test('a column of numbers and text cannot be Parquet: a TableEncodeError names it, and no file is left', async () => {
  const file = path.join(dir, 'mixed.parquet');
  const mixed = aq.table({ id: [1, 2, 3], amount: [1, 'two', null] });
  await expect(runSaver('parquet', mixed, { path: file }, { node: 'save' })).rejects.toThrow(TableEncodeError);
  await expect(runSaver('parquet', mixed, { path: file })).rejects.toThrow("cannot write the table as Parquet: column 'amount' holds numbers and strings; a Parquet column holds values of one type");
  expect(fs.existsSync(file)).toBe(false);
});
