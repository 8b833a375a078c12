import './require-peers';
import { Worker } from 'bullmq';
import { HamiltonError } from '../../errors';
import type { FunctionGraph } from '../../graph/graph';
import { graphOf, type GraphSpec } from '../remote/graph-spec';
import { ModuleAllowList } from './module-allow-list';
import { bullmqConnection, connectionProblem, connectRedis, createRedis, describeRedis, type RedisConnection } from './redis-connection';
import type { TaskBatchJob, TaskJob } from './task-job';
import { runJob } from './worker-tasks';

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
  const problem = connectionProblem(options.connection);
  if (problem) throw new HamiltonError(`hamilton-ts worker: ${problem}`);
  const allowed = new ModuleAllowList(options.modules ?? [], options.moduleDirs ?? []);
  const graphs = new Graphs(allowed);
  // Values: an ordinary client that keeps reconnecting, as a long-lived worker should.
  const client = createRedis(options.connection, { lazyConnect: true });
  client.on('error', () => undefined);
  await connectRedis(client, address);

  const worker = new Worker<TaskJob | TaskBatchJob>(options.queue, (job) => runJob(job, client, graphs, log, options.verbose ?? false), {
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
    if (job) log(`hamilton-ts worker: job ${job.id} (${'tasks' in job.data ? `${job.data.tasks.length} tasks` : job.data.nodes.join(', ')}) failed: ${error.message}`);
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
export class Graphs {
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
