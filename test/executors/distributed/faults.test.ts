import { spawn } from 'child_process';
import { Builder, NodeExecutionError, NodeTimeoutError, RecordResult, type DataflowModule } from 'hamilton-ts';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { RedisConnectionError } from '../../../runtime/executors/distributed/redis-connection';
import { ExecutorClosedError, TaskTimeoutError } from '../../../runtime/executors/distributed/task-queue';
import {
  assertBuilt, atMost, CRASH_DRIVER, FLOWS, freePort, keysWithTtl, startRedis, startWorkerProcess, waitFor,
  type RedisServer, type WorkerProcess,
} from './harness';

// Faults with real processes: a node that throws, a worker killed mid-task, Redis absent or
// killed mid-run, a driver killed mid-run. Each ends in a clear error or a correct result,
// within a bounded time; nothing hangs, and nothing outlives its keys' expiry.
jest.setTimeout(90_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Remote } = require(FLOWS) as Record<string, DataflowModule>;

/** Small lock and stall check: a dead worker's task is handed on within about two seconds. */
const FAST_RECOVERY = ['--lock-duration', '1000', '--stalled-interval', '500', '--verbose'];

let redis: RedisServer;
const started: WorkerProcess[] = [];
const executors: BullMQExecutor[] = [];

async function worker(queue: string, extra: string[] = [], server = redis): Promise<WorkerProcess> {
  const w = await startWorkerProcess(server.url, queue, extra);
  started.push(w);
  return w;
}

function driver(queue: string, options: Partial<ConstructorParameters<typeof BullMQExecutor>[0]> = {}) {
  const executor = new BullMQExecutor({ connection: redis.url, queue, keyPrefix: 'faults', ...options });
  executors.push(executor);
  return new Builder().withModules(Remote).withExecutor(executor).withResultBuilder(new RecordResult()).build();
}

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
});

afterAll(async () => {
  await atMost(Promise.all(executors.map((e) => e.close())), 10_000);
  await Promise.all(started.map((w) => w.kill()));
  await redis?.stop();
});

