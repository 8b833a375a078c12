import type { CheckResult } from '../data-quality/check-result';
import type { Task } from '../remote/run-task';

/** What the driver posts to the pool: the graph to build (a GraphSpec as JSON, the worker's cache key) and the task. */
export interface ThreadTask {
  spec: string;
  task: Task;
}

/** An error as it crosses threads: subclasses and their prototypes do not survive structured clone. */
export interface ThrownValue {
  isError: boolean;
  name: string;
  message: string;
  stack?: string;
}

/** What a worker answers: the needed values, a node that threw, or a worker that could not run the task at all. */
export type ThreadReply =
  | { values: Record<string, unknown> }
  | { failed: { node: string; thrown: ThrownValue; failures?: CheckResult[] } }
  | { broken: ThrownValue };

export function describeThrown(thrown: unknown): ThrownValue {
  if (thrown instanceof Error) return { isError: true, name: thrown.name, message: thrown.message, stack: thrown.stack };
  return { isError: false, name: typeof thrown, message: String(thrown) };
}
