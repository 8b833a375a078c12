import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Writable } from 'node:stream';
import { Builder, dataflow, HamiltonError, ProgressBar, RecordResult, type Collect, type Parallelizable } from 'hamilton-ts';

@dataflow()
class Steps {
  *pages(n: number): Parallelizable<number> {
    for (let i = 0; i < n; i++) yield i;
  }

  fetched(pages: number): number {
    return pages * 2;
  }

  parsed(fetched: number): number {
    return fetched + 1;
  }

  total(parsed: Collect<number>): number {
    return parsed.reduce((a, b) => a + b, 0);
  }

  broken(total: number): number {
    throw new Error(`cannot use ${total}`);
  }

  /** Waits until the bar shows it running (the bar redraws on a timer: no fixed sleep is long enough on a busy machine). */
  async slow(total: number): Promise<number> {
    const deadline = Date.now() + 10_000;
    while (!drawn.some((chunk) => chunk.includes('| slow')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
    return total;
  }
}

let drawn: string[] = [];

/** A stream that says it is a terminal, keeping what is drawn on it. */
function terminal(isTTY = true): Writable & { isTTY: boolean; columns: number; text(): string } {
  const chunks: string[] = [];
  drawn = chunks;
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(String(chunk)); done(); } }) as Writable & { isTTY: boolean; columns: number; text(): string };
  stream.isTTY = isTTY;
  stream.columns = 160;
  // cli-progress moves the cursor on a terminal stream.
  Object.assign(stream, { cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  stream.text = () => chunks.join('');
  return stream;
}

const driver = (bar: ProgressBar) => new Builder().withModules(Steps).withResultBuilder(new RecordResult()).withAdapters(bar).build();

describe('ProgressBar', () => {
  test('on a terminal: nodes done of total (each fan-out item counted), items done, the node running, elapsed and remaining', async () => {
    const stream = terminal();
    const dr = driver(new ProgressBar({ stream, fps: 50 }));
    expect(await dr.execute(['slow'], { inputs: { n: 3 } })).toEqual({ slow: 9 });
    const text = stream.text();
    // pages, 3 × (fetched, parsed), total, slow = 9 nodes.
    expect(text).toContain('9/9 nodes, 3/3 items');
    expect(text).toMatch(/8\/9 nodes, 3\/3 items \| \d+s elapsed, [\d.]+s left \| slow/);
    expect(text).not.toContain('0/5 nodes');
  });

  test('not a terminal: nothing is written, and the run is unchanged', async () => {
    const stream = terminal(false);
    const dr = driver(new ProgressBar({ stream }));
    expect(await dr.execute(['total'], { inputs: { n: 2 } })).toEqual({ total: 4 });
    expect(stream.text()).toBe('');
  });

  test('delayMs 0 draws from the start, before any node is done: nothing left to estimate yet', async () => {
    const stream = terminal();
    await driver(new ProgressBar({ stream, delayMs: 0 })).execute(['total'], { inputs: { n: 2 } });
    expect(stream.text()).toContain('0/4 nodes | 0s elapsed, ? left');
    expect(stream.text()).toContain('6/6 nodes, 2/2 items');
  });

  test('with the cache, an all-hit run counts every hit and reaches its total', async () => {
    const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-bar-cache-'));
    try {
      const cached = (bar: ProgressBar) => new Builder().withModules(Steps).withResultBuilder(new RecordResult()).withCache({ path: cacheDir }).withAdapters(bar).build();
      await cached(new ProgressBar({ stream: terminal(false) })).execute(['total'], { inputs: { n: 2 } });
      const stream = terminal();
      const dr = cached(new ProgressBar({ stream, delayMs: 0 }));
      expect(await dr.execute(['total'], { inputs: { n: 2 } })).toEqual({ total: 4 });
      expect(dr.cache.logs().every((d) => d.decision === 'hit')).toBe(true);
      expect(stream.text()).toContain('6/6 nodes, 2/2 items');
    } finally {
      fs.rmSync(cacheDir, { recursive: true, force: true });
    }
  });

  test('a run quicker than delayMs draws nothing', async () => {
    const stream = terminal();
    await driver(new ProgressBar({ stream, delayMs: 60_000 })).execute(['total'], { inputs: { n: 2 } });
    expect(stream.text()).toBe('');
  });

  test('a failed run leaves the bar where it stopped and draws no more', async () => {
    const stream = terminal();
    const dr = driver(new ProgressBar({ stream, delayMs: 0 }));
    await expect(dr.execute(['broken'], { inputs: { n: 2 } })).rejects.toThrow('cannot use 4');
    expect(stream.text()).toContain('nodes');
    const after = stream.text().length;
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(stream.text().length).toBe(after);
  });

  test('bad options are HamiltonErrors naming them', () => {
    expect(() => new ProgressBar({ fps: 0 })).toThrow(HamiltonError);
    expect(() => new ProgressBar({ fps: 0 })).toThrow('ProgressBar: fps must be');
    expect(() => new ProgressBar({ keep: 'yes' as unknown as boolean })).toThrow('ProgressBar: keep must be true or false');
    expect(() => new ProgressBar({ delayMs: -1 })).toThrow('ProgressBar: delayMs must be');
  });
});
