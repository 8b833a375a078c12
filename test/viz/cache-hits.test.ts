import { Builder, dataflow } from 'hamilton-ts';
import { tempCacheDir } from '../cache/temp-cache';

@dataflow()
class Prices {
  base(x: number): number {
    return x + 1;
  }

  taxed(base: number, rate: number): number {
    return base * rate;
  }

  label(taxed: number): string {
    return `${taxed}`;
  }
}

const HIT_FILL = 'fillcolor="#bee3f8"';
const nodeLine = (dot: string, name: string) => dot.split('\n').find((l) => l.trimStart().startsWith(`"${name}" [`))!;

describe('dr.visualizeExecution with the cache', () => {
  test("the last run's hits are drawn apart, with a legend entry; misses, inputs and a driver's first picture are not", async () => {
    const dr = new Builder().withModules(Prices).withCache({ path: tempCacheDir() }).build();
    const picture = async () => (await dr.visualizeExecution(['label'], { inputs: { x: 1, rate: 2 } }, { format: 'dot' })) as string;
    const before = await picture();
    expect(before).not.toContain('cache hit');
    await dr.execute(['label'], { inputs: { x: 1, rate: 2 } });
    // All misses: nothing drawn apart.
    expect(await picture()).toBe(before);

    await dr.execute(['label'], { inputs: { x: 1, rate: 3 } });
    // base hit; taxed and label ran again.
    expect(dr.cache.logs().map((d) => [d.node, d.decision])).toEqual([['base', 'hit'], ['taxed', 'miss'], ['label', 'miss']]);
    const dot = await picture();
    expect(nodeLine(dot, 'base')).toContain(HIT_FILL);
    expect(nodeLine(dot, 'base')).toContain('class="hamilton_node function cached"');
    for (const name of ['taxed', 'label', 'x', 'rate']) expect(nodeLine(dot, name)).not.toContain(HIT_FILL);
    expect(nodeLine(dot, 'legend:cache hit (last run)')).toContain(HIT_FILL);

    await dr.execute(['label'], { inputs: { x: 1, rate: 3 } });
    const allHits = await picture();
    // An output that was a hit stays gold, with the hit's blue border.
    expect(nodeLine(allHits, 'label')).toMatch(/color="#2b6cb0".*fillcolor="#ffd98a"/);
    expect(nodeLine(allHits, 'label')).toContain('class="hamilton_node function output cached"');
    const svg = (await dr.visualizeExecution(['label'], { inputs: { x: 1, rate: 3 } })) as string;
    expect(svg).toMatch(/<g id="node:taxed" class="node hamilton_node function cached">/);
    const mermaid = (await dr.visualizeExecution(['label'], { inputs: { x: 1, rate: 3 } }, { format: 'mmd' })) as string;
    expect(mermaid).toContain('cache hit (last run)');
  });

  test('a driver without a cache draws as before', async () => {
    const dr = new Builder().withModules(Prices).build();
    await dr.execute(['label'], { inputs: { x: 1, rate: 2 } });
    expect(await dr.visualizeExecution(['label'], { inputs: { x: 1, rate: 2 } }, { format: 'dot' })).not.toContain('cached');
  });
});
