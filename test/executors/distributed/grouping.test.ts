import { Builder, NodeExecutionError, RecordResult, type DataflowModule, type LifecycleAdapter } from 'hamilton-ts';
import { BullMQExecutor, type BullMQExecutorOptions } from '../../../runtime/executors/distributed/bullmq-executor';
import { tempCacheDir } from '../../cache/temp-cache';
import { Recorder } from '../../lifecycle/recording-adapter';
import { assertBuilt, atMost, GROUPING, startRedis, startWorkerProcess, waitFor, type RedisServer, type WorkerProcess } from './harness';

// Tasks of several nodes on two real `hamilton-ts worker` processes: a fan-out item's block and a
// chain each run as one BullMQ task; what is read only inside a task never goes through Redis.
jest.setTimeout(60_000);

const QUEUE = 'grouping';
let redis: RedisServer;
let workers: WorkerProcess[] = [];
const executors: BullMQExecutor[] = [];

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Grouped } = require(GROUPING) as Record<string, DataflowModule>;

beforeAll(async () => {
  assertBuilt();
  redis = await startRedis();
  workers = await Promise.all([0, 1].map(() => startWorkerProcess(redis.url, QUEUE, ['--concurrency', '4', '--verbose'], [GROUPING])));
});

afterAll(async () => {
  await atMost(Promise.all(executors.map((e) => e.close())), 10_000);
  await Promise.all(workers.map((w) => w.stop()));
  await redis?.stop();
});

function executor(options: Partial<BullMQExecutorOptions> = {}): BullMQExecutor {
  const made = new BullMQExecutor({ connection: redis.url, queue: QUEUE, keyPrefix: 'grouping', ...options });
  executors.push(made);
  return made;
}

const remote = (options: Partial<BullMQExecutorOptions> = {}, ...adapters: LifecycleAdapter[]) => new Builder().withModules(Grouped)
  .withExecutor(executor(options)).withResultBuilder(new RecordResult()).withAdapters(...adapters).build();
const local = () => new Builder().withModules(Grouped).withResultBuilder(new RecordResult()).build();

/** How many times the workers logged a task of exactly these nodes starting. */
const startedTasks = (nodes: string[]) => workers.reduce((n, w) => n + (w.log().split(`(${nodes.join(', ')}) started`).length - 1), 0);

