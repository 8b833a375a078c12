import * as aq from 'arquero';
import { Builder, NodeExecutionError, RecordResult, type DataflowModule } from 'hamilton-ts';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { assertBuilt, atMost, FLOWS, startRedis, startWorkerProcess, waitFor, type RedisServer, type WorkerProcess } from './harness';

// Values larger than valueChunkBytes cross in chunks both ways, through a real `hamilton-ts worker`.
jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Remote } = require(FLOWS) as Record<string, DataflowModule>;

const QUEUE = 'chunked';
let redis: RedisServer;
let worker: WorkerProcess;
let executor: BullMQExecutor;

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  worker = await startWorkerProcess(redis.url, QUEUE, ['--concurrency', '2']);
  executor = new BullMQExecutor({ connection: redis.url, queue: QUEUE, keyPrefix: 'chunked', valueChunkBytes: 1024 });
});
afterAll(async () => {
  await atMost(executor?.close() ?? Promise.resolve(), 10_000);
  await worker?.stop();
  await redis?.stop();
});

test('a column and a table many chunks long go to the worker and back exactly', async () => {
  const values = Float64Array.from({ length: 10_000 }, (_, i) => i - 0.25);
  const names = Array.from({ length: 10_000 }, (_, i) => `row ${i}`);
  const dr = new Builder().withModules(Remote).withExecutor(executor).withResultBuilder(new RecordResult()).build();
  const local = new Builder().withModules(Remote).withResultBuilder(new RecordResult()).build();
  const inputs = { values, factor: 3, names };
  const result = await dr.execute(['scaled', 'scaledSum', 'summary'], { inputs });
  const expected = await local.execute(['scaled', 'scaledSum', 'summary'], { inputs });
  expect(result.scaled).toBeInstanceOf(Float64Array);
  expect(result.scaled).toEqual(expected.scaled);
  expect(result.scaledSum).toBe(expected.scaledSum);
  expect((result.summary as aq.ColumnTable).objects()).toEqual((expected.summary as aq.ColumnTable).objects());
});

test('an input chunk gone before the worker reads it: the run fails naming the node and the value, not a decode crash', async () => {
  // No worker serves this queue yet: the task waits while a chunk of its input goes missing.
  const late = new BullMQExecutor({ connection: redis.url, queue: 'chunked-late', keyPrefix: 'late', valueChunkBytes: 1024 });
  const dr = new Builder().withModules(Remote).withExecutor(late).withResultBuilder(new RecordResult()).build();
  const running = dr.execute(['scaled'], { inputs: { values: Float64Array.from({ length: 5_000 }, (_, i) => i), factor: 2 } }).catch((e: unknown) => e);
  let lateWorker: WorkerProcess | undefined;
  try {
    const key = await waitFor('the input to be written whole', async () => {
      const [found] = await redis.client.keys('late:run:*:value:values');
      return found && (await redis.client.llen(found)) > 40 ? found : undefined;
    });
    await redis.client.rpop(key);
    lateWorker = await startWorkerProcess(redis.url, 'chunked-late');
    const error = await running;
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as NodeExecutionError).node.name).toBe('scaled');
    expect((error as Error).message).toMatch(/node 'scaled' .* failed: .*the value of 'values' \(Redis key late:run:.*:value:values\) is incomplete: \d+ of its \d+ chunks are in Redis/);
  } finally {
    await atMost(late.close(), 10_000);
    await lateWorker?.stop();
  }
});
