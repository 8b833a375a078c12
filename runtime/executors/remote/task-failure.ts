import type { CheckResult } from '../../data-quality/check-result';
import type { TypeDescriptor } from '../../contract/type-descriptor';
import { DataQualityError, OutputTypeError } from '../../errors';

/**
 * An error thrown on a worker, as it travels to the driver: plain data, since
 * error subclasses and their prototypes survive neither a thread's structured
 * clone nor Redis. The driver finds the node by name and rebuilds the cause
 * with rebuildCause.
 */
export interface TaskFailure {
  /** The node that threw (when the worker could not run the task at all: the task's first node). */
  node: string;
  name: string;
  message: string;
  stack?: string;
  /** false when the worker threw something other than an Error: the driver's cause is then its text. */
  isError?: false;
  /** For a DataQualityError: the failing checks, so that the driver can report them. */
  failures?: CheckResult[];
  /** For an OutputTypeError: the node whose value it is, what it declared and what it returned. */
  output?: { node: string; expected: TypeDescriptor; got: string; requiredBy?: string };
}

/** What a node (or the worker running it) threw, as a TaskFailure. */
export function describeFailure(node: string, cause: unknown): TaskFailure {
  if (!(cause instanceof Error)) return { node, isError: false, name: typeof cause, message: String(cause) };
  const failure: TaskFailure = { node, name: cause.name, message: cause.message, stack: cause.stack };
  if (cause instanceof DataQualityError) failure.failures = [...cause.failures];
  if (cause instanceof OutputTypeError) failure.output = { node: cause.nodeName, expected: cause.expected, got: cause.got, requiredBy: cause.requiredBy };
  return failure;
}

/**
 * The worker's error on the driver: a DataQualityError or OutputTypeError
 * (with a local stack) as in-process, an Error of the worker's name, message
 * and stack, or the text of a value that was not an Error.
 */
export function rebuildCause(failure: TaskFailure): unknown {
  if (failure.failures) return new DataQualityError(failure.failures);
  if (failure.output) return new OutputTypeError(failure.output.node, failure.output.expected, failure.output.got, failure.output.requiredBy);
  if (failure.isError === false) return failure.message;
  const error = new Error(failure.message);
  error.name = failure.name;
  if (failure.stack) error.stack = failure.stack;
  return error;
}
