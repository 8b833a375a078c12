import { dataflow } from '../decorators/dataflow';
import * as col from '../runtime/column-math';
import type { Collect, Parallelizable } from '../runtime/values';

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

  c1(x: number): number {
    return x + 1;
  }

  c2(c1: number): number {
    return c1 + 1;
  }

  c3(c2: number): number {
    return c2 + 1;
  }

  c4(c3: number): number {
    return c3 + 1;
  }

  c5(c4: number): number {
    return c4 + 1;
  }

  c6(c5: number): number {
    return c5 + 1;
  }

  c7(c6: number): number {
    return c6 + 1;
  }

  c8(c7: number): number {
    return c7 + 1;
  }

  c9(c8: number): number {
    return c8 + 1;
  }

  c10(c9: number): number {
    return c9 + 1;
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
