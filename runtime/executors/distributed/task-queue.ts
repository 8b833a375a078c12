import { Queue, QueueEvents } from 'bullmq';
import type Redis from 'ioredis';
import { HamiltonError } from '../../errors';
import { bullmqConnection, connectRedis, createRedis, describeRedis, DRIVER_DEFAULTS, RedisConnectionError, type RedisConnection } from './redis-connection';
import { TASK_JOB_NAME, type TaskJob } from './task-job';

/** A task BullMQ reports as failed: `failedReason` is the worker's message. */
export class TaskFailedError extends HamiltonError {
  constructor(readonly jobId: string, readonly failedReason: string) {
    super(failedReason);
  }
}

/** The executor was closed while a run was in progress: the run rejects with this. */
export class ExecutorClosedError extends HamiltonError {}

/** No worker finished a task in time. */
export class TaskTimeoutError extends HamiltonError {}

interface Waiter {
  resolve(returned?: string): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export interface TaskQueueOptions {
  connection: RedisConnection;
  queue: string;
  taskTimeoutMs: number;
  /** Tries of a task whose failure is not its node's (a node's own error is never retried). */
  attempts: number;
}

/** Events kept in the queue's stream: enough for a driver to catch up on a large fan-out. */
const EVENTS_MAX_LEN = 50_000;
const EVENTS_DEFAULTS = { lazyConnect: false, enableAutoPipelining: false };
/** How long opening the event listener may take once the first connection is up. */
const OPEN_TIMEOUT_MS = 10_000;

/**
 * The driver's side of one BullMQ queue: enqueues tasks and resolves each
 * when QueueEvents reports it completed. A lost Redis connection fails every
 * waiting task at once; a task no worker finishes in `taskTimeoutMs` fails
 * alone. Never hangs.
 */
export class TaskQueue {
  private readonly waiting = new Map<string, Waiter>();
  private lost: RedisConnectionError | undefined;
  /** Why this queue takes no more tasks though its connections still work: its executor is closing. */
  private stopped: Error | undefined;
  private lastError: Error | undefined;
  private closing: Promise<void> | undefined;

  private constructor(
    /** Commands: values and the queue's own. */
    readonly client: Redis,
    /** QueueEvents' own connection: if it gives up, completions can no longer be heard. */
    eventsClient: { on(event: 'end', listener: () => void): unknown },
    private readonly queue: Queue,
    private readonly events: QueueEvents,
    readonly address: string,
    private readonly options: TaskQueueOptions,
  ) {
    client.on('error', (error: Error) => {
      this.lastError = error;
    });
    // 'end': the retry strategy gave up. Everything waiting on these connections fails now.
    const lost = () => this.fail(new RedisConnectionError(`lost the connection to Redis at ${address}`
      + `${this.lastError ? ` (${this.lastError.message})` : ''}: the run cannot go on. Its keys expire by themselves.`));
    client.on('end', lost);
    eventsClient.on('end', lost);
    events.on('completed', ({ jobId, returnvalue }) => this.settle(jobId, undefined, returnvalue));
    events.on('failed', ({ jobId, failedReason }) => this.settle(jobId, new TaskFailedError(jobId, failedReason)));
    events.on('error', (error: Error) => {
      this.lastError = error;
    });
    queue.on('error', (error: Error) => {
      this.lastError = error;
    });
  }

  /** Connects (failing within the connect timeout when Redis is not there) and starts listening for task events. */
  static async open(options: TaskQueueOptions): Promise<TaskQueue> {
    const address = describeRedis(options.connection);
    const client = createRedis(options.connection, DRIVER_DEFAULTS);
    client.on('error', () => undefined); // reported through the commands that fail
    await connectRedis(client, address);
    const queue = new Queue<TaskJob>(options.queue, { connection: client, streams: { events: { maxLen: EVENTS_MAX_LEN } } });
    let events: QueueEvents | undefined;
    try {
      await queue.waitUntilReady();
      // Start reading events from the stream's current end, read before any task exists: none can be missed.
      const last = await client.xrevrange(queue.keys.events, '+', '-', 'COUNT', 1);
      events = new QueueEvents(options.queue, {
        // A blocking connection of its own: BullMQ requires maxRetriesPerRequest null there.
        connection: bullmqConnection(options.connection, { ...DRIVER_DEFAULTS, ...EVENTS_DEFAULTS }, { maxRetriesPerRequest: null }),
        autorun: false,
        lastEventId: last[0]?.[0] ?? '0-0',
      });
      events.on('error', () => undefined);
      const running = events.run();
      running.catch(() => undefined);
      await withTimeout(events.waitUntilReady(), OPEN_TIMEOUT_MS, `Redis at ${address} did not accept the event listener`);
      const eventsClient = await events.getBackend().client;
      return new TaskQueue(client, eventsClient, queue, events, address, options);
    } catch (error) {
      await events?.close().catch(() => undefined);
      await queue.close().catch(() => undefined);
      client.disconnect();
      if (error instanceof RedisConnectionError) throw error;
      throw new RedisConnectionError(`cannot use Redis at ${address}: ${(error as Error)?.message ?? error}`, { cause: error });
    }
  }

  /** Whether Redis went away: a later run opens new connections. */
  get broken(): boolean {
    return this.lost !== undefined || this.client.status === 'end';
  }

