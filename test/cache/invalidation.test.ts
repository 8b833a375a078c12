import { Builder, dataflow, RecordResult, type Column } from 'hamilton-ts';
import { decisions, tempCacheDir, warnings } from './temp-cache';

const calls: string[] = [];

// Two versions of one dataflow: only `scaled`'s body differs. Each node's key is
// its name, its code version and its inputs' data versions, so V2 reruns `scaled`
// and what depends on it (its result changed), and reuses everything else.
@dataflow()
class V1 {
  doubled(spend: Column<number>): Column<number> {
    calls.push('doubled');
    return Float64Array.from(spend, (v) => v * 2);
  }

  scaled(doubled: Column<number>): Column<number> {
    calls.push('scaled');
    return Float64Array.from(doubled, (v) => v * 10);
  }

  scaledTotal(scaled: Column<number>): number {
    calls.push('scaledTotal');
    return scaled.reduce((a: number, b: number) => a + b, 0);
  }

  signupCount(signups: Column<number>): number {
    calls.push('signupCount');
    return signups.length;
  }
}

@dataflow()
class V2 {
  doubled(spend: Column<number>): Column<number> {
    calls.push('doubled');
    return Float64Array.from(spend, (v) => v * 2);
  }

  scaled(doubled: Column<number>): Column<number> {
    calls.push('scaled');
    return Float64Array.from(doubled, (v) => v * 100);
  }

  scaledTotal(scaled: Column<number>): number {
    calls.push('scaledTotal');
    return scaled.reduce((a: number, b: number) => a + b, 0);
  }

  signupCount(signups: Column<number>): number {
    calls.push('signupCount');
    return signups.length;
  }
}

@dataflow()
class Configured {
  rate(taxRate: number): number {
    calls.push('rate');
    return taxRate * 100;
  }

  taxed(price: number, rate: number): number {
    calls.push('taxed');
    return price * (1 + rate / 100);
  }

  label(taxed: number): string {
    calls.push('label');
    return `${taxed.toFixed(2)} EUR`;
  }
}

const OUTPUTS = ['doubled', 'scaled', 'scaledTotal', 'signupCount'];
const build = (module: object, path: string, config = {}) => new Builder().withModules(module).withConfig(config)
  .withResultBuilder(new RecordResult()).withCache({ path, warn: warnings().warn }).build();

beforeEach(() => {
  calls.length = 0;
});

describe('what invalidates a cached node', () => {
  test('an unchanged dataflow on unchanged inputs is all hits: no node runs, the values are the same', async () => {
    const path = tempCacheDir();
    const inputs = { spend: Float64Array.of(1, 2, 3), signups: Float64Array.of(5, 6, 7) };
    const first = await build(V1, path).execute(OUTPUTS, { inputs });
    expect(calls.sort()).toEqual(['doubled', 'scaled', 'scaledTotal', 'signupCount']);
    calls.length = 0;
    const dr = build(V1, path);
    const second = await dr.execute(OUTPUTS, { inputs });
    expect(calls).toEqual([]);
    expect(second).toEqual(first);
    expect(second.doubled).toBeInstanceOf(Float64Array);
    expect(decisions(dr)).toEqual({ doubled: 'hit', scaled: 'hit', scaledTotal: 'hit', signupCount: 'hit' });
  });

  test('changing one method\'s code recomputes it and only what depends on it', async () => {
    const path = tempCacheDir();
    const inputs = { spend: Float64Array.of(1, 2, 3), signups: Float64Array.of(5, 6, 7) };
    await build(V1, path).execute(OUTPUTS, { inputs });
    calls.length = 0;
    const dr = build(V2, path);
    const result = await dr.execute(OUTPUTS, { inputs });
    expect(calls).toEqual(['scaled', 'scaledTotal']);
    expect(result.scaledTotal).toBe(1200);
    expect(decisions(dr)).toEqual({ doubled: 'hit', scaled: 'miss', scaledTotal: 'miss', signupCount: 'hit' });
  });

  test('changing one value of an input column recomputes its dependents and nothing else', async () => {
    const path = tempCacheDir();
    const spend = Float64Array.of(1, 2, 3);
    const signups = Float64Array.of(5, 6, 7);
    await build(V1, path).execute(OUTPUTS, { inputs: { spend, signups } });
    calls.length = 0;
    spend[1] = 20; // the same array, mutated in place: data versions are read from the bytes each run
    const dr = build(V1, path);
    const result = await dr.execute(OUTPUTS, { inputs: { spend, signups } });
    expect(calls).toEqual(['doubled', 'scaled', 'scaledTotal']);
    expect(result.scaledTotal).toBe((1 + 20 + 3) * 20);
    expect(decisions(dr).signupCount).toBe('hit');
  });

  test('an override is part of its dependents\' keys: a new override value reruns them, the same one hits', async () => {
    const path = tempCacheDir();
    const inputs = { spend: Float64Array.of(1, 2, 3), signups: Float64Array.of(5) };
    const dr = build(V1, path);
    const a = await dr.execute(['scaledTotal'], { inputs, overrides: { doubled: Float64Array.of(1, 1) } });
    expect(a.scaledTotal).toBe(20);
    calls.length = 0;
    const b = await dr.execute(['scaledTotal'], { inputs, overrides: { doubled: Float64Array.of(1, 2) } });
    expect(calls).toEqual(['scaled', 'scaledTotal']);
    expect(b.scaledTotal).toBe(30);
    calls.length = 0;
    await dr.execute(['scaledTotal'], { inputs, overrides: { doubled: Float64Array.of(1, 2) } });
    expect(calls).toEqual([]);
  });

  test('a changed config value is part of the key of the nodes that read it, and only of those', async () => {
    const path = tempCacheDir();
    const first = await build(Configured, path, { taxRate: 0.2 }).execute(['label'], { inputs: { price: 10 } });
    expect(first.label).toBe('12.00 EUR');
    calls.length = 0;
    const second = await build(Configured, path, { taxRate: 0.1 }).execute(['label'], { inputs: { price: 10 } });
    expect(second.label).toBe('11.00 EUR');
    expect(calls).toEqual(['rate', 'taxed', 'label']);
    calls.length = 0;
    const dr = build(Configured, path, { taxRate: 0.1 });
    await dr.execute(['label'], { inputs: { price: 10 } });
    expect(calls).toEqual([]);
  });

  test('a node whose result is unchanged keeps its dependents cached, though it reran (data versions, not run order)', async () => {
    const path = tempCacheDir();
    await build(V1, path).execute(OUTPUTS, { inputs: { spend: Float64Array.of(1, 2), signups: Float64Array.of(1, 1) } });
    calls.length = 0;
    const dr = new Builder().withModules(V1).withResultBuilder(new RecordResult()).withCache({ path, recompute: ['doubled'] }).build();
    await dr.execute(OUTPUTS, { inputs: { spend: Float64Array.of(1, 2), signups: Float64Array.of(1, 1) } });
    expect(calls).toEqual(['doubled']);
    expect(decisions(dr)).toMatchObject({ doubled: 'recompute', scaled: 'hit', scaledTotal: 'hit' });
  });
});
