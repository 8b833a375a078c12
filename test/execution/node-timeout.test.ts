import {
  Builder, checkOutput, dataflow, DecoratorError, HamiltonError, NodeTimeoutError, RecordResult, tag, timeoutTag, TIMEOUT_TAG,
  type Collect, type Parallelizable,
} from 'hamilton-ts';

const never = <T>(): Promise<T> => new Promise<T>(() => undefined);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

@dataflow()
class Hangs {
  /** An async node whose promise never settles. */
  async stuck(x: number): Promise<number> {
    return never<number>();
  }

  afterStuck(stuck: number): number {
    return stuck + 1;
  }

  async quick(x: number): Promise<number> {
    await sleep(5);
    return x + 1;
  }

  @tag(timeoutTag(100))
  async bounded(x: number): Promise<number> {
    return never<number>();
  }

  @tag(timeoutTag(1_000))
  async inTime(x: number): Promise<number> {
    await sleep(10);
    return x * 2;
  }

  items(count: number): Parallelizable<number> {
    return Array.from({ length: count }, (_, i) => i);
  }

  /** Each item's block is bounded by its nodes' timeouts: item 2 never finishes. */
  @tag(timeoutTag(150))
  async perItem(items: number): Promise<number> {
    if (items === 2) return never<number>();
    await sleep(5);
    return items;
  }

  /** The work is in checkedSlow.raw: the limit must bound it, not only the check's pass-through node. */
  @tag(timeoutTag(100))
  @checkOutput({ range: [0, 10] })
  async checkedSlow(x: number): Promise<number> {
    return never<number>();
  }

  gathered(perItem: Collect<number>): number[] {
    return [...perItem];
  }
}

@dataflow()
class BadTag {
  @tag({ [TIMEOUT_TAG]: 'soon' })
  async whenever(x: number): Promise<number> {
    return x;
  }
}

const driver = () => new Builder().withModules(Hangs).withResultBuilder(new RecordResult()).build();

describe('timeouts in the shared scheduler (every executor; here in-process)', () => {
  test('a run timeout fails a run whose async node never settles, naming the nodes still running', async () => {
    const t0 = Date.now();
    const error = await driver().execute(['afterStuck', 'quick'], { inputs: { x: 1 }, timeoutMs: 200 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeTimeoutError);
    expect(error).toBeInstanceOf(HamiltonError);
    expect((error as NodeTimeoutError).nodes.map((n) => n.name)).toEqual(['stuck']);
    expect((error as NodeTimeoutError).timeoutMs).toBe(200);
    expect((error as Error).message).toMatch(/^the run did not finish within 200 ms \(execute's timeoutMs\); still running: node 'stuck' \(Hangs\.stuck at .*node-timeout\.test\.ts:\d+\)/);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });

  test('a run that finishes within its timeout is unaffected', async () => {
    expect(await driver().execute(['quick', 'inTime'], { inputs: { x: 1 }, timeoutMs: 5_000 })).toEqual({ quick: 2, inTime: 2 });
  });

  test('a node\'s own timeout (tag hamilton.timeoutMs) fails the run with no run timeout given', async () => {
    const error = await driver().execute(['bounded', 'quick'], { inputs: { x: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeTimeoutError);
    expect((error as NodeTimeoutError).nodes.map((n) => n.name)).toEqual(['bounded']);
    expect((error as Error).message).toMatch(/^node 'bounded' \(Hangs\.bounded at .*\) did not finish within its timeout of 100 ms \(tag hamilton\.timeoutMs\)/);
  });

  test('a timeout tag on a checked method bounds the method\'s own work (checkedSlow.raw)', async () => {
    const error = await driver().execute(['checkedSlow'], { inputs: { x: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeTimeoutError);
    expect((error as NodeTimeoutError).nodes.map((n) => n.name)).toEqual(['checkedSlow.raw']);
  });

  test('in a fan-out, each item\'s block is bounded on its own', async () => {
    const error = await driver().execute(['gathered'], { inputs: { count: 4 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeTimeoutError);
    expect((error as NodeTimeoutError).nodes.map((n) => n.name)).toEqual(['perItem']);
    expect((error as NodeTimeoutError).timeoutMs).toBe(150);
  });

  test('timeouts that are not a number of milliseconds above 0 are refused, naming where they came from', async () => {
    for (const timeoutMs of [0, -5, NaN, '100' as unknown as number]) {
      await expect(driver().execute(['quick'], { inputs: { x: 1 }, timeoutMs })).rejects.toThrow(/^timeoutMs must be a number of milliseconds above 0 \(at most 2147483647, or Infinity for none\), got /);
    }
    expect(() => timeoutTag(-1)).toThrow(HamiltonError);
    const error = await new Builder().withModules(BadTag).build().execute(['whenever'], { inputs: { x: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DecoratorError);
    expect((error as Error).message).toMatch(/^BadTag\.whenever: @tag \{ 'hamilton\.timeoutMs': 'soon' \} must be a number of milliseconds above 0/);
  });
});
