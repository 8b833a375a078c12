import { HamiltonError } from '../../errors';
import { describeValue } from '../../values/values';

/**
 * A loader or saver (an adapter, or a `@dataloader` / `@datasaver` method)
 * returned something of another shape than its contract: a loader
 * `[value, metadata]`, a saver a metadata record. Names the node, the adapter
 * and what came back; the `cause` of the node's NodeExecutionError.
 */
export class AdapterResultError extends HamiltonError {
  constructor(readonly node: string, readonly adapter: string, readonly expected: string, got: unknown) {
    super(`node '${node}': ${adapter} must return ${expected}, but returned ${describeValue(got)}`);
  }
}