describe('tasks of several nodes on BullMQ', () => {
  test("a fan-out item's block of three nodes is one task per item; a class instance passes between them", async () => {
    const inputs = { count: 6, slope: 3 };
    const before = startedTasks(['itemModel', 'prediction', 'label']);
    const rec = new Recorder();
    const result = await remote({}, rec).execute(['labels'], { inputs });
    expect(result).toEqual(await local().execute(['labels'], { inputs }));
    expect(result.labels).toEqual(['0=0', '1=4', '2=8', '3=12', '4=16', '5=20']);
    const blockTasks = rec.submitted.filter((e) => e.nodes.includes('itemModel'));
    expect(blockTasks.map((e) => e.nodes)).toEqual(Array(6).fill(['itemModel', 'prediction', 'label']));
    await waitFor('the workers to log the six tasks', () => startedTasks(['itemModel', 'prediction', 'label']) - before === 6);
    // The node hooks still fire per node, saying where each ran and in which task.
    const afterModel = rec.after.filter((e) => e.node.name === 'itemModel');
    expect(afterModel).toHaveLength(6);
    for (const event of afterModel) {
      expect(event).toMatchObject({ success: true, where: { executor: 'bullmq', on: 'worker' } });
      expect(blockTasks.map((t) => t.taskId)).toContain(event.taskId);
      // The model stayed on the worker: the driver never had it.
      expect(event.result).toBeUndefined();
    }
  });

  test("one node per task ('nodes'): the same block's model must travel, and is refused, naming the node", async () => {
    const error = await remote({ grouping: 'nodes' }).execute(['labels'], { inputs: { count: 2, slope: 3 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as NodeExecutionError).node.name).toBe('itemModel');
    expect((error as Error).message).toMatch(/^node 'itemModel' .* failed: ValueCodecError: its value cannot be sent back to the driver: a LinearModel cannot be sent to another process/);
  });

  test('a chain passes a class instance by reference; read from another task too, it is refused at that boundary', async () => {
    const inputs = { slope: 2, x: 5 };
    expect(await remote().execute(['predicted'], { inputs })).toEqual({ predicted: 11 });
    const error = await remote().execute(['predicted', 'alsoPredicted'], { inputs }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as Error).message).toMatch(/^node 'fitted' .* failed: ValueCodecError: its value cannot be sent back to the driver: a LinearModel .* Only a value read outside its task travels/);
    // Without chains, fitted and predicted are two tasks: the model would have to travel.
    await expect(remote({ grouping: 'blocks' }).execute(['predicted'], { inputs })).rejects.toThrow(/^node 'fitted' .* a LinearModel cannot be sent/);
  });

  test('values read only inside a task are never written to Redis; one node per task writes each', async () => {
    const keysWhileWaiting = async (grouping: 'chains' | 'nodes', keyPrefix: string) => {
      const dr = remote({ grouping, keyPrefix });
      const before = startedTasks(['waiting']);
      const run = dr.execute(['waiting'], { inputs: { x: 1, delayMs: 1_000 } });
      await waitFor('the waiting task to start', () => startedTasks(['waiting']) > before);
      const keys = await redis.client.keys(`${keyPrefix}:run:*`);
      expect(await run).toEqual({ waiting: 7 });
      return keys.map((key) => key.replace(/^.*:run:[^:]+:/, '')).sort();
    };
    const grouped = await keysWhileWaiting('chains', 'chains');
    // x and delayMs went to the workers, third came back from the chain's task: first and second stayed there.
    expect(grouped).toEqual(['live', 'task:1:out:third', 'value:delayMs', 'value:x']);
    const alone = await keysWhileWaiting('nodes', 'alone');
    expect(alone).toEqual(['live', 'task:1:out:first', 'task:2:out:second', 'task:3:out:third', 'value:delayMs', 'value:x']);
  });

  test('a node failing inside a task is named, not its task; the node hooks say which ran and which did not', async () => {
    const rec = new Recorder();
    const dr = remote({}, rec);
    const error = await dr.execute(['end'], { inputs: { x: 13 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as NodeExecutionError).node).toBe(dr.graph.nodes.get('middle'));
    expect((error as Error).message).toMatch(/^node 'middle' \(Grouped\.middle at .*grouping\.ts:\d+\) failed: RangeError: middle refuses 13$/);
    expect(rec.returned.map((e) => [e.nodes, e.success])).toEqual([[['start', 'middle', 'end'], false]]);
    expect(rec.after.map((e) => [e.node.name, e.success])).toEqual([['start', true], ['middle', false], ['end', false]]);
    expect(await dr.execute(['end'], { inputs: { x: 4 } })).toEqual({ end: 9 });
  });

  test.each(['chains', 'blocks', 'nodes'] as const)("'%s' gives the local executor's results", async (grouping) => {
    const inputs = { count: 5, slope: 4, x: 3, offset: 2 };
    const outputs = ['end', 'third', 'reported', 'offsetted'];
    expect(await remote({ grouping }).execute(outputs, { inputs })).toEqual(await local().execute(outputs, { inputs }));
  });

  test('the cache decides before dispatch, node by node: hits inside a chain are served, the misses after them run on the workers', async () => {
    const path = tempCacheDir();
    const cached = () => new Builder().withModules(Grouped).withExecutor(executor()).withResultBuilder(new RecordResult()).withCache({ path }).build();
    const first = cached();
    expect(await first.execute(['reported'], { inputs: { x: 2, offset: 1 } })).toEqual({ reported: 'value 21' });
    expect(first.cache.logs().map((d) => [d.node, d.decision])).toEqual([['scaledX', 'miss'], ['offsetted', 'miss'], ['reported', 'miss']]);
    const again = cached();
    expect(await again.execute(['reported'], { inputs: { x: 2, offset: 1 } })).toEqual({ reported: 'value 21' });
    expect(again.cache.logs().map((d) => d.decision)).toEqual(['hit', 'hit', 'hit']);
    const changed = cached();
    expect(await changed.execute(['reported'], { inputs: { x: 2, offset: 5 } })).toEqual({ reported: 'value 25' });
    expect(changed.cache.logs().map((d) => [d.node, d.decision])).toEqual([['scaledX', 'hit'], ['offsetted', 'miss'], ['reported', 'miss']]);
  });
});

describe('tasks ready at once share BullMQ jobs', () => {
  /** The distinct jobs, and the tasks, the workers logged starting for these nodes since `from` (a log length per worker). */
  const jobsSince = (from: number[], nodes: string[]) => {
    const lines = workers.flatMap((w, i) => w.log().slice(from[i]).split('\n')).filter((line) => line.endsWith(`(${nodes.join(', ')}) started`));
    return { tasks: lines.length, jobs: new Set(lines.map((line) => /job (\S+) /.exec(line)![1])).size };
  };
  const logLengths = () => workers.map((w) => w.log().length);
  const block = ['itemModel', 'prediction', 'label'];

  test('200 items: spread over 64 jobs; at most tasksPerJob tasks in one; tasksPerJob 1: a job per task', async () => {
    for (const [options, jobs] of [[{}, 64], [{ tasksPerJob: 2 }, 100], [{ tasksPerJob: 1 }, 200]] as const) {
      const from = logLengths();
      const result = await remote(options).execute(['labels'], { inputs: { count: 200, slope: 1 } });
      expect((result.labels as string[])[199]).toBe('199=398');
      await waitFor('every task to be logged', () => jobsSince(from, block).tasks === 200);
      expect([options, jobsSince(from, block).jobs]).toEqual([options, jobs]);
    }
  });

  test('a task with a time limit of its own travels alone: its result never waits for other tasks', async () => {
    const from = logLengths();
    expect(await remote().execute(['timedTotal'], { inputs: { count: 100 } })).toEqual({ timedTotal: 9_900 });
    await waitFor('every task to be logged', () => jobsSince(from, ['timedPart']).tasks === 100);
    expect(jobsSince(from, ['timedPart']).jobs).toBe(100);
  });

  test('an item failing fails its own task only: the other tasks of its job complete', async () => {
    const from = logLengths();
    const dr = remote();
    const error = await dr.execute(['partsTotal'], { inputs: { count: 200 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as Error).message).toMatch(/^node 'checkedPart' .* failed: RangeError: part 13 is unlucky$/);
    const lines = () => workers.flatMap((w, i) => w.log().slice(from[i]).split('\n'));
    await waitFor('the failure to be logged', () => lines().some((line) => line.includes("(checkedPart) failed: node 'checkedPart'")));
    const failedJob = /job (\S+) /.exec(lines().find((line) => line.includes('(checkedPart) failed'))!)![1];
    // 200 tasks in 64 jobs: three or four to a job, the failing one's others done.
    const done = lines().filter((line) => line.includes(`job ${failedJob} (checkedPart) done`));
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(lines().filter((line) => line.includes('(checkedPart) failed'))).toHaveLength(1);
    expect(await dr.execute(['partsTotal'], { inputs: { count: 10 } })).toEqual({ partsTotal: 45 });
  });

  test("a job's synchronous tasks let the timers run once they held the event loop 10 ms (BullMQ renews the job's lock from a timer); cheap ones run back to back", async () => {
    // 100 items in 64 jobs: one or two tasks to a job, on a worker taking one job at a time. Each item
    // says how many turns of the worker's 1 ms timer had run: tasks run back to back with no timers
    // between them see the same count (at most one distinct count per job: 64 of 100).
    const serial = await startWorkerProcess(redis.url, 'grouping-serial', ['--concurrency', '1'], [GROUPING]);
    try {
      const serialExecutor = new BullMQExecutor({ connection: redis.url, queue: 'grouping-serial', keyPrefix: 'serial' });
      executors.push(serialExecutor);
      const dr = new Builder().withModules(Grouped).withExecutor(serialExecutor)
        .withResultBuilder(new RecordResult()).build();
      const distinctCounts = async (busyMs: number) => {
        const result = await dr.execute(['busyItemsSeen'], { inputs: { count: 100, busyMs } });
        const seen = (result.busyItemsSeen as string[]).map((s) => Number(s.split(':')[1]));
        expect(seen).toHaveLength(100);
        return new Set(seen).size;
      };
      expect(await distinctCounts(15)).toBeGreaterThan(95);
      // A timers turn costs a millisecond: tasks of microseconds share one (the jobs' second tasks see their first's
      // count: at most 64 distinct; a turn before every task gives ~100; slack for a stall on a loaded machine).
      expect(await distinctCounts(0)).toBeLessThanOrEqual(80);
    } finally {
      await serial.stop();
    }
  });

  test('tasksPerJob must be a whole number from 1', () => {
    expect(() => new BullMQExecutor({ connection: redis.url, queue: QUEUE, tasksPerJob: 0 })).toThrow('tasksPerJob must be a whole number from 1, got 0');
    expect(() => new BullMQExecutor({ connection: redis.url, queue: QUEUE, grouping: 'all' as never })).toThrow("grouping must be one of 'chains', 'blocks', 'nodes', got \"all\"");
  });
});

test('chunked values pass between tasks sharing one batched job, as inputs and as outputs', async () => {
  // 150 items: more than the 64 jobs tasks ready at once are spread over, so jobs carry several tasks.
  // Each item (1,600 bytes), each result, and the weights every item reads, are longer than 1,024 bytes.
  const inputs = { count: 150, length: 200, weights: Float64Array.from({ length: 300 }, (_, i) => 1 + i / 100) };
  const from = workers.map((w) => w.log().length);
  const result = await remote({ valueChunkBytes: 1024 }).execute(['weightedColumns'], { inputs });
  const expected = await local().execute(['weightedColumns'], { inputs });
  const columns = result.weightedColumns as Float64Array[];
  expect(columns).toHaveLength(150);
  for (const column of columns) expect(column).toBeInstanceOf(Float64Array);
  expect(columns).toEqual(expected.weightedColumns);
  const tasksPerJob = new Map<string, number>();
  await waitFor('the workers to log the 150 item tasks', () => {
    tasksPerJob.clear();
    for (const [i, w] of workers.entries()) {
      for (const [, job] of w.log().slice(from[i]).matchAll(/job (\S+) \(weightedColumn\) started/g)) tasksPerJob.set(job, (tasksPerJob.get(job) ?? 0) + 1);
    }
    return [...tasksPerJob.values()].reduce((a, b) => a + b, 0) === 150;
  });
  expect(Math.max(...tasksPerJob.values())).toBeGreaterThan(1);
});
