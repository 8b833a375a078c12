import * as aq from 'arquero';
import {
  AdapterOptionError, AdapterValueError, ColumnTypeError, LoadError, memoryStore, resolveOptions, runLoader, runSaver, SaveError,
  type DataLoader, type DataSaver, type TypeDescriptor,
} from 'hamilton-ts';

interface ReadOptions { path: string; limit?: number; sep?: string }
const reader = (load: DataLoader<ReadOptions>['load']): DataLoader<ReadOptions> => ({
  name: 'reader', appliesTo: ['table'], defaults: { limit: 10, sep: ',' }, required: ['path'], load,
  checkOptions: ({ limit }) => (limit !== undefined && limit < 0 ? ['limit', 'must be 0 or more'] : undefined),
});
/** The value a synchronous loader returned (a promise here would be a bug). */
function valueOf(result: unknown): unknown {
  expect(result).not.toBeInstanceOf(Promise);
  return (result as [unknown])[0];
}
const table = aq.table({ spend: [1, 2, 3], region: ['EU', 'US', null] });

describe('options', () => {
  const adapter = reader(() => [table, {}]);
  test('given options are laid over the defaults; an option given as undefined keeps its default', () => {
    expect(resolveOptions('loader', adapter, { path: 'a.csv', limit: undefined, sep: ';' })).toEqual({ path: 'a.csv', limit: 10, sep: ';' });
  });
  test('an option the adapter does not take is an error naming it, a close one and those it takes', () => {
    expect(() => resolveOptions('loader', adapter, { path: 'a', limt: 3 }, { node: 'raw' }))
      .toThrow(new AdapterOptionError('loader', 'reader', 'limt', "is not one it takes (did you mean 'limit'?); it takes path, limit, sep", 'raw'));
  });
  test('a required option left out is an error, except when checking a partial set at graph build', () => {
    expect(() => resolveOptions('loader', adapter, { sep: ';' })).toThrow("the reader loader's option 'path' is required and was not given");
    expect(resolveOptions('loader', adapter, { sep: ';' }, { partial: true })).toEqual({ limit: 10, sep: ';' });
  });
  test("a value the adapter's checkOptions refuses is an error naming the option", () => {
    expect(() => resolveOptions('loader', adapter, { path: 'a', limit: -1 })).toThrow("the reader loader's option 'limit' must be 0 or more");
  });
});

describe('runLoader', () => {
  test('returns the value with metadata completed by the adapter name and the time taken; stays synchronous', () => {
    const result = runLoader(reader(() => [table, { path: 'a.csv', rows: 3 }]), { path: 'a.csv' });
    expect(Array.isArray(result)).toBe(true);
    const [value, metadata] = result as unknown as [unknown, Record<string, unknown>];
    expect(value).toBe(table);
    expect(metadata).toMatchObject({ adapter: 'reader', path: 'a.csv', rows: 3 });
    expect(metadata.ms).toEqual(expect.any(Number));
  });

  test('awaits an asynchronous loader', async () => {
    const [value, metadata] = await runLoader(reader(async () => [table, {}]), { path: 'a' });
    expect(value).toBe(table);
    expect(metadata.adapter).toBe('reader');
  });

  test('a raw failure, thrown or rejected, becomes a LoadError naming the node, the adapter and the path', async () => {
    const boom = () => {
      throw new TypeError('bad byte');
    };
    expect(() => runLoader(reader(boom), { path: 'x.bin' }, { node: 'raw' }))
      .toThrow(LoadError);
    expect(() => runLoader(reader(boom), { path: 'x.bin' }, { node: 'raw' })).toThrow("node 'raw': the reader loader cannot read 'x.bin': bad byte");
    await expect(runLoader(reader(async () => boom()), { path: 'y.bin' })).rejects.toThrow("the reader loader cannot read 'y.bin': bad byte");
  });

  test('a value of a kind the loader does not declare is an AdapterValueError', () => {
    expect(() => runLoader(reader(() => [42, {}]), { path: 'a' }, { node: 'raw' }))
      .toThrow(new AdapterValueError('loader', 'reader', ['table'], 'a number (42)', 'raw'));
  });

  const schema = (columns: Record<string, TypeDescriptor>): TypeDescriptor => ({ kind: 'table', columns });
  test('a column of the wrong type against the declared schema is a ColumnTypeError naming the column and the row', () => {
    const run = () => runLoader(reader(() => [table, {}]), { path: 'a.csv' }, { node: 'raw', expected: schema({ region: { kind: 'number' } }) });
    expect(run).toThrow(ColumnTypeError);
    expect(run).toThrow("node 'raw': the reader loader (a.csv): column 'region' holds string \"EU\" at row 1, but the declared schema says number");
  });

  test('a declared column the table lacks is named; nullable and typed columns that fit pass', () => {
    const run = (columns: Record<string, TypeDescriptor>, value = table) => runLoader(reader(() => [value, {}]), { path: 'a' }, { expected: schema(columns) });
    expect(() => run({ clicks: { kind: 'number' } })).toThrow("column 'clicks' is missing, but the declared schema says number");
    expect(() => run({ region: { kind: 'union', options: [{ kind: 'string' }, { kind: 'null' }] }, spend: { kind: 'number' } })).not.toThrow();
    const typed = aq.table({ n: Float64Array.of(1, 2), big: BigInt64Array.of(1n, 2n) });
    expect(() => run({ n: { kind: 'number' }, big: { kind: 'bigint' } }, typed)).not.toThrow();
    expect(() => run({ n: { kind: 'string' } }, typed)).toThrow("column 'n' holds Float64Array values, but the declared schema says string");
  });
});

