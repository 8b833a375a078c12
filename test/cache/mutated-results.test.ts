import { Builder, dataflow, RecordResult } from 'hamilton-ts';
import { decisions, tempCacheDir, warnings } from './temp-cache';

// Nodes that change what they read in place and hand it on: each result is stored as the node returned it.
@dataflow()
class InPlace {
  pair(x: number): number[] {
    return [x, x + 1];
  }

  appended(pair: number[]): number[] {
    pair.push(99);
    return pair;
  }

  holder(x: number): { list: number[] } {
    return { list: [x] };
  }

  /** A new record around its input's (mutated) array. */
  rewrapped(holder: { list: number[] }): { list: number[] } {
    holder.list.push(7);
    return { list: holder.list };
  }
}

const build = (path: string) => new Builder().withModules(InPlace).withResultBuilder(new RecordResult())
  .withCache({ path, warn: warnings().warn }).build();

describe('a node that mutates its input', () => {
  test.each([
    ['a new driver', (path: string) => build(path)],
    ['the same driver', (_path: string, first: ReturnType<typeof build>) => first],
  ])('and returns it: its hit is what it returned, not its input as it was (%s)', async (_how, next) => {
    const path = tempCacheDir();
    const first = build(path);
    expect(await first.execute(['appended', 'rewrapped'], { inputs: { x: 1 } })).toEqual({ appended: [1, 2, 99], rewrapped: { list: [1, 7] } });
    const dr = next(path, first);
    expect(await dr.execute(['appended', 'rewrapped'], { inputs: { x: 1 } })).toEqual({ appended: [1, 2, 99], rewrapped: { list: [1, 7] } });
    expect(decisions(dr)).toMatchObject({ appended: 'hit', rewrapped: 'hit' });
  });

  test('the input\'s own stored result is what it returned, written before its reader changed it', async () => {
    const path = tempCacheDir();
    await build(path).execute(['appended', 'rewrapped'], { inputs: { x: 1 } });
    const dr = build(path);
    expect(await dr.execute(['pair', 'holder'], { inputs: { x: 1 } })).toEqual({ pair: [1, 2], holder: { list: [1] } });
    expect(decisions(dr)).toEqual({ pair: 'hit', holder: 'hit' });
  });
});
