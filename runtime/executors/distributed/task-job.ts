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

/** Every key of one run starts with this: `<prefix>:run:<runId>`. */
export function runKeyPrefix(keyPrefix: string, runId: string): string {
  return `${keyPrefix}:run:${runId}`;
}