test('a node that throws fails the run with its name and cause; the workers serve the next run', async () => {
  await worker('throws');
  const dr = driver('throws');
  const error = await dr.execute(['afterFailing'], { inputs: { x: 13 } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NodeExecutionError);
  // The driver's own node, by name: its source location and all.
  expect((error as NodeExecutionError).node).toBe(dr.graph.nodes.get('failing'));
  expect((error as Error).message).toMatch(/^node 'failing' \(Remote\.failing at .*flows\.ts:\d+\) failed: RangeError: unlucky 13$/);
  const cause = (error as Error).cause as Error;
  expect(cause.name).toBe('RangeError');
  expect(cause.message).toBe('unlucky 13');
  expect(cause.stack).toContain('flows.js');

  // The same workers go on serving.
  expect(await dr.execute(['afterFailing', 'plusY'], { inputs: { x: 12, y: 1 } })).toEqual({ afterFailing: 13, plusY: 25 });
  // The failure was not retried: a node's error is final.
  await started[0].waitForLog("failed: node 'failing'");
  expect(started[0].log().match(/failed: node 'failing'/g)).toHaveLength(1);
  // A value that cannot travel is that node's error, on the way out of the worker.
  await expect(dr.execute(['opaque'], { inputs: { x: 1 } })).rejects.toThrow(/node 'opaque' .* failed: ValueCodecError: its value cannot be sent back to the driver: a URL cannot be sent/);
});

test('a failing data-quality check on a worker is the DataQualityError the local executor raises', async () => {
  const dr = driver('throws');
  const local = new Builder().withModules(Remote).withResultBuilder(new RecordResult()).build();
  for (const onFailedCheck of ['stop', 'skipDependents'] as const) {
    const options = { inputs: { x: 13, y: 1 }, onFailedCheck };
    const expected = await local.execute(['bounded', 'plusY'], options).catch((e: Error) => e);
    const error = await dr.execute(['bounded', 'plusY'], options).catch((e: Error) => e);
    expect(error.constructor).toBe(expected.constructor);
    expect(error.name).toBe('DataQualityError');
    expect(error.message).toBe(expected.message);
    expect((error as unknown as { report: { results: unknown[] } }).report.results)
      .toEqual((expected as unknown as { report: { results: unknown[] } }).report.results);
  }
});

test('a worker killed with SIGKILL mid-task: BullMQ hands the task to another worker and the run completes', async () => {
  const doomed = await worker('stalls', FAST_RECOVERY);
  const dr = driver('stalls');
  const started0 = Date.now();
  const run = dr.execute(['afterSlow'], { inputs: { x: 4, delayMs: 2_500 } });
  await doomed.waitForLog(/\(slow, afterSlow\) started/);
  await doomed.kill();
  const rescuer = await worker('stalls', FAST_RECOVERY);
  expect(await run).toEqual({ afterSlow: 500 });
  // slow and afterSlow are a chain: one task, run again whole by the rescuer.
  expect(rescuer.log()).toMatch(/\(slow, afterSlow\) started/);
  expect(Date.now() - started0).toBeLessThan(30_000);
  expect(await keysWithTtl(redis.client, 'faults:run:*')).toEqual({});
});

test('a task still running when its run fails writes nothing after the run deleted its keys', async () => {
  const w = await worker('late', ['--concurrency', '2', '--verbose']);
  const dr = driver('late', { keyPrefix: 'late' });
  // 'failing' fails at once; 'slow' is still running on the worker when the run ends.
  const error = await dr.execute(['failing', 'slow'], { inputs: { x: 13, delayMs: 1_500 } }).catch((e: Error) => e);
  expect((error as Error).message).toMatch(/node 'failing' .* failed: RangeError: unlucky 13/);
  await w.waitForLog(/\(slow\) done/);
  expect(w.log()).toMatch(/\(slow\) done in \d+ ms; its run had ended: no output written/);
  expect(await keysWithTtl(redis.client, 'late:run:*')).toEqual({});
});

test('close() during a run: the run rejects saying so, and its keys are deleted, late outputs included', async () => {
  const w = await worker('closing', ['--verbose']);
  const executor = new BullMQExecutor({ connection: redis.url, queue: 'closing', keyPrefix: 'closing' });
  const dr = new Builder().withModules(Remote).withExecutor(executor).withResultBuilder(new RecordResult()).build();
  const run = dr.execute(['afterSlow'], { inputs: { x: 1, delayMs: 1_500 } }).catch((e: unknown) => e);
  await w.waitForLog(/\(slow, afterSlow\) started/);
  expect(Object.keys(await keysWithTtl(redis.client, 'closing:run:*')).length).toBeGreaterThan(0);
  await dr.close();
  const error = await run;
  expect(error).toBeInstanceOf(ExecutorClosedError);
  expect((error as Error).message).toMatch(/^the BullMQExecutor was closed while the run was in progress: its keys are deleted/);
  expect(await keysWithTtl(redis.client, 'closing:run:*')).toEqual({});
  // The task the worker was running ends (finished, or failed if it had not read its inputs yet), and writes nothing.
  await w.waitForLog(/\(slow, afterSlow\) (done|failed)/);
  expect(await keysWithTtl(redis.client, 'closing:run:*')).toEqual({});
  // A closed executor opens new connections for its next run.
  expect(await dr.execute(['doubled'], { inputs: { x: 2 } })).toEqual({ doubled: 4 });
  await dr.close();
});

test('Redis unreachable: a clear error within seconds, not a hang', async () => {
  const port = await freePort(); // nothing listens there
  const executor = new BullMQExecutor({ connection: `redis://127.0.0.1:${port}`, queue: 'nowhere' });
  executors.push(executor);
  const dr = new Builder().withModules(Remote).withExecutor(executor).build();
  const t0 = Date.now();
  const error = await dr.execute(['doubled'], { inputs: { x: 1 } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(RedisConnectionError);
  expect((error as Error).message).toMatch(new RegExp(`^cannot reach Redis at redis://127\\.0\\.0\\.1:${port}: .*ECONNREFUSED.*Is redis-server running there`));
  expect(Date.now() - t0).toBeLessThan(10_000);
  // The same with ioredis options, and the password never appears in a message.
  const withOptions = new BullMQExecutor({ connection: { host: '127.0.0.1', port, password: 'sekrit', db: 2 }, queue: 'nowhere' });
  executors.push(withOptions);
  const message = await new Builder().withModules(Remote).withExecutor(withOptions).build().execute(['doubled'], { inputs: { x: 1 } }).catch((e: Error) => e.message);
  expect(message).toContain(`redis://127.0.0.1:${port}/2`);
  expect(message).not.toContain('sekrit');
});

test('Redis going away mid-run: a clear error within seconds, not a hang', async () => {
  const doomed = await startRedis();
  try {
    const w = await worker('vanishing', ['--verbose'], doomed);
    const executor = new BullMQExecutor({ connection: doomed.url, queue: 'vanishing' });
    executors.push(executor);
    const dr = new Builder().withModules(Remote).withExecutor(executor).build();
    const run = dr.execute(['afterSlow'], { inputs: { x: 1, delayMs: 60_000 } }).catch((e: unknown) => e);
    await w.waitForLog(/\(slow, afterSlow\) started/);
    const t0 = Date.now();
    await doomed.kill();
    const error = await run;
    expect(error).toBeInstanceOf(RedisConnectionError);
    expect((error as Error).message).toMatch(new RegExp(`^lost the connection to Redis at redis://127\\.0\\.0\\.1:${doomed.port}`));
    expect(Date.now() - t0).toBeLessThan(15_000);
  } finally {
    await doomed.stop();
  }
});

test('a task no worker takes: a TaskTimeoutError naming the node after taskTimeoutMs, and nothing left queued', async () => {
  const dr = driver('unserved', { taskTimeoutMs: 500 });
  const t0 = Date.now();
  const error = await dr.execute(['doubled'], { inputs: { x: 1 } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TaskTimeoutError);
  expect((error as Error).message).toMatch(/^node 'doubled' did not finish within 500 ms on queue 'unserved' at redis:\/\/127\.0\.0\.1:\d+: is a worker running/);
  expect(Date.now() - t0).toBeLessThan(5_000);
  expect(await keysWithTtl(redis.client, 'faults:run:*')).toEqual({});
  expect(await redis.client.llen('bull:unserved:wait')).toBe(0);
});

test('a run timeout on BullMQ: NodeTimeoutError naming the running node, its keys deleted, its queued task taken off the queue', async () => {
  const w = await worker('timed', ['--verbose']);
  const dr = driver('timed', { keyPrefix: 'timed' });
  const t0 = Date.now();
  const error = await dr.execute(['afterSlow'], { inputs: { x: 1, delayMs: 2_000 }, timeoutMs: 500 }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NodeTimeoutError);
  // The task still running when the time was up: the chain of slow and afterSlow.
  expect((error as NodeTimeoutError).nodes.map((n) => n.name)).toEqual(['slow', 'afterSlow']);
  expect(Date.now() - t0).toBeLessThan(1_900);
  expect(await keysWithTtl(redis.client, 'timed:run:*')).toEqual({});
  // The worker finishes the abandoned task and writes nothing.
  await w.waitForLog(/\(slow, afterSlow\) done in \d+ ms; its run had ended/);
  expect(await keysWithTtl(redis.client, 'timed:run:*')).toEqual({});
  // A task no worker takes: the run's timeout comes long before taskTimeoutMs, and the job leaves the queue.
  const unserved = driver('timed-unserved', { keyPrefix: 'timed' });
  await expect(unserved.execute(['doubled'], { inputs: { x: 1 }, timeoutMs: 300 })).rejects.toThrow(NodeTimeoutError);
  await waitFor('the queued task to be taken off the queue', async () => (await redis.client.llen('bull:timed-unserved:wait')) === 0, 5_000);
});

test('a driver killed mid-run leaves nothing in Redis that does not expire', async () => {
  const w = await worker('orphans', ['--verbose']);
  const child = spawn(process.execPath, [CRASH_DRIVER, redis.url, 'orphans', 'orphans', '1500'], { stdio: ['ignore', 'pipe', 'pipe'] });
  process.once('exit', () => child.kill('SIGKILL'));
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  await w.waitForLog(/\(slow, afterSlow\) started/);
  // The run's input keys are in Redis now, each with its expiry (the crash driver asks for 600 s).
  const before = await keysWithTtl(redis.client, 'orphans:run:*');
  expect(Object.keys(before).length).toBeGreaterThan(0);
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
  expect(output).toBe('started\n');

  // The orphaned task still finishes on the worker, which writes its output with the same expiry.
  await w.waitForLog(/\(slow, afterSlow\) done/);
  const after = await keysWithTtl(redis.client, 'orphans:run:*');
  expect(Object.keys(after).some((key) => key.includes(':out:afterSlow'))).toBe(true);
  for (const [key, ttl] of Object.entries({ ...before, ...after })) {
    if (ttl === -2) continue; // already gone
    expect([key, ttl > 0 && ttl <= 600]).toEqual([key, true]);
  }
  // BullMQ removed the finished job: only the queue's own keys remain, none of the run's.
  await waitFor('the job to be removed', async () => (await redis.client.keys('bull:orphans:*'))
    .every((key) => /:(meta|id|events|stalled-check|marker)$/.test(key)));
});
