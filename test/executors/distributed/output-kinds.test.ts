import * as path from 'path';
import type { DataflowModule } from 'hamilton-ts';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { outputKindCases } from '../../execution/output-kind-cases';
import { assertBuilt, atMost, startRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from './harness';

jest.setTimeout(60_000);

const FIXTURE = path.resolve(__dirname, '../../../dist/test/fixtures/threads/wrong-kinds.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { WrongKinds } = require(FIXTURE) as Record<string, DataflowModule>;

let redis: RedisServer;
let worker: WorkerProcess;
let executor: BullMQExecutor;

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  worker = await startWorkerProcess(redis.url, 'kinds', ['--module', FIXTURE]);
  executor = new BullMQExecutor({ connection: redis.url, queue: 'kinds', keyPrefix: 'test' });
});

afterAll(async () => {
  await atMost(executor?.close() ?? Promise.resolve(), 10_000);
  await worker?.stop();
  await redis?.stop();
});

describe('node results of the wrong kind, computed on BullMQ workers', () => {
  outputKindCases(WrongKinds, () => executor);
});
