import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runLoader, runSaver, TableEncodeError, type Table } from 'hamilton-ts';

/** The arrow and parquet savers: columns Arrow cannot type alone are typed; those it cannot hold are named, with the node. */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-arrow-encode-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test.each([['arrow'], ['parquet']])('the %s saver writes a Uint8ClampedArray column as uint8', async (adapter) => {
  const file = path.join(dir, `clamped.${adapter}`);
  const saved = await runSaver(adapter, aq.table({ u: Uint8ClampedArray.of(1, 255) }), { path: file });
  expect(saved.columns).toEqual([{ name: 'u', type: 'uint8' }]);
  const [loaded] = await runLoader<Table>(adapter, { path: file });
  expect(Array.from(loaded.array('u') as ArrayLike<unknown>)).toEqual([1, 255]);
});

test.each([
  ['arrow', { m: [1, 'x'] }, "node 'out': cannot write the table as Arrow: column 'm' holds numbers and strings; an Arrow column holds values of one type"],
  ['arrow', { d: [new Date(NaN)] }, "node 'out': cannot write the table as Arrow: column 'd' holds an invalid Date at row 1; a timestamp column holds valid Dates (or null for none)"],
  ['parquet', { big: [2n ** 70n] }, "node 'out': cannot write the table as Parquet: column 'big' holds 1180591620717411303424 at row 1, beyond 64 bits; an int64 column holds -2^63 to 2^63 - 1"],
  ['parquet', { m: [1, 'x'] }, "node 'out': cannot write the table as Parquet: column 'm' holds numbers and strings; a Parquet column holds values of one type"],
  ['parquet', { ok: [1], d: [new Date(NaN)] }, "node 'out': cannot write the table as Parquet: column 'd' holds an invalid Date at row 1"],
])('the %s saver refuses %j with a TableEncodeError naming the node and the column, and writes no file', async (adapter, columns, message) => {
  const file = path.join(dir, `bad-${Object.keys(columns).join('-')}.${adapter}`);
  const save = async () => runSaver(adapter, aq.table(columns), { path: file }, { node: 'out' });
  await expect(save()).rejects.toThrow(TableEncodeError);
  await expect(save()).rejects.toThrow(message);
  await expect(save()).rejects.toMatchObject({ node: 'out', column: Object.keys(columns).at(-1) });
  expect(fs.existsSync(file)).toBe(false);
});
