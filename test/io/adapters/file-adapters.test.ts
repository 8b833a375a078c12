import * as aq from 'arquero';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { LoadError, runLoader, runSaver, SaveError, ColumnTypeError, type Table, type TypeDescriptor } from 'hamilton-ts';

/**
 * Every file adapter passes one suite: what it saves it loads back equal, with metadata;
 * a missing file is an error naming the adapter, the path and the node; a save creates
 * the directory and leaves no temporary file.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-file-adapters-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const table = (): Table => aq.table({
  spend: Float64Array.of(1.5, 2, 3.25, 4),
  region: ['EU', null, 'US', 'EU'],
  clicks: [10, null, 30, NaN],
  active: [true, false, null, true],
});

const load = async (adapter: string, options: Record<string, unknown>, context = {}) => runLoader<Table>(adapter, options, context);

/** The rows as JSON-safe objects, NaN shown as 'NaN' (formats that write NaN as null say so below). */
const rows = (t: Table): unknown[] => t.objects().map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'number' && Number.isNaN(v) ? 'NaN' : v])));

// [adapter, extension, save options, what the format does with NaN]
const ADAPTERS: [string, string, Record<string, unknown>, 'keeps' | 'null'][] = [
  ['csv', 'csv', {}, 'keeps'],
  ['json', 'json', { orient: 'rows' }, 'null'],
  ['json', 'json', { orient: 'columns' }, 'null'],
  ['arrow', 'arrow', { format: 'file' }, 'keeps'],
  ['arrow', 'arrows', { format: 'stream' }, 'keeps'],
  ['feather', 'feather', {}, 'keeps'],
  ['parquet', 'parquet', {}, 'keeps'],
  ['parquet', 'parquet', { compression: 'zstd', rowGroupSize: 2 }, 'keeps'],
];

describe.each(ADAPTERS)('the %s adapter (.%s, %j)', (adapter, extension, saveOptions, nan) => {
  const file = path.join(dir, adapter, `${extension}-${Object.values(saveOptions).join('-') || 'default'}`, `features.${extension}`);

  test('saves a table into a directory it creates, with metadata, and loads it back equal', async () => {
    expect(fs.existsSync(path.dirname(file))).toBe(false);
    const saved = await runSaver(adapter, table(), { path: file, ...saveOptions }, { node: 'save_features' });
    expect(saved).toMatchObject({ adapter, path: file, rows: 4, bytes: fs.statSync(file).size });
    expect(saved.columns!.map((c) => c.name)).toEqual(['spend', 'region', 'clicks', 'active']);
    expect(fs.readdirSync(path.dirname(file))).toEqual([`features.${extension}`]);

    const [loaded, metadata] = await load(adapter, { path: file });
    expect(metadata).toMatchObject({ adapter, path: file, rows: 4, bytes: fs.statSync(file).size });
    expect(metadata.ms).toBeGreaterThanOrEqual(0);
    const expected = rows(table()).map((row) => ({ ...(row as object), ...(nan === 'null' && (row as { clicks: unknown }).clicks === 'NaN' ? { clicks: null } : {}) }));
    expect(rows(loaded)).toEqual(expected);
  });

  test('a missing file is a LoadError naming the node, the adapter and the path', async () => {
    const missing = path.join(dir, 'nowhere', `absent.${extension}`);
    await expect(load(adapter, { path: missing }, { node: 'raw_features' })).rejects.toThrow(LoadError);
    await expect(load(adapter, { path: missing }, { node: 'raw_features' }))
      .rejects.toThrow(`node 'raw_features': the ${adapter} loader cannot read '${missing}': no such file`);
  });

  test('a directory in place of the file is a LoadError that says so', async () => {
    await expect(load(adapter, { path: dir })).rejects.toThrow(`the ${adapter} loader cannot read '${dir}': it is a directory`);
  });

  test('a column of the wrong type against the declared schema is an error naming the column', async () => {
    const expected: TypeDescriptor = { kind: 'table', columns: { spend: { kind: 'number' }, region: { kind: 'number' } } };
    await expect(load(adapter, { path: file }, { node: 'raw', expected })).rejects.toThrow(ColumnTypeError);
    await expect(load(adapter, { path: file }, { node: 'raw', expected })).rejects.toThrow(/column 'region' holds string "EU" at row 1, but the declared schema says number/);
  });

  test('a failed save leaves the file as it was and no temporary file', async () => {
    const before = fs.readFileSync(file);
    // A saver refuses a value it does not handle before touching the file.
    expect(() => runSaver(adapter, 42, { path: file, ...saveOptions })).toThrow(`the ${adapter} saver was given a number (42), but it handles table values`);
    // A target that cannot be replaced: a non-empty directory of the same name.
    const blocked = path.join(path.dirname(file), 'blocked');
    fs.mkdirSync(path.join(blocked, 'inside'), { recursive: true });
    await expect(runSaver(adapter, table(), { path: blocked, ...saveOptions }, { node: 'save' })).rejects.toThrow(SaveError);
    await expect(runSaver(adapter, table(), { path: blocked, ...saveOptions }, { node: 'save' })).rejects.toThrow(`node 'save': the ${adapter} saver cannot write '${blocked}'`);
    expect(fs.readdirSync(path.dirname(file)).sort()).toEqual(['blocked', `features.${extension}`]);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    fs.rmSync(blocked, { recursive: true });
  });
});
