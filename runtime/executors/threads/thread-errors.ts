import { HamiltonError, NodeExecutionError } from '../../errors';
import type { ExecutionPlan } from '../../execution/execution-plan';
import { describeNode } from '../../graph/node';
import { unsendableReason } from '../remote/sendable';
import { rebuildCause, type TaskFailure } from '../remote/task-failure';

/** A worker thread could not compute a task: it crashed, ran out of memory, or a value could not cross threads. */
export class WorkerThreadError extends HamiltonError {}

/** A node that threw in a worker, as the driver-side node (found by name) with the worker's error as cause. */
export function nodeFailure(plan: ExecutionPlan, failed: TaskFailure): NodeExecutionError {
  return new NodeExecutionError(plan.graph.nodes.get(failed.node)!, rebuildCause(failed));
}

/** The worker could not run the task (its graph did not load, say): a HamiltonError with the worker's message. */
export function brokenWorker(broken: TaskFailure): WorkerThreadError {
  return new WorkerThreadError(`a worker thread could not run the task: ${broken.message}`, { cause: rebuildCause(broken) });
}

/**
 * The pool rejected a task: the thread died (`process.exit`, an uncaught
 * error, out of memory) or a value could not be cloned. Names the unit's
 * first node; the pool has already replaced the thread.
 */
export function poolFailure(plan: ExecutionPlan, slots: Int32Array, error: unknown): NodeExecutionError {
  const nodes = Array.from(slots, (slot) => plan.graph.nodeAt[slot]);
  const computing = nodes.length === 1 ? 'it' : `it (with ${nodes.slice(1).map((n) => `'${n.name}'`).join(', ')})`;
  const code = (error as { code?: string })?.code;
  // A worker that dies of an error it cannot serialise (a DataCloneError while posting its result) reports `{}`.
  const message = error instanceof Error ? error.message
    : typeof error === 'object' && error !== null && !Object.keys(error).length ? 'an error that could not be reported across threads, such as a result that cannot be cloned'
      : String(error);
  const replaced = 'the pool replaces the thread, and later runs are unaffected';
  const what = code === 'ERR_WORKER_OUT_OF_MEMORY'
    ? `the worker thread computing ${computing} ran out of memory (resourceLimits: ${message}); ${replaced}`
    : (error as Error)?.name === 'DataCloneError'
      ? `a value could not be passed between threads (${message}); values that cross threads must be structured-cloneable `
        + '(typed arrays, arrays, records, scalars, Arquero tables): leave nodes that take or return functions or class instances untagged'
      : `the worker thread computing ${computing} died (${message}); ${replaced}`;
  return new NodeExecutionError(nodes[0], new WorkerThreadError(what, { cause: error }));
}

/** The executor was closed while this run still had a unit to compute on the pool. */
export function closedFailure(plan: ExecutionPlan, slots: Int32Array): NodeExecutionError {
  return new NodeExecutionError(plan.graph.nodeAt[slots[0]], new WorkerThreadError(
    'the WorkerThreadExecutor was closed during the run: close() ends its threads, so the run stops; close the executor (or the driver) once its runs have settled'));
}

/** An input holding a function or a class instance (see remote/sendable.ts), refused before the task is sent. */
export function unsendableInput(plan: ExecutionPlan, slots: Int32Array, input: string, found: string): NodeExecutionError {
  const node = plan.graph.nodeAt[slots[0]];
  return new NodeExecutionError(node, new WorkerThreadError(`input '${input}' of ${describeNode(node)} holds ${unsendableReason(found, 'a worker thread')}. `
    + 'Leave the nodes that use it untagged (they then run on the calling thread), or pass plain data'));
}

/** An input that cannot be prepared for a worker (an Arquero table Arrow cannot encode, say). */
export function inputFailure(plan: ExecutionPlan, slots: Int32Array, input: string, error: unknown): NodeExecutionError {
  const node = plan.graph.nodeAt[slots[0]];
  return new NodeExecutionError(node, new WorkerThreadError(`input '${input}' of ${describeNode(node)} cannot be sent to a worker thread: ${(error as Error)?.message ?? error}`, { cause: error }));
}
