import * as aq from 'arquero';
import { threadId } from 'node:worker_threads';
import { Builder, LocalExecutor, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { Branches, Chunks, MarketingSpend, recordDriver } from './load-fixtures';

jest.setTimeout(60_000);

const tagged = new WorkerThreadExecutor({ maxThreads: 2 });
const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
const local = new LocalExecutor();

afterAll(async () => {
  await tagged.close();
  await all.close();
});

describe('WorkerThreadExecutor gives the local executor\'s results', () => {
  test('on the marketing example (compiled), offloading every node or none', async () => {
    const outputs = ['spend', 'signups', 'avg3wkSpend', 'acquisitionCost', 'spendZeroMean', 'spendZeroMeanUnitVariance'];
    const inputs = aq.table({
      signups: Float64Array.from([1, 10, 50, 100, 200, 400]),
      spend: Float64Array.from([10, 10, 20, 40, 40, 50]),
    });
    const run = (executor: Executor) => new Builder().withModules(MarketingSpend).withExecutor(executor).build()
      .execute(outputs, { inputs }).then((table) => table.objects());
    const expected = await run(local);
    expect(await run(all)).toEqual(expected);
    expect(await run(tagged)).toEqual(expected);
    expect(expected[5]).toMatchObject({ spend: 50, acquisitionCost: 130 / 3 / 400 });
  });

  test('on tagged heavy branches, with an async node', async () => {
    const outputs = ['left', 'right', 'combined', 'afterDelay'];
    const inputs = { size: 20_000, rounds: 50 };
    const expected = await recordDriver(Branches, local).execute(outputs, { inputs });
    const result = await recordDriver(Branches, tagged).execute(outputs, { inputs });
    expect(result).toEqual(expected);
    expect(result.afterDelay).toBeCloseTo(40_000 + (result.combined as number));
    expect(await recordDriver(Branches, all).execute(outputs, { inputs })).toEqual(expected);
  });

  test('on a Parallelizable / Collect fan-out', async () => {
    const outputs = ['total', 'sums', 'chunks'];
    const inputs = { count: 5, size: 4 };
    const expected = await recordDriver(Chunks, local).execute(outputs, { inputs });
    expect(expected.sums).toEqual([6, 22, 38, 54, 70]);
    expect(await recordDriver(Chunks, tagged).execute(outputs, { inputs })).toEqual(expected);
    expect(await recordDriver(Chunks, tagged).execute(['total'], { inputs: { count: 0, size: 4 } })).toEqual({ total: 0 });
  });
});

describe('granularity', () => {
  test('tagged nodes run on worker threads, untagged ones on the calling thread', async () => {
    const result = await recordDriver(Branches, tagged).execute(['leftThread', 'mainThread'], { inputs: { size: 10, rounds: 1 } });
    expect(result.leftThread).not.toBe(threadId);
    expect(result.mainThread).toBe(threadId);
  });

  test('fan-out items always go to the pool, even untagged', async () => {
    const { threads } = await recordDriver(Chunks, tagged).execute(['threads'], { inputs: { count: 4, size: 1 } });
    expect(threads).toHaveLength(4);
    for (const id of threads as number[]) expect(id).not.toBe(threadId);
  });

  test("offload: 'all' sends untagged nodes to the pool too", async () => {
    const { mainThread } = await recordDriver(Branches, all).execute(['mainThread'], { inputs: { size: 1 } });
    expect(mainThread).not.toBe(threadId);
  });

  test('a graph that never offloads needs no compiled module: classes compiled by ts-jest run locally', async () => {
    const { Builder: B, dataflow } = await import('hamilton-ts');
    @dataflow()
    class InMemory {
      twice(x: number): number {
        return x * 2;
      }
    }
    const dr = new B().withModules(InMemory).withExecutor(tagged).build();
    expect(await dr.rawExecute(['twice'], { inputs: { x: 21 } })).toEqual({ twice: 42 });
    const everywhere = new B().withModules(InMemory).withExecutor(all).build();
    await expect(everywhere.rawExecute(['twice'], { inputs: { x: 21 } })).rejects.toThrow(/^InMemory cannot be loaded by a worker: export the class/);
  });

  test('the executor is named threads and refuses an unknown offload mode', () => {
    expect(tagged.name).toBe('threads');
    expect(() => new WorkerThreadExecutor({ offload: 'some' as 'all' })).toThrow("offload must be 'tagged' or 'all'");
  });
});
