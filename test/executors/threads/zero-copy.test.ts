import { toSharedColumn, WorkerThreadExecutor } from 'hamilton-ts';
import { types } from 'node:util';
import { Columns, recordDriver } from './load-fixtures';

jest.setTimeout(60_000);

// One thread: every task lands on the same worker, which can then report on what it returned before.
const executor = new WorkerThreadExecutor({ maxThreads: 1 });
const dr = recordDriver(Columns, executor);

afterAll(() => executor.close());

describe('zero copy between threads', () => {
  test('a typed-array result is moved back: the worker\'s buffer is detached, the driver holds its bytes', async () => {
    const rows = 1_000_000;
    const { bigResult } = await dr.execute(['bigResult'], { inputs: { rows, marker: 42 } });
    const column = bigResult as Float64Array;
    expect(column.byteLength).toBe(rows * 8);
    expect(column.buffer.byteLength).toBe(rows * 8);
    expect([column[0], column[rows - 1]]).toEqual([42, 42]);
    // The worker kept a reference to the array it returned: transferring its buffer left it empty.
    expect(await dr.execute(['lastReturnedBytes'], { inputs: { probe: 1 } })).toEqual({ lastReturnedBytes: 0 });
  });

  test('a typed-array input is copied into shared memory once per run, however many nodes read it', async () => {
    const column = Float64Array.from({ length: 10_000 }, (_, i) => i);
    const before = executor.sharedColumns.copies;
    const first = await dr.execute(['columnSum', 'columnShared'], { inputs: { column } });
    expect(first).toEqual({ columnSum: 49_995_000, columnShared: true });
    expect(executor.sharedColumns.copies - before).toBe(1);
    expect(await dr.execute(['columnSum'], { inputs: { column } })).toEqual({ columnSum: 49_995_000 });
    expect(executor.sharedColumns.copies - before).toBe(2);
    // The driver's own column is left as it was.
    expect(types.isSharedArrayBuffer(column.buffer)).toBe(false);
  });

  test('a column changed in place between two runs: the second run sees its new values', async () => {
    const column = Float64Array.from([1, 2, 3]);
    expect(await dr.execute(['columnSum'], { inputs: { column } })).toEqual({ columnSum: 6 });
    column[0] = 10;
    expect(await dr.execute(['columnSum'], { inputs: { column } })).toEqual({ columnSum: 15 });
  });

  test('a node that writes into a copied input changes neither the caller\'s array nor later runs', async () => {
    const column = Float64Array.from([1, 2, 3]);
    expect(await dr.execute(['overwritesFirst'], { inputs: { column } })).toEqual({ overwritesFirst: 1 });
    expect(Array.from(column)).toEqual([1, 2, 3]);
    expect(await dr.execute(['columnSum'], { inputs: { column } })).toEqual({ columnSum: 6 });
    expect(await dr.execute(['overwritesFirst'], { inputs: { column } })).toEqual({ overwritesFirst: 1 });
  });

  test('a column in shared memory is the caller\'s memory: a node writing into it writes into the caller\'s array', async () => {
    const shared = toSharedColumn(Float64Array.from([1, 2, 3]));
    expect(types.isSharedArrayBuffer(shared.buffer)).toBe(true);
    const before = executor.sharedColumns.copies;
    expect(await dr.execute(['overwritesFirst'], { inputs: { column: shared } })).toEqual({ overwritesFirst: 1 });
    expect(Array.from(shared)).toEqual([-1, 2, 3]);
    shared[0] = 5;
    expect(await dr.execute(['columnSum'], { inputs: { column: shared } })).toEqual({ columnSum: 10 });
    expect(executor.sharedColumns.copies).toBe(before);
  });

  test('a column already in shared memory is not copied at all', async () => {
    const shared = new Float64Array(new SharedArrayBuffer(8 * 3));
    shared.set([1, 2, 3]);
    const before = executor.sharedColumns.copies;
    expect(await dr.execute(['columnSum', 'columnShared'], { inputs: { column: shared } })).toEqual({ columnSum: 6, columnShared: true });
    expect(executor.sharedColumns.copies).toBe(before);
  });

  test('tables cross as Arrow IPC both ways; plain arrays and records by structured clone', async () => {
    const column = Float64Array.from([1, 2, 3]);
    const result = await dr.execute(['summary', 'summaryStats', 'doubledPlusOne'], { inputs: { column, labels: ['a', 'b', 'c'] } });
    const summary = result.summary as import('arquero').ColumnTable;
    expect(summary.numRows()).toBe(3);
    expect(summary.objects()).toEqual([{ label: 'a', doubled: 2 }, { label: 'b', doubled: 4 }, { label: 'c', doubled: 6 }]);
    expect(result.summaryStats).toEqual({ rows: 3, first: 'a', total: 12 });
    expect(Array.from(result.doubledPlusOne as Float64Array)).toEqual([3, 5, 7]);
  });
});
