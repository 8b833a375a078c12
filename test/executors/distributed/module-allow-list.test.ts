import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Queue, QueueEvents } from 'bullmq';
import { Builder, NodeExecutionError, RecordResult, type DataflowModule } from 'hamilton-ts';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { TASK_JOB_NAME, type TaskJob } from '../../../runtime/executors/distributed/task-job';
import { assertBuilt, atMost, CLI, FLOWS, MARKETING, startRedis, startWorkerProcess, type RedisServer, type WorkerProcess } from './harness';

// A job names the modules its graph is built from, and anyone who can write to Redis can
// queue one: a worker loads only the modules it was started with (--module, --module-dir).
jest.setTimeout(60_000);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Remote } = require(FLOWS) as Record<string, DataflowModule>;

let redis: RedisServer;
let scratch: string;
const started: WorkerProcess[] = [];
const executors: BullMQExecutor[] = [];
const queues: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-allow-'));
});

afterAll(async () => {
  await atMost(Promise.all([...executors, ...queues].map((e) => e.close())), 10_000);
  await Promise.all(started.map((w) => w.kill()));
  await redis?.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
});

async function worker(queue: string, args: string[]): Promise<WorkerProcess> {
  const w = await startWorkerProcess(redis.url, queue, args, []);
  started.push(w);
  return w;
}

/** A module that, once loaded, leaves a marker file: proof that a worker ran it. */
function plantedModule(name: string): { file: string; marker: string } {
  const marker = path.join(scratch, `${name}.loaded`);
  const file = path.join(scratch, `${name}.js`);
  fs.writeFileSync(file, `require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); exports.Evil = class Evil {};\n`);
  return { file, marker };
}

/** Queues a task by hand, as anyone with access to Redis could, and waits for its end. */
async function forgedJob(queueName: string, modulePath: string): Promise<{ failedReason?: string }> {
  const connection = { host: '127.0.0.1', port: redis.port };
  const queue = new Queue<TaskJob>(queueName, { connection });
  // From the stream's start: an event written before the listener reads cannot be missed.
  const events = new QueueEvents(queueName, { connection, lastEventId: '0-0' });
  queues.push(queue, events);
  await events.waitUntilReady();
  const job = await queue.add(TASK_JOB_NAME, {
    spec: { modules: [{ modulePath, exportName: 'Evil' }], config: {} },
    nodes: ['anything'],
    inputKeys: {},
    needed: ['anything'],
    outputKeyPrefix: 'forged:out:',
    runKey: 'forged:live',
    errorKey: 'forged:error',
    ttlSeconds: 60,
  }, { removeOnFail: false });
  try {
    await job.waitUntilFinished(events, 20_000);
    return {};
  } catch (error) {
    return { failedReason: (error as Error).message };
  }
}

test('a job naming a module the worker was not started with fails, naming it, and the module never loads', async () => {
  const w = await worker('forged', ['--module', FLOWS]);
  const { file, marker } = plantedModule('planted');
  const { failedReason } = await forgedJob('forged', file);
  expect(failedReason).toContain(file);
  expect(failedReason).toMatch(/not among this worker's modules/);
  expect(fs.existsSync(marker)).toBe(false);
  // The same as a file: URL.
  expect((await forgedJob('forged', `file://${file}`)).failedReason).toContain(file);
  expect(fs.existsSync(marker)).toBe(false);
  expect(w.log()).toContain(file);
});

test('--module-dir allows the modules under a directory, and nothing outside it (symbolic links included)', async () => {
  const dir = fs.mkdtempSync(path.join(scratch, 'allowed-'));
  const outside = plantedModule('outside');
  fs.symlinkSync(outside.file, path.join(dir, 'link.js'));
  await worker('dirs', ['--module-dir', path.dirname(FLOWS), '--module-dir', dir]);
  // A class whose module is under the directory loads on demand.
  const executor = new BullMQExecutor({ connection: redis.url, queue: 'dirs', keyPrefix: 'dirs' });
  executors.push(executor);
  const dr = new Builder().withModules(Remote).withExecutor(executor).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['plusY'], { inputs: { x: 2, y: 1 } })).toEqual({ plusY: 5 });
  // A link inside the directory to a file outside it is outside.
  const { failedReason } = await forgedJob('dirs', path.join(dir, 'link.js'));
  expect(failedReason).toContain(outside.file);
  expect(failedReason).toMatch(/not among this worker's modules/);
  // So is a path that starts inside the directory and climbs out of it.
  const climbing = `${dir}${path.sep}${path.relative(dir, outside.file)}`;
  expect((await forgedJob('dirs', climbing)).failedReason).toContain(outside.file);
  expect(fs.existsSync(outside.marker)).toBe(false);
});

test('a driver whose module the worker does not serve gets a task failure naming the node and the module', async () => {
  await worker('others', ['--module', MARKETING]);
  const executor = new BullMQExecutor({ connection: redis.url, queue: 'others', keyPrefix: 'others' });
  executors.push(executor);
  const dr = new Builder().withModules(Remote).withExecutor(executor).build();
  const error = await dr.execute(['doubled'], { inputs: { x: 1 } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NodeExecutionError);
  expect((error as NodeExecutionError).node.name).toBe('doubled');
  expect((error as Error).message).toContain(FLOWS);
  expect((error as Error).message).toMatch(/not among this worker's modules.*--module/);
});

test('a worker started with no module at all is refused at start', async () => {
  const { spawnSync } = await import('child_process');
  const result = spawnSync(process.execPath, [CLI, 'worker', '--redis', redis.url, '--queue', 'none'], { encoding: 'utf8', timeout: 20_000 });
  expect(result.status).not.toBe(0);
  expect(result.stderr).toMatch(/--module.*--module-dir/);
});