  /**
   * Enqueues a task and resolves when a worker has completed it, with what the job returned (as JSON). `what` names it in a timeout's message.
   * `signal` abandons it: no more waiting, and off the queue if no worker has taken it yet.
   */
  run(jobId: string, task: TaskJob, what: string, signal?: AbortSignal): Promise<string | undefined> {
    if (this.lost ?? this.stopped) return Promise.reject(this.lost ?? this.stopped);
    if (signal?.aborted) return Promise.reject(signal.reason);
    // Listening before the job exists: its completion cannot slip past.
    const completed = this.wait(jobId, what);
    signal?.addEventListener('abort', () => this.abandon(jobId, signal.reason), { once: true });
    this.queue.add(TASK_JOB_NAME, task, { jobId, ...this.jobOptions() }).catch((error: unknown) => this.settle(jobId, this.explain(error)));
    return completed;
  }

  /** Enqueues several jobs with one addBulk: a promise per job, as run() gives. */
  /** `tasks`: how many tasks the job carries; a worker runs them one after another, so each has taskTimeoutMs. */
  runJobs(jobs: readonly { jobId: string; name: string; data: unknown; what: string; tasks?: number }[]): Promise<string | undefined>[] {
    if (this.lost ?? this.stopped) {
      const reason = this.lost ?? this.stopped;
      return jobs.map(() => Promise.reject(reason));
    }
    const completed = jobs.map((job) => this.wait(job.jobId, job.what, job.tasks));
    const options = this.jobOptions();
    this.queue.addBulk(jobs.map((job) => ({ name: job.name, data: job.data as TaskJob, opts: { jobId: job.jobId, ...options } })))
      .catch((error: unknown) => {
        for (const job of jobs) this.settle(job.jobId, this.explain(error));
      });
    return completed;
  }

  /** Stops waiting for a job (rejecting its promise with `reason`) and takes it off the queue if no worker has taken it yet. */
  abandon(jobId: string, reason: unknown): void {
    if (!this.waiting.has(jobId)) return;
    this.settle(jobId, reason instanceof Error ? reason : new HamiltonError('the task was abandoned'));
    this.queue.remove(jobId).catch(() => undefined);
  }

  private jobOptions() {
    return { removeOnComplete: true, removeOnFail: true, attempts: this.options.attempts, backoff: { type: 'exponential', delay: 200 } };
  }

  private wait(jobId: string, what: string, tasks = 1): Promise<string | undefined> {
    const limitMs = this.options.taskTimeoutMs * tasks;
    const limit = tasks === 1 ? `${limitMs} ms` : `${limitMs} ms (taskTimeoutMs ${this.options.taskTimeoutMs} ms for each of its ${tasks} tasks)`;
    return new Promise<string | undefined>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(jobId);
        this.queue.remove(jobId).catch(() => undefined);
        reject(new TaskTimeoutError(`${what} did not finish within ${limit} on queue '${this.options.queue}' `
          + `at ${this.address}: is a worker running (hamilton-ts worker --queue ${this.options.queue})? Raise taskTimeoutMs for longer tasks.`));
      }, limitMs);
      this.waiting.set(jobId, { resolve, reject, timer });
    });
  }

  /**
   * Stops waiting for an ended run's tasks (their timers would keep the process alive) and takes the
   * queued ones off the queue. Those already running finish, and write nothing once the run's marker is gone.
   */
  async discard(jobIds: Iterable<string>): Promise<void> {
    const ids = [...jobIds];
    for (const id of ids) this.settle(id, new HamiltonError('its run ended'));
    if (this.broken) return;
    await Promise.all(ids.map((id) => this.queue.remove(id).catch(() => 0)));
  }

  /**
   * Fails every waiting task, and every later one, with `reason`, while the
   * connections stay open: the runs can still delete their keys before close().
   */
  stop(reason: Error): void {
    this.stopped ??= reason;
    for (const jobId of [...this.waiting.keys()]) this.settle(jobId, this.stopped);
  }

  /** A Redis command's failure as what it means for the run. */
  explain(error: unknown): Error {
    if (this.lost) return this.lost;
    if (error instanceof HamiltonError) return error;
    if (this.stopped) return this.stopped;
    const message = (error as Error)?.message ?? String(error);
    return new RedisConnectionError(`Redis at ${this.address} failed: ${message}`, { cause: error });
  }

  async close(): Promise<void> {
    this.closing ??= (async () => {
      this.stop(new ExecutorClosedError('the BullMQExecutor was closed while tasks were running'));
      await this.events.close().catch(() => undefined);
      await this.queue.close().catch(() => undefined);
      if (this.client.status === 'ready') await this.client.quit().catch(() => undefined);
      this.client.disconnect();
    })();
    return this.closing;
  }

  private settle(jobId: string, error?: Error, returned?: string): void {
    const waiter = this.waiting.get(jobId);
    if (!waiter) return;
    this.waiting.delete(jobId);
    clearTimeout(waiter.timer);
    if (error) waiter.reject(error);
    else waiter.resolve(returned);
  }

  private fail(error: RedisConnectionError): void {
    this.lost ??= error;
    for (const jobId of [...this.waiting.keys()]) this.settle(jobId, this.lost);
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RedisConnectionError(`${message} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
