import { dataflow } from '../decorators/dataflow';
import { tag } from '../decorators/tag';
import { THREAD_TAG } from '../runtime/executors/threads/thread-tag';
import type { Column } from '../runtime/values/values';

/**
 * Dataflows for bench/threads.ts, in their own module: worker threads load
 * them from this compiled file (loading bench/threads.js would be harmless,
 * but this keeps the worker's imports small).
 */

// The heavy branches are the threads tests' own fixture: one definition of the work both measure.
export { churn, Branches as HeavyBranches } from '../test/fixtures/threads/branches';

/** A column handed to a worker node, and one handed back. */
@dataflow()
export class BigColumns {
  @tag(THREAD_TAG)
  lastValue(column: Column<number>): number {
    return column[column.length - 1];
  }

  @tag(THREAD_TAG)
  freshColumn(rows: number): Float64Array {
    const out = new Float64Array(rows);
    out[0] = 1;
    out[rows - 1] = 1;
    return out;
  }
}

/** Ten trivial tagged nodes in a chain: what one thread hop costs. */
@dataflow()
export class Hops {
  @tag(THREAD_TAG) h0(x: number): number { return x + 1; }
  @tag(THREAD_TAG) h1(h0: number): number { return h0 + 1; }
  @tag(THREAD_TAG) h2(h1: number): number { return h1 + 1; }
  @tag(THREAD_TAG) h3(h2: number): number { return h2 + 1; }
  @tag(THREAD_TAG) h4(h3: number): number { return h3 + 1; }
  @tag(THREAD_TAG) h5(h4: number): number { return h4 + 1; }
  @tag(THREAD_TAG) h6(h5: number): number { return h5 + 1; }
  @tag(THREAD_TAG) h7(h6: number): number { return h6 + 1; }
  @tag(THREAD_TAG) h8(h7: number): number { return h7 + 1; }
  @tag(THREAD_TAG) h9(h8: number): number { return h8 + 1; }
}
