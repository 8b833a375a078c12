import { isThenable } from '../runtime/execution/node-runner';
import type { Node } from '../runtime/graph/node';

/**
 * The node's function with `then` applied to what it returns (once settled, for
 * an async node): how a decorator post-processes a value in place, without a
 * node of its own (fill a missing column, rename, check a schema).
 */
export function mapResult(fn: Node['fn'], then: (value: unknown) => unknown): Node['fn'] {
  return (...args: unknown[]) => {
    const result = fn(...args);
    return isThenable(result) ? Promise.resolve(result).then(then) : then(result);
  };
}
