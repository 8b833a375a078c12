import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { closeDuckDB, columnArray, runLoader, runSaver, type Table } from 'hamilton-ts';
import { readParquet } from '../../runtime/io/parquet';
import { connect } from '../../runtime/io/adapters/builtin/duckdb-connection';

/**
 * Parquet files cross to and from an independent implementation, DuckDB's own reader and
 * writer (not our parquet-wasm), both ways: nulls, NaN, strings, dictionary-encoded
 * columns and several row groups.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-interop-'));
afterAll(async () => {
  await closeDuckDB();
  fs.rmSync(dir, { recursive: true, force: true });
});

const N = 5000;
const expected = {
  id: Array.from({ length: N }, (_, i) => i),
  x: Array.from({ length: N }, (_, i) => (i % 11 === 0 ? null : i % 13 === 0 ? NaN : i / 4)),
  label: Array.from({ length: N }, (_, i) => (i % 17 === 0 ? null : `region-${i % 5}`)),
  note: Array.from({ length: N }, (_, i) => (i % 3 === 0 ? `unique text ${i} ✓` : null)),
};

async function sql(query: string, params: unknown[] = []): Promise<Record<string, unknown[]>> {
  const connection = await connect(':memory:');
  try {
    const reader = await connection.runAndReadAll(query, params);
    const columns = reader.getColumnsJS();
    return Object.fromEntries(reader.columnNames().map((name, i) => [name, columns[i] ?? []]));
  } finally {
    connection.closeSync();
  }
}

/** Row groups, and whether each column's chunks are dictionary-encoded, from DuckDB's reading of the footer. */
async function footer(file: string): Promise<{ rowGroups: number; dictionary: Record<string, boolean> }> {
  const meta = await sql(`SELECT path_in_schema AS col, count(DISTINCT row_group_id)::INTEGER AS groups,
    bool_and(encodings LIKE '%DICTIONARY%') AS dict FROM parquet_metadata($1) GROUP BY col ORDER BY col`, [file]);
  return { rowGroups: Math.max(...(meta.groups as number[])), dictionary: Object.fromEntries(meta.col.map((c, i) => [c, meta.dict[i] as boolean])) };
}

test('a file written by hamilton-ts reads in DuckDB as it was written', async () => {
  const file = path.join(dir, 'ours.parquet');
  const table = aq.table({ id: Int32Array.from(expected.id), x: expected.x, label: expected.label, note: expected.note });
  await runSaver('parquet', table, { path: file, rowGroupSize: 1200 });

  expect(await footer(file)).toEqual({ rowGroups: 5, dictionary: { id: true, label: true, note: true, x: true } });
  const back = await sql(`SELECT id, x, isnan(x) AS nan, label, note, typeof(id) AS tid FROM read_parquet($1) ORDER BY id`, [file]);
  expect(back.tid[0]).toBe('INTEGER');
  expect(back.id).toEqual(expected.id);
  expect(back.label).toEqual(expected.label);
  expect(back.note).toEqual(expected.note);
  expect(back.nan).toEqual(expected.x.map((v) => (v === null ? null : Number.isNaN(v))));
  expect(back.x.map((v) => (typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v))).toEqual(expected.x.map((v) => (Number.isNaN(v) ? 'NaN' : v)));
});

test('a file written by DuckDB reads in hamilton-ts as DuckDB wrote it, by the loader and by the CLI reader', async () => {
  const file = path.join(dir, 'duckdb.parquet');
  const connection = await connect(':memory:');
  try {
    // The rows are computed in SQL by the same rules as `expected`. COPY takes its target as a literal, not a
    // parameter: the test's own temporary path, quoted.
    await connection.run(`COPY (
      SELECT i::INTEGER AS id,
        CASE WHEN i % 11 = 0 THEN NULL WHEN i % 13 = 0 THEN 'nan'::DOUBLE ELSE i / 4 END AS x,
        CASE WHEN i % 17 = 0 THEN NULL ELSE 'region-' || (i % 5) END AS label,
        CASE WHEN i % 3 = 0 THEN 'unique text ' || i || ' ✓' END AS note
      FROM range(${N}) t(i) ORDER BY i
    ) TO '${file.replace(/'/g, "''")}' (FORMAT parquet, ROW_GROUP_SIZE 1024)`);
  } finally {
    connection.closeSync();
  }
  const { rowGroups, dictionary } = await footer(file);
  // DuckDB cuts row groups at its 2048-row vectors: 5000 rows make 3.
  expect(rowGroups).toBeGreaterThan(1);
  expect(dictionary.label).toBe(true);

  const [loaded, metadata] = await runLoader<Table>('parquet', { path: file });
  expect(metadata.details).toEqual({ rowGroups });
  const cli = readParquet(fs.readFileSync(file), file).table;
  for (const table of [loaded, cli]) {
    expect(table.columnNames()).toEqual(['id', 'x', 'label', 'note']);
    expect(columnArray(table.column('id'))).toBeInstanceOf(Int32Array);
    expect(Array.from(table.array('id'))).toEqual(expected.id);
    expect(Array.from(table.array('x') as ArrayLike<unknown>).map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual(expected.x.map((v) => (Number.isNaN(v) ? 'NaN' : v)));
    expect(table.array('label')).toEqual(expected.label);
    expect(table.array('note')).toEqual(expected.note);
  }
});
