import type { GraphSpec } from '../remote/graph-spec';

export type { TaskFailure } from '../remote/task-failure';

/** The name of every BullMQ job hamilton-ts enqueues. */
export const TASK_JOB_NAME = 'hamilton-ts-task';

/**
 * One BullMQ job: compute `nodes` in order on the graph `spec` describes,
 * reading the values they need from `inputKeys`, and write each of `needed`
 * to `outputKeyPrefix + name`, expiring after `ttlSeconds`, if the run's
 * marker `runKey` still exists (see run-marker.ts). Values never
 * travel in the job itself: it stays small whatever the data.
 */
export interface TaskJob {
  spec: GraphSpec;
  nodes: string[];
  /** Value name -> the Redis key holding its encoded value. */
  inputKeys: Record<string, string>;
  needed: string[];
  outputKeyPrefix: string;
  /** The run's marker: outputs and failures are written only while it exists. */
  runKey: string;
  /** Where a node's failure is written, as an encoded TaskFailure. */
  errorKey: string;
  ttlSeconds: number;
  /** Outputs longer than this go to Redis in chunks (value-store.ts); absent: the default. */
  valueChunkBytes?: number;
}

/** The name of a job carrying several tasks (TaskBatchJob): what the driver sends. */
export const TASK_BATCH_JOB_NAME = 'hamilton-ts-tasks';

/** One task of a TaskBatchJob: what a TaskJob says of its own nodes. */
export type TaskEntry = Pick<TaskJob, 'nodes' | 'inputKeys' | 'needed' | 'outputKeyPrefix' | 'errorKey'>;

/**
 * One BullMQ job carrying tasks that were ready at once (a fan-out's items):
 * the worker reads all their inputs in one round trip, runs them as if each
 * were a job of its own, and writes all their outputs and failures in one.
 * A node's failure fails its task, not the job (see BatchReturn).
 */
export interface TaskBatchJob extends Pick<TaskJob, 'spec' | 'runKey' | 'ttlSeconds' | 'valueChunkBytes'> {
  tasks: TaskEntry[];
}

/** How one task of a batch went: its nodes' durations, and whether it failed (its failure is at its errorKey). */
export interface TaskOutcome {
  durationsMs: number[];
  failed?: true;
}

/** What a batch job returns to the driver: who ran it, each task's outcome in order, and whether its run was still live. */
export interface BatchReturn {
  worker: string;
  tasks: TaskOutcome[];
  written: boolean;
}

/** Every key of one run starts with this: `<prefix>:run:<runId>`. */
export function runKeyPrefix(keyPrefix: string, runId: string): string {
  return `${keyPrefix}:run:${runId}`;
}
