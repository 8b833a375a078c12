import { Builder, cache, CacheNotEnabledError, CacheOptionError, dataflow, RecordResult, tag, type Collect, type Parallelizable } from 'hamilton-ts';
import { decisions, tempCacheDir, warnings } from './temp-cache';

const calls: string[] = [];
let clientCount = 0;

class Client {
  constructor(readonly id: number) {}
}

@dataflow()
class Flow {
  base(x: number): number {
    calls.push('base');
    return x + 1;
  }

  @cache({ behavior: 'recompute' })
  fresh(base: number): number {
    calls.push('fresh');
    return base * 2;
  }

  @cache({ behavior: 'disable' })
  uncached(base: number): number {
    calls.push('uncached');
    return base * 3;
  }

  afterUncached(uncached: number): number {
    calls.push('afterUncached');
    return uncached + 1;
  }

  @cache({ behavior: 'ignore' })
  client(): Client {
    calls.push('client');
    return new Client(clientCount++);
  }

  fetched(client: Client, base: number): number {
    calls.push('fetched');
    return base + (client instanceof Client ? 0 : NaN);
  }

  @tag({ 'hamilton.data_loader': 'true' })
  loaded(x: number): number {
    calls.push('loaded');
    return x;
  }

  @tag({ 'hamilton.data_saver': 'true' })
  @cache({ behavior: 'default' })
  saved(base: number): string {
    calls.push('saved');
    return `wrote ${base}`;
  }

  model(base: number): Client {
    calls.push('model');
    return new Client(base);
  }

  predicted(model: Client): number {
    calls.push('predicted');
    return model.id;
  }
}

@dataflow()
class FanOut {
  items(n: number): Parallelizable<number> {
    return Array.from({ length: n }, (_, i) => i);
  }

  squared(items: number, offset: number): number {
    calls.push(`squared ${items}`);
    return items * items + offset;
  }

  total(squared: Collect<number>): number {
    calls.push('total');
    return squared.reduce((a, b) => a + b, 0);
  }
}

const ALL = ['base', 'fresh', 'uncached', 'afterUncached', 'fetched', 'loaded', 'saved'];
const build = (path: string, options = {}, module: object = Flow) => new Builder().withModules(module)
  .withResultBuilder(new RecordResult()).withCache({ path, warn: warnings().warn, ...options }).build();

beforeEach(() => {
  calls.length = 0;
});

