import { Worker } from 'bullmq';
import { TaskQueue, TaskTimeoutError } from '../../../runtime/executors/distributed/task-queue';
import { startRedis, type RedisServer } from './harness';

// A job carrying several tasks is run one task after another: its time limit is taskTimeoutMs for each of them.
jest.setTimeout(30_000);

const QUEUE = 'timeouts';
const LIMIT_MS = 600;
let redis: RedisServer;
let queue: TaskQueue;
let worker: Worker;

beforeAll(async () => {
  redis = await startRedis();
  queue = await TaskQueue.open({ connection: redis.url, queue: QUEUE, taskTimeoutMs: LIMIT_MS, attempts: 1 });
  // A worker taking 1.5 limits per job, as a job of two tasks of 0.75 limit each would.
  worker = new Worker(QUEUE, async () => {
    await new Promise((resolve) => setTimeout(resolve, LIMIT_MS * 1.5));
    return JSON.stringify({ done: true });
  }, { connection: { host: '127.0.0.1', port: redis.port } });
  await worker.waitUntilReady();
});

afterAll(async () => {
  await worker?.close();
  await queue?.close();
  await redis?.stop();
});

test('a job of two tasks has twice the limit', async () => {
  const [returned] = queue.runJobs([{ jobId: 'two-tasks', name: 'hamilton-ts-tasks', data: {}, what: 'a job of 2 tasks', tasks: 2 }]);
  await expect(returned).resolves.toBe(JSON.stringify({ done: true }));
});

test('a job of one task has the limit once, and the message says so', async () => {
  const [returned] = queue.runJobs([{ jobId: 'one-task', name: 'hamilton-ts-tasks', data: {}, what: 'node \'slow\'', tasks: 1 }]);
  await expect(returned).rejects.toThrow(TaskTimeoutError);
  await expect(returned).rejects.toThrow(`node 'slow' did not finish within ${LIMIT_MS} ms`);
});
