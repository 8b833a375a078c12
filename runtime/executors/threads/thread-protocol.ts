import type { Task } from '../remote/run-task';
import type { TaskFailure } from '../remote/task-failure';

/** What the driver posts to the pool: the graph to build (a GraphSpec as JSON, the worker's cache key) and the task. */
export interface ThreadTask {
  spec: string;
  task: Task;
}

/**
 * What a worker answers: the needed values, a node that threw (`failed`), or
 * a worker that could not run the task at all (`broken`: its graph did not load, say).
 */
export type ThreadReply =
  | ({ values: Record<string, unknown> } & ThreadRan)
  | ({ failed: TaskFailure } & ThreadRan)
  | { broken: TaskFailure };

/** Where and how long the task's nodes ran, for the driver's lifecycle hooks. */
export interface ThreadRan {
  threadId?: number;
  durationsMs?: number[];
}
