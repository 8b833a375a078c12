import { Builder, dataflow, FanOutError, RecordResult, type Collect, type Parallelizable } from 'hamilton-ts';

const seen: string[] = [];

@dataflow()
class Crawl {
  urls(site: string, pages: number): Parallelizable<string> {
    return Array.from({ length: pages }, (_, i) => `${site}/page${i}`);
  }

  async fetched(urls: string): Promise<string> {
    seen.push(`fetch ${urls}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return `<html>${urls}</html>`;
  }

  size(fetched: string, overhead: number): number {
    return fetched.length + overhead;
  }

  totalSize(size: Collect<number>): number {
    return size.reduce((a, b) => a + b, 0);
  }

  sizes(size: Collect<number>): number[] {
    return [...size];
  }

  *letters(word: string): Parallelizable<string> {
    yield* word;
  }

  upper(letters: string): string {
    return letters.toUpperCase();
  }

  shouted(upper: Collect<string>): string {
    return upper.join('');
  }

  letterList(letters: Collect<string>): string[] {
    return [...letters];
  }
}

const dr = new Builder().withModules(Crawl).withResultBuilder(new RecordResult()).build();

beforeEach(() => {
  seen.length = 0;
});

describe('Parallelizable / Collect', () => {
  test('runs everything between them once per item and gathers the results in item order', async () => {
    const result = await dr.execute(['totalSize', 'sizes'], { inputs: { site: 'x.io', pages: 3, overhead: 1 } });
    expect(result.sizes).toEqual([24, 24, 24]);
    expect(result.totalSize).toBe(72);
  });

  test('items run concurrently: every async fetch starts before any finishes', async () => {
    await dr.execute(['totalSize'], { inputs: { site: 's', pages: 4, overhead: 0 } });
    expect(seen).toEqual(['fetch s/page0', 'fetch s/page1', 'fetch s/page2', 'fetch s/page3']);
  });

  test('takes generators, empty fan-outs and collectors of the items themselves', async () => {
    expect(await dr.execute(['shouted', 'letterList'], { inputs: { word: 'abc' } })).toEqual({ shouted: 'ABC', letterList: ['a', 'b', 'c'] });
    expect(await dr.execute(['shouted'], { inputs: { word: '' } })).toEqual({ shouted: '' });
    expect(await dr.execute(['totalSize'], { inputs: { site: 's', pages: 0, overhead: 0 } })).toEqual({ totalSize: 0 });
  });

  test("an override of a Parallelizable node is its items, fanned out as the node's own (was one item: the whole array)", async () => {
    const inputs = { overhead: 1 };
    const result = await dr.execute(['sizes', 'totalSize', 'urls'], { inputs, overrides: { urls: ['a', 'bb'] } });
    expect(seen).toEqual(['fetch a', 'fetch bb']);
    expect(result).toEqual({ sizes: [15, 16], totalSize: 31, urls: ['a', 'bb'] });
    // A generator or a Set stands in too; no items, an empty collection; collectors reading the items themselves get them.
    expect(await dr.execute(['shouted', 'letterList'], { overrides: { letters: new Set(['x', 'y']) } })).toEqual({ shouted: 'XY', letterList: ['x', 'y'] });
    expect(await dr.execute(['totalSize'], { inputs, overrides: { urls: [] } })).toEqual({ totalSize: 0 });
    // A config value standing in for the node fans out alike.
    const configured = new Builder().withModules(Crawl).withConfig({ urls: ['c'] }).withResultBuilder(new RecordResult()).build();
    expect(await configured.execute(['sizes'], { inputs })).toEqual({ sizes: [15] });
    await expect(dr.execute(['totalSize'], { inputs, overrides: { urls: 5 } })).rejects.toThrow(/override 'urls' is a number \(5\), but node 'urls' \(Crawl\.urls at .*\) returns Parallelizable<string>/);
  });

  test('a node that runs once per item cannot be requested on its own', async () => {
    const error = await dr.execute(['size'], { inputs: { site: 's', pages: 1, overhead: 0 } }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(FanOutError);
    expect((error as Error).message).toMatch(/^node 'size' \(Crawl\.size at .*\) runs once per item of 'urls': request a node that gathers it with a Collect<T> parameter\.$/);
  });

  test('Parallelizable and Collect types are listed as written', () => {
    const type = (name: string) => dr.listAvailableVariables().find((v) => v.name === name)!.type;
    expect([type('urls'), type('size'), type('totalSize')]).toEqual(['Parallelizable<string>', 'number', 'number']);
    expect(dr.listAvailableVariables().find((v) => v.name === 'totalSize')!.typeDescriptor).toEqual({ kind: 'number' });
  });

  test('nested fan-outs are refused', async () => {
    @dataflow()
    class Nested {
      outer(n: number): Parallelizable<number> {
        return Array.from({ length: n }, (_, i) => i);
      }

      inner(outer: number): Parallelizable<number> {
        return [outer, outer];
      }

      doubled(inner: number): number {
        return inner * 2;
      }

      all(doubled: Collect<number>): number[] {
        return [...doubled];
      }
    }
    const nested = new Builder().withModules(Nested).build();
    await expect(nested.execute(['all'], { inputs: { n: 2 } })).rejects.toThrow('is a Parallelizable inside another fan-out: nested fan-outs are not supported');
  });
});
