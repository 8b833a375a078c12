import type { GraphSpec } from '../remote/graph-spec';
import type { TaskFailure } from '../remote/task-failure';
import type { TaskQueue } from './task-queue';
import type { ReadOutcome, RedisValueStore, ValueToRead } from './value-store';
import { TASK_BATCH_JOB_NAME, type BatchReturn, type TaskBatchJob, type TaskEntry } from './task-job';

/** A task back from its worker: who ran it, its nodes' durations, and the values at its output keys (or at its error key, if it failed). */
export interface TaskDone {
  jobId: string;
  worker?: string;
  durationsMs: number[];
  /** Its `needed` values, in order, each read from the value store on its own (a missing or damaged one is its error). */
  outputs: ReadOutcome[];
  /** Set when a node of the task failed: the TaskFailure its worker wrote, or null if it could not be read. */
  failure?: TaskFailure | null;
}

interface Pending {
  entry: TaskEntry;
  what: string;
  /** Its inputs' writes to Redis: the job is sent once they are done. */
  ready: Promise<unknown>;
  resolve(done: TaskDone): void;
  reject(error: unknown): void;
  settled: boolean;
  /** A task with a time limit of its own travels in a job of its own: its result must not wait for other tasks'. */
  alone: boolean;
  jobId?: string;
}

/** How tasks ready at once are spread over jobs (see TaskDispatcher). */
export interface DispatchOptions {
  /** At most this many tasks in one BullMQ job. */
  tasksPerJob: number;
}

/** Tasks ready at once are cut into at least this many jobs (when there are as many tasks), so that every worker gets some. */
export const SPREAD_JOBS = 64;

/**
 * Sends one run's tasks to the queue. The tasks that become ready in one turn
 * of the event loop (the items of a fan-out, the dependents of tasks that
 * came back together) travel together: cut into jobs of up to `tasksPerJob`
 * tasks (but into at least SPREAD_JOBS jobs, as long as there are tasks
 * enough, so that all workers share them; a task with a time limit alone),
 * added with one addBulk, and each
 * job's outputs read back at once through the value store (one round trip,
 * one more for the chunks of large values). A task is still the unit the
 * scheduler and the hooks see: each settles on its own, a node's failure
 * fails only its task, and an abandoned task (a timeout) stops being waited
 * for at once, its job leaving the queue once all its tasks are abandoned.
 */
export class TaskDispatcher {
  private pending: Pending[] = [];
  private flushing: NodeJS.Immediate | undefined;
  private jobs = 0;
  /** Jobs sent and not back: cleanUp takes them off the queue. */
  readonly inFlight = new Set<string>();
  private readonly byJob = new Map<string, Pending[]>();

  constructor(
    private readonly queue: TaskQueue,
    private readonly runId: string,
    private readonly shared: { spec: GraphSpec; runKey: string; ttlSeconds: number; valueChunkBytes?: number },
    private readonly options: DispatchOptions,
    /** Where the outputs and failures are read back from (chunked values included). */
    private readonly values: RedisValueStore,
  ) {}

