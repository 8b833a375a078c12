import './require-peers';
import { hostname } from 'node:os';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import type Redis from 'ioredis';
import { NodeExecutionError } from '../../errors';
import type { FunctionGraph } from '../../graph/graph';
import { graphOf, type GraphSpec } from '../remote/graph-spec';
import { runTask } from '../remote/run-task';
import { describeFailure } from '../remote/task-failure';
import { ModuleAllowList } from './module-allow-list';
import { writeWhileLive } from './run-marker';
import { bullmqConnection, connectRedis, createRedis, describeRedis, type RedisConnection } from './redis-connection';
import { TASK_JOB_NAME, type TaskJob } from './task-job';
import { encodeParts, encodeValue, ValueCodecError } from './value-codec';
import { RedisValueStore, StoredValueError, type ValueToWrite } from './value-store';

export interface TaskWorkerOptions {
  connection: RedisConnection;
  queue: string;
  /** Jobs run at once in this process (default 1). Async nodes overlap; for CPU-bound nodes run more processes. */
  concurrency?: number;
  /**
   * Compiled dataflow modules to load at start; also where a module recorded at another path is looked for.
   * With `moduleDirs`, the only code a job can make this worker load: a job naming any other module fails.
   */
  modules?: readonly string[];
  /** Directories whose .js files (real paths, symbolic links resolved) a job may name; loaded on first use. */
  moduleDirs?: readonly string[];
  /** BullMQ's job lock: a worker that stops renewing it for this long is taken for dead (default 30 s). */
  lockDurationMs?: number;
  /** How often this worker looks for jobs whose worker died (default 30 s). */
  stalledIntervalMs?: number;
  /** How often a job may be recovered from a dead worker before it fails (default 1). */
  maxStalledCount?: number;
  /** One line per event: start, failures, recoveries, stop (default: stderr). */
  log?: (line: string) => void;
  /** Also log every job's start and end. */
  verbose?: boolean;
}

/** A running worker: `close()` lets running jobs finish, then disconnects. */
export interface TaskWorker {
  close(): Promise<void>;
}

/**
 * Serves a queue's tasks: builds each job's graph from its spec (once per
 * spec), reads the inputs from Redis, runs the nodes with runTask and writes
 * the outputs back, expiring like the inputs, while the run is live (its
 * marker key exists: see run-marker.ts). A node's error is written for
 * the driver and fails the job as unrecoverable: it is not retried. Only the
 * modules of `modules` and `moduleDirs` are ever loaded (ModuleAllowList).
 */
export async function startWorker(options: TaskWorkerOptions): Promise<TaskWorker> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const address = describeRedis(options.connection);
  const allowed = new ModuleAllowList(options.modules ?? [], options.moduleDirs ?? []);
  const graphs = new Graphs(allowed);
  // Values: an ordinary client that keeps reconnecting, as a long-lived worker should.
  const client = createRedis(options.connection, { lazyConnect: true });
  client.on('error', () => undefined);
  await connectRedis(client, address);

  const worker = new Worker<TaskJob>(options.queue, (job) => runJob(job, client, graphs, log, options.verbose ?? false), {
    connection: bullmqConnection(options.connection, {}, { maxRetriesPerRequest: null }),
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 1,
    autorun: false,
  });
  let lastError = '';
  worker.on('error', (error) => {
    // Reconnection attempts repeat one message: say it once.
    if (error.message !== lastError) log(`hamilton-ts worker: ${error.message}`);
    lastError = error.message;
  });
  worker.on('ready', () => {
    lastError = '';
  });
  worker.on('failed', (job, error) => {
    if (job) log(`hamilton-ts worker: job ${job.id} (${job.data.nodes.join(', ')}) failed: ${error.message}`);
  });
  worker.on('stalled', (jobId) => log(`hamilton-ts worker: job ${jobId} lost its worker; it goes back to the queue`));
  void worker.run().catch((error: Error) => log(`hamilton-ts worker: stopped: ${error.message}`));
  await worker.waitUntilReady();
  log(`hamilton-ts worker: serving queue '${options.queue}' at ${address} with concurrency ${options.concurrency ?? 1}`
    + (allowed.files.length ? `; modules ${allowed.files.join(', ')}` : '')
    + (options.moduleDirs?.length ? `; modules under ${options.moduleDirs.join(', ')}` : ''));

  let closing: Promise<void> | undefined;
  return {
    close: () => (closing ??= (async () => {
      await worker.close();
      await client.quit().catch(() => client.disconnect());
    })()),
  };
}

