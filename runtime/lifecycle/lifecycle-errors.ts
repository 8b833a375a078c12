import { HamiltonError } from '../errors';

/** An adapter's hook or method threw: the run (or the build) fails with this, naming the adapter and the hook. */
export class LifecycleAdapterError extends HamiltonError {
  constructor(readonly adapter: string, readonly hook: string, cause: unknown, readonly node?: string) {
    const reason = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    super(`lifecycle adapter ${adapter}: its ${hook} hook threw${node ? ` on node '${node}'` : ''}: ${reason}`, { cause });
  }
}

/** Two adapters implement one method (executeNode, checkEdgeTypes, validateInput): only one may. */
export class LifecycleConflictError extends HamiltonError {
  constructor(readonly method: string, readonly adapters: readonly string[]) {
    super(`adapters ${adapters.join(' and ')} both implement ${method}: at most one adapter of a driver may (it decides, so two would contradict). `
      + 'Pass only one of them to withAdapters.');
  }
}

/** What withAdapters was given is not an adapter. */
export class InvalidAdapterError extends HamiltonError {
  constructor(readonly position: number, got: string) {
    super(`withAdapters: argument ${position + 1} must be a lifecycle adapter (an object with hooks such as beforeNode, afterRun), got ${got}`);
  }
}

/** One problem a validator found: which adapter, and on which node if it was a node's. */
export interface ValidationProblem {
  adapter: string;
  node?: string;
  message: string;
}

/** Graph validators (validateNode, validateGraph) found problems: all of them, from every validator. */
export class LifecycleValidationError extends HamiltonError {
  constructor(readonly problems: readonly ValidationProblem[]) {
    super(`the graph failed ${problems.length} validation check(s):\n${problems
      .map((p) => `  - ${p.adapter}${p.node ? ` on node '${p.node}'` : ''}: ${p.message}`).join('\n')}`);
  }
}
