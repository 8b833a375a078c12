import * as fs from 'fs';
import * as path from 'path';
import * as aq from 'arquero';
import { Builder, RecordResult, type DataflowModule } from 'hamilton-ts';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { assertBuilt, atMost, FLOWS, keysWithTtl, MARKETING, startRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from './harness';

// Two real `hamilton-ts worker` processes on a redis-server of the test's own: what a
// BullMQExecutor computes must be exactly what the in-process executor computes.
jest.setTimeout(60_000);

const QUEUE = 'results';
let redis: RedisServer;
let workers: WorkerProcess[] = [];
let executor: BullMQExecutor;

// The compiled classes: workers load the same files, at the paths the transformer recorded.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Remote, RemoteOverride, Fanned, Yielded } = require(FLOWS) as Record<string, DataflowModule>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MarketingSpend } = require(MARKETING) as Record<string, DataflowModule>;

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  workers = await Promise.all([0, 1].map(() => startWorkerProcess(redis.url, QUEUE, ['--concurrency', '4'])));
  executor = new BullMQExecutor({ connection: redis.url, queue: QUEUE, keyPrefix: 'test' });
});

afterAll(async () => {
  await atMost(executor?.close() ?? Promise.resolve(), 10_000);
  const exits = await Promise.all(workers.map((w) => w.stop()));
  await redis?.stop();
  // SIGTERM is a clean shutdown: exit 0, and it says so.
  expect(exits).toEqual(workers.map(() => ({ code: 0, signal: null })));
  for (const w of workers) expect(w.log()).toContain('hamilton-ts worker: stopped');
});

const local = (...modules: DataflowModule[]) => new Builder().withModules(...modules);
const remote = (...modules: DataflowModule[]) => new Builder().withModules(...modules).withExecutor(executor);

