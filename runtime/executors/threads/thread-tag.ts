import type { Node } from '../../graph/node';

/** The tag key that says where a node should run. */
export const EXECUTOR_TAG = 'executor';
/** The value of `EXECUTOR_TAG` that sends a node to the worker-thread pool. */
export const THREAD_EXECUTOR = 'thread';
/** `@tag(THREAD_TAG)` is `@tag({ executor: 'thread' })`: run this node on a worker thread. */
export const THREAD_TAG = { [EXECUTOR_TAG]: THREAD_EXECUTOR } as const;

/** The node asks for a worker thread (`executor: 'thread'`, alone or among several values). */
export function isThreadTagged(node: Node): boolean {
  const value = node.tags[EXECUTOR_TAG];
  return value === THREAD_EXECUTOR || (Array.isArray(value) && value.includes(THREAD_EXECUTOR));
}