describe('runSaver', () => {
  const saver = (save: DataSaver<{ path: string }>['save']): DataSaver<{ path: string }> => ({ name: 'writer', appliesTo: ['table'], defaults: {}, required: ['path'], save });

  test('a value the saver does not handle is refused before it writes', () => {
    const save = jest.fn(() => ({}));
    expect(() => runSaver(saver(save), 'text', { path: 'a' }, { node: 'out' })).toThrow("node 'out': the writer saver was given a string (text), but it handles table values");
    expect(save).not.toHaveBeenCalled();
  });

  test('a raw failure becomes a SaveError naming the node, the adapter and the path', async () => {
    await expect(runSaver(saver(async () => {
      throw new Error('disk full');
    }), table, { path: 'out.csv' }, { node: 'out' })).rejects.toMatchObject({
      constructor: SaveError, adapter: 'writer', path: 'out.csv', node: 'out', message: "node 'out': the writer saver cannot write 'out.csv': disk full",
    });
  });

  test('the memory saver and loader hand a value through the in-process store', () => {
    const metadata = runSaver('memory', table, { key: 'features' });
    expect(metadata).toMatchObject({ adapter: 'memory', path: 'memory:features', rows: 3, columns: [{ name: 'spend', type: 'float64' }, { name: 'region', type: 'utf8' }] });
    expect(memoryStore.get('features')).toBe(table);
    expect(valueOf(runLoader('memory', { key: 'features' }))).toBe(table);
    expect(() => runLoader('memory', { key: 'nope' }, { node: 'raw' })).toThrow(/node 'raw': the memory loader cannot read 'memory:nope': nothing is saved under 'nope'; saved keys: .*features/);
  });
});

describe('literal and environment loaders', () => {
  test('literal returns its value', () => {
    expect(valueOf(runLoader('literal', { value: { a: 1 } }))).toEqual({ a: 1 });
  });

  test('environment reads a variable, parsed as asked, or its default; an unset one without default is a LoadError', () => {
    process.env.HAMILTON_TS_TEST_RATE = '0.25';
    try {
      expect(valueOf(runLoader('environment', { name: 'HAMILTON_TS_TEST_RATE', parse: 'number' }))).toBe(0.25);
      expect(valueOf(runLoader('environment', { name: 'HAMILTON_TS_TEST_RATE' }))).toBe('0.25');
      expect(() => runLoader('environment', { name: 'HAMILTON_TS_TEST_RATE', parse: 'boolean' })).toThrow("the environment loader cannot read '$HAMILTON_TS_TEST_RATE': its value \"0.25\" is not a boolean");
      expect(() => runLoader('environment', { name: 'HAMILTON_TS_TEST_RATE', parse: 'yaml' })).toThrow("option 'parse' must be one of string, number, boolean, json");
    } finally {
      delete process.env.HAMILTON_TS_TEST_RATE;
    }
    expect(valueOf(runLoader('environment', { name: 'HAMILTON_TS_TEST_RATE', default: 'x' }))).toBe('x');
    expect(() => runLoader('environment', { name: 'HAMILTON_TS_TEST_RATE' }, { node: 'rate' }))
      .toThrow("node 'rate': the environment loader cannot read '$HAMILTON_TS_TEST_RATE': the variable is not set, and no default was given");
  });
});
