import { randomUUID } from 'crypto';
import { HamiltonError } from '../../errors';
import type { ExecutionPlan } from '../../execution/execution-plan';
import type { Executor } from '../../execution/executor';
import { sentSpecOf } from '../remote/graph-spec';
import { schedule, type ScheduleOptions } from '../../execution/scheduler';
import { checkGrouping, groupTasks, splitIntoNodes, type TaskGrouping } from '../../execution/task-grouping';
import { connectionProblem, type RedisConnection } from './redis-connection';
import { runKeyPrefix } from './task-job';
import { ExecutorClosedError, TaskQueue } from './task-queue';
import { TaskRunner } from './task-runner';
import { DEFAULT_CHUNK_BYTES } from './value-chunks';
import { chunkBytesProblem } from './value-store';

export interface BullMQExecutorOptions {
  /** A `redis://` / `rediss://` URL, or ioredis options (password, tls, db… pass through). */
  connection: RedisConnection;
  /** The BullMQ queue the workers serve (`hamilton-ts worker --queue <name>`). */
  queue: string;
  /** Prefix of every value key: `<keyPrefix>:run:<runId>:…` (default 'hamilton-ts'). */
  keyPrefix?: string;
  /** Seconds every value key lives, whatever happens to the driver (default 3600). */
  resultTtlSeconds?: number;
  /** How long one task may take, waiting in the queue included, before the run fails (default 10 minutes). */
  taskTimeoutMs?: number;
  /** Tries of a task that failed for another reason than its node's error, such as a worker losing Redis (default 3). */
  attempts?: number;
  /**
   * How nodes are grouped into tasks (Hamilton's grouping strategies; see task-grouping.ts). `'chains'` (default):
   * each fan-out item's block and each chain of nodes is one task, its inner values never leaving the worker;
   * `'blocks'`: only the blocks; `'nodes'`: every node its own task, every value through Redis.
   */
  grouping?: TaskGrouping;
  /**
   * At most this many tasks travel in one BullMQ job (default 64): tasks ready at once (a fan-out's items)
   * share jobs, and each job's inputs, outputs and bookkeeping cost one round trip for all of them; they are
   * still spread over at least 64 jobs when there are as many. 1: a job per task (tasks that each take long).
   */
  tasksPerJob?: number;
  /**
   * A value whose encoding is longer travels as chunks of at most this many bytes, driver and workers alike
   * (default 1 MiB; at most 512 MiB less the 8-byte write id each chunk is stored behind: Redis's string limit, which chunked values never meet).
   */
  valueChunkBytes?: number;
}

/**
 * Runs each task (a chain of nodes, one item of a fan-out: see `grouping`) as a BullMQ job, on
 * `hamilton-ts worker` processes anywhere that reach the same Redis. BullMQ
 * does the queueing, the retries and the recovery of tasks whose worker died;
 * the shared scheduler decides what runs when, exactly as in-process.
 *
 * Values travel through Redis keys namespaced per run, each with an expiry;
 * a run deletes its keys when it ends, and workers write none after that. Workers rebuild the graph from the
 * compiled modules the transformer recorded, so pass classes compiled with
 * tspc, not instances.
 */
export class BullMQExecutor implements Executor {
  readonly name = 'bullmq';
  private readonly options: Required<BullMQExecutorOptions>;
  private queue: Promise<TaskQueue> | undefined;
  /** Runs in progress, each settled once its keys are deleted: close() waits for them. */
  private readonly active = new Set<Promise<unknown>>();

  constructor(options: BullMQExecutorOptions) {
    if (!options?.connection) throw new HamiltonError('BullMQExecutor needs a connection: a redis:// URL or ioredis options');
    const problem = connectionProblem(options.connection);
    if (problem) throw new HamiltonError(`BullMQExecutor: ${problem}`);
    if (!options.queue || options.queue.includes(':')) throw new HamiltonError(`BullMQExecutor needs a queue name without ':' (got ${JSON.stringify(options.queue)})`);
    this.options = {
      keyPrefix: 'hamilton-ts',
      resultTtlSeconds: 3600,
      taskTimeoutMs: 10 * 60_000,
      attempts: 3,
      grouping: 'chains',
      tasksPerJob: 64,
      valueChunkBytes: DEFAULT_CHUNK_BYTES,
      ...options,
    };
    const { resultTtlSeconds, taskTimeoutMs, attempts, grouping, tasksPerJob } = this.options;
    if (!(Number.isInteger(tasksPerJob) && tasksPerJob >= 1)) throw new HamiltonError(`tasksPerJob must be a whole number from 1, got ${tasksPerJob}`);
    checkGrouping(grouping, 'grouping');
    if (!(Number.isInteger(resultTtlSeconds) && resultTtlSeconds > 0)) throw new HamiltonError(`resultTtlSeconds must be a whole number of seconds above 0, got ${resultTtlSeconds}`);
    if (!(taskTimeoutMs > 0)) throw new HamiltonError(`taskTimeoutMs must be above 0, got ${taskTimeoutMs}`);
    if (!(Number.isInteger(attempts) && attempts >= 1)) throw new HamiltonError(`attempts must be a whole number from 1, got ${attempts}`);
    const chunkProblem = chunkBytesProblem(this.options.valueChunkBytes);
    if (chunkProblem) throw new HamiltonError(chunkProblem);
  }

  async run(plan: ExecutionPlan, values: unknown[], options?: ScheduleOptions): Promise<void> {
    if (plan.units.length === 0) return;
    const { spec } = sentSpecOf(plan.graph);
    const queue = await this.connect();
    const runId = randomUUID();
    const runner = new TaskRunner(queue, spec, runId, runKeyPrefix(this.options.keyPrefix, runId), this.options.resultTtlSeconds,
      { tasksPerJob: this.options.tasksPerJob }, this.options.valueChunkBytes);
    const running = (async () => {
      try {
        const { grouping } = this.options;
        const perNode = grouping === 'nodes' ? { ...options, wrapSteps: splitIntoNodes(options?.wrapSteps) } : options;
        await schedule(groupTasks(plan, grouping), values, runner, perNode);
      } finally {
        await runner.cleanUp();
      }
    })();
    this.active.add(running);
    try {
      await running;
    } finally {
      this.active.delete(running);
    }
  }

  /**
   * Closes the connections. A run still in progress rejects with an
   * ExecutorClosedError once its keys are deleted (tasks still running on
   * workers finish, and write nothing): close() resolves after that.
   */
  async close(): Promise<void> {
    const queue = this.queue;
    this.queue = undefined;
    const open = await queue?.catch(() => undefined);
    if (!open) return;
    open.stop(new ExecutorClosedError('the BullMQExecutor was closed while the run was in progress: its keys are deleted, '
      + 'and its tasks still running on workers write nothing'));
    await Promise.all([...this.active].map((run) => run.catch(() => undefined)));
    await open.close();
  }

  /** The open queue, opened on first use and again after Redis went away. */
  private async connect(): Promise<TaskQueue> {
    if (this.queue) {
      const open = await this.queue.catch(() => undefined);
      if (open && !open.broken) return open;
      await open?.close();
      this.queue = undefined;
    }
    const opening = TaskQueue.open({
      connection: this.options.connection,
      queue: this.options.queue,
      taskTimeoutMs: this.options.taskTimeoutMs,
      attempts: this.options.attempts,
    });
    this.queue = opening;
    opening.catch(() => {
      if (this.queue === opening) this.queue = undefined;
    });
    return opening;
  }
}
