import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import { Builder, cache, dataflow, RecordResult } from 'hamilton-ts';
import { decisions, tempCacheDir, warnings } from './temp-cache';

// Stands for another process's `hamilton-ts cache clear` between a hit's lookup and its read.
let wipeDir: string | undefined;
function wipeResults(): void {
  if (wipeDir === undefined) return;
  const results = nodePath.join(wipeDir, 'results');
  for (const file of fs.readdirSync(results)) fs.rmSync(nodePath.join(results, file), { recursive: true, force: true });
}

@dataflow()
class Outputs {
  b(x: number): number[] {
    return [x, x * 10];
  }

  c(b: number[]): number {
    return b[0] + b[1];
  }

  @cache({ behavior: 'recompute' })
  d(b: number[]): string {
    wipeResults();
    return `ok ${b.length}`;
  }
}

@dataflow()
class Chain {
  a(x: number): number {
    return x * 10;
  }

  b(a: number): number {
    return a + 1;
  }

  @cache({ behavior: 'recompute' })
  w(a: number): number {
    wipeResults();
    return a;
  }

  @cache({ behavior: 'recompute' })
  e(b: number, w: number): number {
    return b * 2 + w;
  }
}

const build = (module: object, path: string) => new Builder().withModules(module).withResultBuilder(new RecordResult())
  .withCache({ path, warn: warnings().warn }).build();

afterEach(() => {
  wipeDir = undefined;
});

describe('results cleared between a hit\'s lookup and its read', () => {
  test('a requested hit whose dependencies were released is recomputed from them: the right value, and the right value stored', async () => {
    const path = tempCacheDir();
    expect(await build(Outputs, path).execute(['c', 'd'], { inputs: { x: 1 } })).toEqual({ c: 11, d: 'ok 2' });
    wipeDir = path;
    const dr = build(Outputs, path);
    expect(await dr.execute(['c', 'd'], { inputs: { x: 1 } })).toEqual({ c: 11, d: 'ok 2' });
    expect(decisions(dr)).toMatchObject({ c: 'miss' });
    wipeDir = undefined;
    const later = build(Outputs, path);
    expect(await later.execute(['c'], { inputs: { x: 1 } })).toEqual({ c: 11 });
    // b's file went with the wipe (it was read before it): b runs again; c's recomputed result was stored.
    expect(decisions(later)).toEqual({ b: 'miss', c: 'hit' });
  });

  test('a hit read by a node that runs, after its own dependency was released, is rebuilt from that dependency', async () => {
    const path = tempCacheDir();
    expect(await build(Chain, path).execute(['e'], { inputs: { x: 1 } })).toEqual({ e: 32 });
    wipeDir = path;
    expect(await build(Chain, path).execute(['e'], { inputs: { x: 1 } })).toEqual({ e: 32 });
    wipeDir = undefined;
    expect(await build(Chain, path).execute(['e'], { inputs: { x: 1 } })).toEqual({ e: 32 });
  });
});