describe('cache behaviours (Hamilton\'s CachingBehavior)', () => {
  test('default hits, recompute always runs, disable runs but its dependents still hit, ignore is left out of keys, loaders recompute, savers always run', async () => {
    const path = tempCacheDir();
    await build(path).execute(ALL, { inputs: { x: 1 } });
    calls.length = 0;
    const dr = build(path);
    const result = await dr.execute(ALL, { inputs: { x: 1 } });
    expect(calls.sort()).toEqual(['client', 'fresh', 'loaded', 'saved', 'uncached']);
    expect(result).toMatchObject({ base: 2, fresh: 4, uncached: 6, afterUncached: 7, fetched: 2, loaded: 1, saved: 'wrote 2' });
    expect(decisions(dr)).toEqual({
      base: 'hit', fresh: 'recompute', uncached: 'disable', afterUncached: 'hit', client: 'ignore', fetched: 'hit', loaded: 'recompute', saved: 'recompute',
    });
    const why = Object.fromEntries(dr.cache.logs().map((d) => [d.node, d.why]));
    expect(why.fresh).toBe("recompute: @cache({ behavior: 'recompute' })");
    expect(why.loaded).toBe('recompute: data loaders recompute by default');
    expect(why.saved).toBe('recompute: a data saver always runs');
  });

  test('the Builder\'s lists override @cache; true selects every node; defaultBehavior applies to the rest', async () => {
    const path = tempCacheDir();
    await build(path).execute(['base', 'fresh'], { inputs: { x: 1 } });
    calls.length = 0;
    const dr = build(path, { disable: ['fresh'] });
    await dr.execute(['base', 'fresh'], { inputs: { x: 1 } });
    expect(decisions(dr)).toEqual({ base: 'hit', fresh: 'disable' });
    const everything = build(path, { recompute: true });
    await everything.execute(['base'], { inputs: { x: 1 } });
    expect(decisions(everything)).toEqual({ base: 'recompute' });
    const byDefault = build(path, { defaultBehavior: 'disable' });
    await byDefault.execute(['base'], { inputs: { x: 1 } });
    expect(decisions(byDefault)).toEqual({ base: 'disable' });
  });

  test('a value with no data version (a class instance) warns once naming the node, and what depends on it never hits', async () => {
    const path = tempCacheDir();
    const log = warnings();
    const dr = build(path, { warn: log.warn });
    await dr.execute(['predicted'], { inputs: { x: 1 } });
    await dr.execute(['predicted'], { inputs: { x: 1 } });
    expect(calls).toEqual(['base', 'model', 'predicted', 'model', 'predicted']);
    expect(log.messages).toHaveLength(1);
    expect(log.messages[0]).toMatch(/'model' is a Client, which has no data version/);
    expect(decisions(dr)).toEqual({ base: 'hit', model: 'miss', predicted: 'miss' });
  });

  test('each item of a Parallelizable block is cached on its own: a new item runs, the others hit', async () => {
    const path = tempCacheDir();
    const first = await build(path, {}, FanOut).execute(['total'], { inputs: { n: 3, offset: 1 } });
    expect(first.total).toBe(0 + 1 + 4 + 3);
    calls.length = 0;
    const dr = build(path, {}, FanOut);
    const second = await dr.execute(['total'], { inputs: { n: 4, offset: 1 } });
    expect(second.total).toBe(0 + 1 + 4 + 9 + 4);
    expect(calls).toEqual(['squared 3', 'total']);
    expect(dr.cache.logs().filter((d) => d.node === 'squared').map((d) => d.decision)).toEqual(['hit', 'hit', 'hit', 'miss']);
  });

  test('logs name the run; listings show the last decision; a driver without a cache says so', async () => {
    const path = tempCacheDir();
    const dr = build(path);
    await dr.execute(['base'], { inputs: { x: 5 } });
    const firstRun = dr.cache.lastRunId!;
    await dr.execute(['base'], { inputs: { x: 5 } });
    expect(dr.cache.runIds).toEqual([firstRun, dr.cache.lastRunId]);
    expect(dr.cache.logs(firstRun)).toEqual([expect.objectContaining({ node: 'base', decision: 'miss', why: 'no stored result for this key' })]);
    expect(dr.cache.logs()[0]).toMatchObject({ node: 'base', decision: 'hit', why: 'stored result reused' });
    expect(dr.listAvailableVariables().find((v) => v.name === 'base')!.cache).toBe('hit');
    expect(() => dr.cache.logs('nope')).toThrow(CacheNotEnabledError);
    const plain = new Builder().withModules(Flow).build();
    expect(() => plain.cache).toThrow(/built without a cache; build it with new Builder\(\).withCache/);
  });

  test('bad options and @cache arguments are errors naming the option', () => {
    expect(() => new Builder().withCache({ defaultBehavior: 'sometimes' as never })).toThrow(CacheOptionError);
    expect(() => new Builder().withCache({ defaultBehavior: 'sometimes' as never })).toThrow("withCache option defaultBehavior must be one of 'default', 'recompute', 'disable', 'ignore', but got");
    expect(() => new Builder().withCache({ recompute: 'base' as never })).toThrow(/withCache option recompute must be true, false or an array of node names/);
    expect(() => new Builder().withCache({ paht: 'x' } as never)).toThrow(/withCache option 'paht' must be one of path/);
    expect(() => cache({ behavior: 'never' as never })).toThrow(/@cache option behavior must be one of/);
    expect(() => cache({ format: 'feather' as never })).toThrow("@cache option format must be one of 'auto', 'arrow', 'json', 'parquet', 'csv', but got 'feather': Feather v2 is Arrow IPC: use 'arrow'");
    expect(() => cache({ format: 'xlsx' as never })).toThrow("@cache option format must be one of 'auto', 'arrow', 'json', 'parquet', 'csv', but got 'xlsx'");
  });
});

describe('a cache.behavior tag written by hand', () => {
  test('that names no behaviour is an error naming the node and the tag', async () => {
    @dataflow()
    class HandTagged {
      @tag({ 'cache.behavior': 'sometimes' })
      odd(x: number): number {
        return x;
      }
    }
    const dr = new Builder().withModules(HandTagged).withCache({ path: tempCacheDir() }).build();
    await expect(dr.execute(['odd'], { inputs: { x: 1 } })).rejects.toThrow("node 'odd': tag cache.behavior must be one of 'default', 'recompute', 'disable', 'ignore', but got \"sometimes\"");
  });
});
