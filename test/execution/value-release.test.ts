import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Builder, checkOutput, col, dataflow, LocalExecutor, RecordResult, type Collect, type Column, type Parallelizable } from 'hamilton-ts';
import { planExecution } from '../../runtime/execution/execution-plan';
import { tempCacheDir, warnings } from '../cache/temp-cache';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

@dataflow()
class Spend {
  avg3wkSpend(spend: Column<number>): Column<number> {
    return col.rollingMean(spend, 3);
  }

  @checkOutput({ range: [0, 10_000], allowNaN: true }, { importance: 'warn' })
  acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> {
    return col.divide(avg3wkSpend, signups);
  }

  spendMean(spend: Column<number>): number {
    return col.mean(spend);
  }

  spendZeroMean(spend: Column<number>, spendMean: number): Column<number> {
    return col.subtract(spend, spendMean);
  }

  /** Reads an intermediate after an await: it must still be there. */
  async lateReader(avg3wkSpend: Column<number>, spendZeroMean: Column<number>): Promise<number> {
    await new Promise((resolve) => setImmediate(resolve));
    return avg3wkSpend[3] + spendZeroMean[3];
  }
}

@dataflow()
class Items {
  scale(factor: number): number {
    return factor * 10;
  }

  item(count: number): Parallelizable<number> {
    return Array.from({ length: count }, (_, i) => i);
  }

  scaled(item: number, scale: number): number {
    return item * scale;
  }

  total(scaled: Collect<number>): number {
    return scaled.reduce((a, b) => a + b, 0);
  }

  totalPlusScale(total: number, scale: number): number {
    return total + scale;
  }
}

const spend = Float64Array.from([10, 20, 30, 40, 50, 60]);
const signups = Float64Array.from([1, 2, 3, 4, 5, 6]);

/** Runs a request straight on the scheduler, returning the run's slot array as it ends. */
async function valuesAfterRun(module: object, outputs: string[], inputs: Record<string, unknown>, keepIntermediates?: boolean) {
  const dr = new Builder().withModules(module as never).build();
  const { graph } = dr;
  const values = new Array<unknown>(graph.nameAt.length);
  for (const [name, value] of Object.entries(inputs)) values[graph.slotOf.get(name)!] = value;
  const plan = planExecution(graph, outputs, (slot) => values[slot] !== undefined);
  await new LocalExecutor().run(plan, values, { keepIntermediates });
  return (name: string) => values[graph.slotOf.get(name)!];
}

describe('intermediates are released after their last reader', () => {
  test('an unrequested intermediate is gone when the run ends; outputs, checks and inputs stay', async () => {
    const value = await valuesAfterRun(Spend, ['acquisitionCost', 'spendZeroMean'], { spend, signups });
    expect(value('avg3wkSpend')).toBeUndefined();
    expect(value('spendMean')).toBeUndefined();
    expect(value('acquisitionCost.raw')).toBeUndefined();
    expect(Array.from(value('acquisitionCost') as Float64Array).slice(2)).toEqual([20 / 3, 30 / 4, 40 / 5, 50 / 6]);
    expect(value('spendZeroMean')).toBeInstanceOf(Float64Array);
    expect(value('acquisitionCost.check')).toEqual([expect.objectContaining({ passed: true })]);
    expect(value('spend')).toBe(spend);
    expect(value('signups')).toBe(signups);
  });

  test('keepIntermediates keeps every value', async () => {
    const value = await valuesAfterRun(Spend, ['acquisitionCost', 'spendZeroMean'], { spend, signups }, true);
    expect(value('avg3wkSpend')).toBeInstanceOf(Float64Array);
    expect(value('spendMean')).toBe(35);
  });

  test('a value read by a later async node is kept until that node has run', async () => {
    const dr = new Builder().withModules(Spend).withResultBuilder(new RecordResult()).build();
    const { lateReader } = await dr.execute(['lateReader', 'acquisitionCost'], { inputs: { spend, signups } });
    expect(lateReader).toBe(30 + (40 - 35));
  });

  test('a value a fan-out block and a node after it both read is kept for both; collected values are released', async () => {
    const value = await valuesAfterRun(Items, ['totalPlusScale'], { factor: 2, count: 4 });
    expect(value('totalPlusScale')).toBe((0 + 1 + 2 + 3) * 20 + 20);
    expect(value('scale')).toBeUndefined();
    expect(value('total')).toBeUndefined();
    expect(value('scaled')).toBeUndefined();
    expect(value('item')).toBeUndefined();
  });

  test('the released column can be garbage-collected while the run goes on', async () => {
    let avg: WeakRef<object> | undefined;
    let collectedMidRun: boolean | undefined;
    @dataflow()
    class Watched {
      avg3wkSpend(spend: Column<number>): Column<number> {
        const out = col.rollingMean(spend, 3);
        avg = new WeakRef(out);
        return out;
      }

      acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> {
        return col.divide(avg3wkSpend, signups);
      }

      async afterwards(acquisitionCost: Column<number>): Promise<number> {
        await new Promise((resolve) => setImmediate(resolve));
        collectGarbage();
        collectedMidRun = avg!.deref() === undefined;
        return acquisitionCost.length;
      }
    }
    const dr = new Builder().withModules(Watched).withResultBuilder(new RecordResult()).build();
    await dr.execute(['afterwards'], { inputs: { spend, signups } });
    expect(collectedMidRun).toBe(true);
  });

  test('with the cache on too: the cache keeps no intermediate alive, during the run or for the next one', async () => {
    let avg: WeakRef<object> | undefined;
    let collectedMidRun: boolean | undefined;
    @dataflow()
    class Watched {
      avg3wkSpend(spend: Column<number>): Column<number> {
        const out = col.rollingMean(spend, 3);
        avg = new WeakRef(out);
        return out;
      }

      acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> {
        return col.divide(avg3wkSpend, signups);
      }

      async afterwards(acquisitionCost: Column<number>): Promise<number> {
        await new Promise((resolve) => setImmediate(resolve));
        collectGarbage();
        collectedMidRun = avg!.deref() === undefined;
        return acquisitionCost.length;
      }
    }
    const dr = new Builder().withModules(Watched).withResultBuilder(new RecordResult())
      .withCache({ path: tempCacheDir(), warn: warnings().warn }).build();
    expect((await dr.execute(['afterwards'], { inputs: { spend, signups } })).afterwards).toBe(6);
    expect(collectedMidRun).toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage();
    expect(avg!.deref()).toBeUndefined();
  });
});
