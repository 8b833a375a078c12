import { Builder, dataflow, LifecycleAdapterError, NodeTypeCheckError, RecordResult, TypeChecker, type Column } from 'hamilton-ts';

@dataflow()
class Loose {
  /** Claims numbers, returns strings: TypeScript cannot see through the cast. */
  prices(raw: string[]): Column<number> {
    return raw as unknown as Column<number>;
  }

  total(prices: Column<number>): number {
    return Array.from(prices as ArrayLike<number>).reduce((a, b) => a + b, 0);
  }

  label(count: number): string {
    return count > 1 ? 'many' : (count as unknown as string);
  }
}

const driver = (...adapters: TypeChecker[]) => new Builder().withModules(Loose).withResultBuilder(new RecordResult()).withAdapters(...adapters).build();

describe('TypeChecker', () => {
  test('without it the wrong values pass silently: that is what it is for', async () => {
    expect(await driver().execute(['total'], { inputs: { raw: ['1', '2'] } })).toEqual({ total: '012' });
  });

  test("a node's result of another type than declared fails the run naming the node, its location, the type and the value", async () => {
    const run = driver(new TypeChecker()).execute(['total'], { inputs: { raw: ['1', '2'] } });
    await expect(run).rejects.toThrow(LifecycleAdapterError);
    const error = await driver(new TypeChecker()).execute(['total'], { inputs: { raw: ['1', '2'] } }).catch((e) => e);
    expect(error.cause).toBeInstanceOf(NodeTypeCheckError);
    expect(error.message).toContain("lifecycle adapter TypeChecker: its afterNode hook threw on node 'prices'");
    expect(error.message).toMatch(/node 'prices' \(Loose\.prices at test\/lifecycle\/type-checker\.test\.ts:\d+\) returned .* but declares Column<number>/);
  });

  test('an input of another type than its parameter declares fails before the node runs, naming the parameter', async () => {
    const checker = new TypeChecker();
    const error = await new Builder().withModules(Loose).withAdapters({ validateInput: () => true }, checker).build()
      .execute(['label'], { inputs: { count: '3' } }).catch((e) => e);
    expect(error.cause).toBeInstanceOf(NodeTypeCheckError);
    expect(error.message).toContain("was given a string (3) for parameter 'count', which declares number");
  });

  test('values of the declared types pass', async () => {
    expect(await driver(new TypeChecker()).execute(['label'], { inputs: { count: 3 } })).toEqual({ label: 'many' });
    const error = await driver(new TypeChecker()).execute(['label'], { inputs: { count: 1 } }).catch((e) => e);
    expect(error.message).toContain("node 'label'");
    expect(error.message).toContain('returned a number (1), but declares string');
  });
});