/**
 * The graphs of the jobs' specs, by the spec as the driver sent it: a spec
 * seen before costs one stringify, not a look for its files on disk.
 */
class Graphs {
  private readonly graphs = new Map<string, FunctionGraph>();

  constructor(private readonly allowed: ModuleAllowList) {}

  of(spec: GraphSpec): FunctionGraph {
    const key = JSON.stringify(spec);
    let graph = this.graphs.get(key);
    if (!graph) {
      graph = graphOf(this.allowed.localSpec(spec));
      this.graphs.set(key, graph);
    }
    return graph;
  }
}

/** What a job returns, read back by the driver's lifecycle hooks: how many outputs it wrote, who ran it, each node's duration. */
export interface JobReturn {
  outputs: number;
  worker: string;
  durationsMs: number[];
}

/** This worker process as hooks name it. */
const WORKER_ID = `${hostname()}:${process.pid}`;

async function runJob(job: Job<TaskJob>, client: Redis, graphs: Graphs, log: (line: string) => void, verbose: boolean): Promise<JobReturn> {
  const task = job.data;
  if (job.name !== TASK_JOB_NAME) throw new UnrecoverableError(`not a hamilton-ts task: job name '${job.name}'`);
  const started = Date.now();
  if (verbose) log(`hamilton-ts worker: job ${job.id} (${task.nodes.join(', ')}) started`);
  let graph: FunctionGraph;
  try {
    graph = graphs.of(task.spec);
  } catch (error) {
    const message = (error as Error).message;
    throw new UnrecoverableError(`cannot build the dataflow: ${message}${/--module/.test(message) ? '' : '. Start the worker with --module <compiled module> if it lives elsewhere here.'}`);
  }
  const store = new RedisValueStore(client, { marker: task.runKey, ttlSeconds: task.ttlSeconds, chunkBytes: task.valueChunkBytes });
  const names = Object.keys(task.inputKeys);
  let read: unknown[];
  try {
    read = await store.read(names.map((name) => ({ name, key: task.inputKeys[name] })));
  } catch (error) {
    // Missing or corrupted: another try would find the same.
    if (error instanceof StoredValueError) throw new UnrecoverableError(`${error.message}; its run may have ended`);
    throw error;
  }
  const inputs: Record<string, unknown> = {};
  names.forEach((name, i) => {
    inputs[name] = read[i];
  });

  let outputs: Record<string, unknown>;
  const durationsMs: number[] = [];
  try {
    outputs = await runTask(graph, { nodes: task.nodes, inputs, needed: task.needed }, durationsMs);
  } catch (error) {
    if (error instanceof NodeExecutionError) await failNode(client, task, error.node.name, error.cause);
    throw new UnrecoverableError((error as Error).message);
  }
  const entries: ValueToWrite[] = [];
  for (const name of task.needed) {
    try {
      entries.push({ name, key: task.outputKeyPrefix + name, encoded: encodeParts(outputs[name]) });
    } catch (error) {
      const cause = error instanceof ValueCodecError ? new ValueCodecError(`its value cannot be sent back to the driver: ${error.message}`) : error;
      await failNode(client, task, name, cause);
      throw new UnrecoverableError(`node '${name}': ${(cause as Error).message}`);
    }
  }
  const written = await store.write(entries);
  if (verbose) {
    log(`hamilton-ts worker: job ${job.id} (${task.nodes.join(', ')}) done in ${Date.now() - started} ms`
      + (written ? '' : '; its run had ended: no output written'));
  }
  return { outputs: written ? task.needed.length : 0, worker: WORKER_ID, durationsMs };
}

/** Writes a node's failure where the driver looks for it. */
async function failNode(client: Redis, task: TaskJob, node: string, cause: unknown): Promise<void> {
  const failure = describeFailure(node, cause instanceof Error ? cause : new Error(String(cause)));
  let bytes: Buffer;
  try {
    bytes = encodeValue(failure);
  } catch {
    // Checks whose values cannot travel: the error's name, message and stack still can.
    delete failure.failures;
    bytes = encodeValue(failure);
  }
  await writeWhileLive(client, task.runKey, [[task.errorKey, bytes]], task.ttlSeconds);
}
