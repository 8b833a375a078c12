import { dataflow } from '../decorators/dataflow';
import { source } from '../decorators/dependency-source';
import { parameterize } from '../decorators/parameterize';
import * as col from '../runtime/values/column-math';
import type { Collect, Parallelizable } from '../runtime/values/values';

/**
 * Dataflows for bench/distributed.ts, in their own module: `hamilton-ts
 * worker` processes load this compiled file.
 */

/** Trivial nodes: what is measured is the trip through Redis and BullMQ, not the work. */
@dataflow()
export class RemoteOverhead {
  one(x: number): number {
    return x + 1;
  }

  /** c1 … c10: a chain of ten nodes, each adding one to the one before (c1 reads x). */
  @parameterize(Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`c${i + 1}`, { previous: source(i ? `c${i}` : 'x') }])))
  chainStep(previous: number): number {
    return previous + 1;
  }

  /** One task per item. */
  items(count: number): Parallelizable<number> {
    return Array.from({ length: count }, (_, i) => i);
  }

  work(items: number): number {
    return items * 2;
  }

  gathered(work: Collect<number>): number {
    return work.reduce((a, b) => a + b, 0);
  }

  /** A column out to a worker and back: Arrow IPC both ways. */
  doubledColumn(column: Float64Array): Float64Array {
    return col.multiply(column, 2);
  }
}
