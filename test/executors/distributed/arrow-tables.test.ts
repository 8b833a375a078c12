import * as path from 'path';
import { Builder, LocalExecutor, RecordResult, type DataflowModule, type Executor } from 'hamilton-ts';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { assertBuilt, atMost, startRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from './harness';

// Columns of Arrow-backed tables, taken out on a `hamilton-ts worker` process, reach nodes as arrays.
jest.setTimeout(60_000);

const FIXTURE = path.resolve(__dirname, '../../../dist/test/fixtures/threads/arrow-tables.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ArrowTables } = require(FIXTURE) as Record<string, DataflowModule>;

let redis: RedisServer;
let worker: WorkerProcess;
let executor: BullMQExecutor;

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  worker = await startWorkerProcess(redis.url, 'arrow', ['--module', FIXTURE]);
  executor = new BullMQExecutor({ connection: redis.url, queue: 'arrow', keyPrefix: 'test' });
});

afterAll(async () => {
  await atMost(executor?.close() ?? Promise.resolve(), 10_000);
  await worker?.stop();
  await redis?.stop();
});

const records = (executor: Executor) => new Builder().withModules(ArrowTables).withExecutor(executor).withResultBuilder(new RecordResult()).build();

test('BullMQExecutor: columns of Arrow-backed tables reach nodes as arrays, as on the local executor', async () => {
  const outputs = ['day', 'signups', 'note', 'kept', 'columnKinds', 'firstDay', 'spendPerDay', 'regionUpper', 'missingSignups'];
  const expected = await records(new LocalExecutor()).execute(outputs);
  const result = await records(executor).execute(outputs);
  expect(result).toEqual(expected);
  expect(result).toMatchObject({ columnKinds: ['Int32Array', 'Float64Array', 'Array', 'Array', 'Array'], firstDay: 1, missingSignups: 2 });
});