describe('BullMQExecutor gives the local executor\'s results', () => {
  test('the marketing example, as an Arquero table', async () => {
    const inputs = aq.table({
      signups: Float64Array.from([1, 10, 50, 100, 200, 400]),
      spend: Float64Array.from([10, 10, 20, 40, 40, 50]),
    });
    const outputs = ['spend', 'signups', 'avg3wkSpend', 'acquisitionCost', 'spendZeroMean', 'spendZeroMeanUnitVariance', 'spendMean'];
    const expected = await local(MarketingSpend).build().execute(outputs, { inputs });
    const dr = remote(MarketingSpend).build();
    const actual = await dr.execute(outputs, { inputs });
    expect(actual.columnNames()).toEqual(expected.columnNames());
    for (const name of expected.columnNames()) {
      const column = actual.column(name) as unknown as ArrayLike<number>;
      expect(Array.from(column)).toEqual(Array.from(expected.column(name) as unknown as ArrayLike<number>));
    }
    // Columns come back as the typed arrays the nodes returned, not as copies of another kind.
    const raw = await dr.rawExecute(['avg3wkSpend', 'spendMean'], { inputs });
    expect(raw.avg3wkSpend).toBeInstanceOf(Float64Array);
    expect(typeof raw.spendMean).toBe('number');
    // The data-quality report is the same too: check nodes run on the workers as well.
    const { report } = await dr.executeWithReport(outputs, { inputs });
    const { report: localReport } = await local(MarketingSpend).build().executeWithReport(outputs, { inputs });
    expect(report.results).toEqual(localReport.results);
  });

  test('a Parallelizable / Collect fan-out: one task per item, gathered in item order', async () => {
    const inputs = { count: 40, offset: 3 };
    const expected = await local(Fanned).withResultBuilder(new RecordResult()).build().execute(['total', 'labels', 'squares'], { inputs });
    const actual = await remote(Fanned).withResultBuilder(new RecordResult()).build().execute(['total', 'labels', 'squares'], { inputs });
    expect(actual).toEqual(expected);
    expect(actual.labels).toHaveLength(40);
    expect(await remote(Fanned).withResultBuilder(new RecordResult()).build().execute(['total'], { inputs: { count: 0, offset: 0 } })).toEqual({ total: 0 });
  });

  test("an override of the Parallelizable node: its items fan out on the workers, as in-process", async () => {
    const options = { inputs: { offset: 1 }, overrides: { items: [7, 2, 5] } };
    const expected = await local(Fanned).withResultBuilder(new RecordResult()).build().execute(['total', 'labels'], options);
    expect(expected).toEqual({ total: 81, labels: ['7:50', '2:5', '5:26'] });
    expect(await remote(Fanned).withResultBuilder(new RecordResult()).build().execute(['total', 'labels'], options)).toEqual(expected);
  });

  test('a Parallelizable node that returns a generator: its items travel, not the generator', async () => {
    const dr = remote(Yielded).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['tripledParts'], { inputs: { count: 5 } })).toEqual({ tripledParts: [0, 3, 6, 9, 12] });
  });

  test('scalars, typed arrays, tables and values JSON cannot hold travel both ways', async () => {
    const inputs = { x: 3, y: 4, values: Float64Array.of(1, -0, 2.5), factor: 2, names: ['a', 'b', 'c'] };
    const outputs = ['plusY', 'scaled', 'scaledSum', 'summary', 'oddities'];
    const expected = await local(Remote).withResultBuilder(new RecordResult()).build().execute(outputs, { inputs });
    const actual = await remote(Remote).withResultBuilder(new RecordResult()).build().execute(outputs, { inputs });
    expect(actual.plusY).toBe(10);
    expect(actual.scaled).toEqual(expected.scaled);
    expect(actual.scaled).toBeInstanceOf(Float64Array);
    expect(Object.is((actual.scaled as Float64Array)[1], -0)).toBe(true);
    expect(actual.scaledSum).toBe(expected.scaledSum);
    expect((actual.summary as aq.ColumnTable).objects()).toEqual((expected.summary as aq.ColumnTable).objects());
    expect(actual.oddities).toEqual(expected.oddities);
    expect((actual.oddities as { big: bigint }).big).toBe(300000000000000000000n);
  });

  test('allowModuleOverrides: workers rebuild the graph with the later module\'s node', async () => {
    const inputs = { x: 3, y: 4 };
    const expected = await local(Remote, RemoteOverride).allowModuleOverrides().withResultBuilder(new RecordResult()).build().execute(['plusY'], { inputs });
    expect(expected).toEqual({ plusY: 13 });
    expect(await remote(Remote, RemoteOverride).allowModuleOverrides().withResultBuilder(new RecordResult()).build().execute(['plusY'], { inputs })).toEqual(expected);
  });

  test('a run deletes its keys when it ends', async () => {
    await remote(Remote).withResultBuilder(new RecordResult()).build().execute(['plusY'], { inputs: { x: 1, y: 2 } });
    expect(await keysWithTtl(redis.client, 'test:run:*')).toEqual({});
    // and BullMQ keeps no finished job: only the queue's own keys are left
    const left = (await redis.client.keys(`bull:${QUEUE}:*`)).filter((key) => !/:(meta|id|events|stalled-check|marker)$/.test(key));
    expect(left).toEqual([]);
  });

  test('a module recorded at a path the worker lacks is found among its --module files', async () => {
    // The driver loads a copy of the compiled module from another folder, which then disappears:
    // the workers, started with --module <the original>, find the class there by file and export name.
    const moved = path.join(path.dirname(FLOWS), 'moved');
    fs.mkdirSync(moved, { recursive: true });
    const copy = path.join(moved, path.basename(FLOWS));
    fs.copyFileSync(FLOWS, copy);
    let Moved: DataflowModule;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      Moved = (require(copy) as Record<string, DataflowModule>).Remote;
    } finally {
      fs.rmSync(moved, { recursive: true, force: true });
    }
    expect(await remote(Moved).withResultBuilder(new RecordResult()).build().execute(['plusY'], { inputs: { x: 2, y: 1 } })).toEqual({ plusY: 5 });
  });

  test('a class passed as an instance, or compiled in memory, is refused with what to do', async () => {
    const dr = new Builder().withModules(new (Remote as unknown as new () => object)() as DataflowModule).withExecutor(executor).build();
    await expect(dr.execute(['doubled'], { inputs: { x: 1 } })).rejects.toThrow(/passed as an instance: a worker cannot rebuild it/);
  });
});
