import { Builder, dataflow, RecordResult, type Collect, type LifecycleAdapter, type Parallelizable } from 'hamilton-ts';
import { Recorder } from '../lifecycle/recording-adapter';
import { tempCacheDir } from './temp-cache';

let computed = 0;

@dataflow()
class Chain {
  base(x: number): number {
    computed++;
    return x + 1;
  }

  doubled(base: number): number {
    computed++;
    return base * 2;
  }

  *pages(doubled: number): Parallelizable<number> {
    computed++;
    for (let i = 0; i < 3; i++) yield doubled + i;
  }

  page(pages: number): number {
    computed++;
    return pages * 10;
  }

  total(page: Collect<number>): number {
    computed++;
    return page.reduce((a, b) => a + b, 0);
  }
}

const driver = (path: string, ...adapters: LifecycleAdapter[]) =>
  new Builder().withModules(Chain).withResultBuilder(new RecordResult()).withCache({ path }).withAdapters(...adapters).build();

describe('cache hits and lifecycle hooks', () => {
  test('an all-hit run reports every node to beforeNode and afterNode, each marked cached, with the value when it was read', async () => {
    const path = tempCacheDir();
    const first = new Recorder();
    expect(await driver(path, first).execute(['total'], { inputs: { x: 1 } })).toEqual({ total: 150 });
    expect(first.after.map((e) => e.cached)).not.toContain(true);

    const second = new Recorder();
    const dr = driver(path, second);
    computed = 0;
    expect(await dr.execute(['total'], { inputs: { x: 1 } })).toEqual({ total: 150 });
    expect(computed).toBe(0);
    expect(dr.cache.logs().map((d) => d.decision)).toEqual(Array(7).fill('hit'));
    // base, doubled, pages, 3 × page, total: the same nodes, in the same order, as the run that computed them.
    const names = ['base', 'doubled', 'pages', 'page', 'page', 'page', 'total'];
    expect(second.before.map((e) => e.node.name)).toEqual(names);
    expect(second.after.map((e) => e.node.name)).toEqual(names);
    expect(second.lines.filter((l) => l.includes('before') || l.includes('after'))).toEqual(names.flatMap((n) => [`recorder: before ${n}`, `recorder: after ${n} ok`]));
    for (const event of second.after) {
      expect(event).toMatchObject({ success: true, cached: true, where: { executor: 'local', on: 'calling-thread' } });
      expect(event.durationMs).toEqual(expect.any(Number));
    }
    // Values read at the hit (a fan-out's items, the requested outputs) are on the event; a hit nothing reads is not loaded for a hook.
    expect(second.after.filter((e) => e.node.name === 'page').map((e) => e.result)).toEqual([40, 50, 60]);
    expect(second.after.find((e) => e.node.name === 'pages')!.result).toEqual([4, 5, 6]);
    expect(second.after.find((e) => e.node.name === 'total')!.result).toBe(150);
    expect(second.after.find((e) => e.node.name === 'base')!.result).toBeUndefined();
  });

  test('only hits are marked cached: an overridden or changed input makes misses, computed as before', async () => {
    const path = tempCacheDir();
    await driver(path).execute(['doubled'], { inputs: { x: 1 } });
    const recorder = new Recorder();
    await driver(path, recorder).execute(['doubled'], { inputs: { x: 1 }, overrides: { base: 7 } });
    expect(recorder.after.map((e) => [e.node.name, e.cached === true])).toEqual([['doubled', false]]);
    const again = new Recorder();
    await driver(path, again).execute(['doubled'], { inputs: { x: 2 } });
    expect(again.after.map((e) => [e.node.name, e.cached === true])).toEqual([['base', false], ['doubled', false]]);
    const third = new Recorder();
    await driver(path, third).execute(['doubled'], { inputs: { x: 2 } });
    expect(third.after.map((e) => [e.node.name, e.cached === true])).toEqual([['base', true], ['doubled', true]]);
  });
});