  /** Resolves with the task's outputs once its job is back; rejects with the job's failure, or the signal's reason. */
  submit(entry: TaskEntry, ready: Promise<unknown>, what: string, signal?: AbortSignal, alone = false): Promise<TaskDone> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise<TaskDone>((resolve, reject) => {
      const task: Pending = { entry, what, ready, resolve, reject, settled: false, alone };
      this.pending.push(task);
      signal?.addEventListener('abort', () => this.abandon(task, signal.reason), { once: true });
      this.flushing ??= setImmediate(() => this.flush());
    });
  }

  private flush(): void {
    this.flushing = undefined;
    const open = this.pending.filter((t) => !t.settled);
    this.pending = [];
    const jobs: Pending[][] = open.filter((t) => t.alone).map((t) => [t]);
    const tasks = open.filter((t) => !t.alone);
    const { tasksPerJob } = this.options;
    const jobCount = Math.max(Math.ceil(tasks.length / tasksPerJob), Math.min(tasks.length, SPREAD_JOBS));
    for (let j = 0, start = 0; j < jobCount; j++) {
      const end = Math.round(((j + 1) * tasks.length) / jobCount);
      jobs.push(tasks.slice(start, end));
      start = end;
    }
    if (jobs.length) void this.send(jobs);
  }

  private async send(jobs: Pending[][]): Promise<void> {
    const all = jobs.flat();
    try {
      await Promise.all(all.map((t) => t.ready));
    } catch (error) {
      for (const task of all) this.settle(task, undefined, this.queue.explain(error));
      return;
    }
    const sent = jobs.map((tasks) => tasks.filter((t) => !t.settled)).filter((tasks) => tasks.length > 0);
    const requests = sent.map((tasks) => {
      const jobId = `${this.runId}-${++this.jobs}`;
      for (const task of tasks) task.jobId = jobId;
      this.inFlight.add(jobId);
      this.byJob.set(jobId, tasks);
      const data: TaskBatchJob = { ...this.shared, tasks: tasks.map((t) => t.entry) };
      const what = tasks.length === 1 ? tasks[0].what : `a job of ${tasks.length} tasks (${tasks[0].what}, …)`;
      return { jobId, name: TASK_BATCH_JOB_NAME, data, what, tasks: tasks.length };
    });
    const returns = this.queue.runJobs(requests);
    await Promise.all(returns.map((returned, j) => this.receive(requests[j].jobId, sent[j], returned)));
  }

  /** A job back: its tasks' outputs (or failures) read from the value store at once, each task settled with its own. */
  private async receive(jobId: string, tasks: Pending[], returned: Promise<string | undefined>): Promise<void> {
    let outcome: BatchReturn;
    try {
      const text = await returned;
      outcome = (typeof text === 'string' ? JSON.parse(text) : text) as BatchReturn;
      if (!Array.isArray(outcome?.tasks) || outcome.tasks.length !== tasks.length) throw new Error(`job ${jobId} returned ${String(text)}, not one outcome per task`);
    } catch (error) {
      for (const task of tasks) this.settle(task, undefined, error);
      return;
    } finally {
      this.inFlight.delete(jobId);
      this.byJob.delete(jobId);
    }
    const reads: ValueToRead[] = [];
    tasks.forEach((task, i) => {
      if (outcome.tasks[i].failed) reads.push({ name: `the failure of ${task.what}`, key: task.entry.errorKey });
      else for (const name of task.entry.needed) reads.push({ name, key: task.entry.outputKeyPrefix + name });
    });
    let read: ReadOutcome[];
    try {
      read = await this.values.readEach(reads);
    } catch (error) {
      for (const task of tasks) this.settle(task, undefined, this.queue.explain(error));
      return;
    }
    let at = 0;
    tasks.forEach((task, i) => {
      const { durationsMs, failed } = outcome.tasks[i];
      const done: TaskDone = { jobId, worker: outcome.worker, durationsMs, outputs: [] };
      if (failed) {
        const failure = read[at++];
        done.failure = 'value' in failure ? failure.value as TaskFailure : null;
      } else done.outputs = read.slice(at, (at += task.entry.needed.length));
      this.settle(task, done);
    });
  }

  private abandon(task: Pending, reason: unknown): void {
    if (task.settled) return;
    this.settle(task, undefined, reason);
    const { jobId } = task;
    // A job all of whose tasks were abandoned leaves the queue, if no worker took it yet.
    const tasks = jobId ? this.byJob.get(jobId) : undefined;
    if (tasks?.every((t) => t.settled)) this.queue.abandon(jobId!, reason);
  }

  private settle(task: Pending, done?: TaskDone, error?: unknown): void {
    if (task.settled) return;
    task.settled = true;
    if (done) task.resolve(done);
    else task.reject(error);
  }
}
