import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import * as aq from 'arquero';
import { Builder, cache, CacheFormatError, dataflow, RecordResult, type Column, type Table } from 'hamilton-ts';
import { decisions, tempCacheDir, warnings } from './temp-cache';

const calls: string[] = [];

@dataflow()
class Results {
  column(x: Column<number>): Column<number> {
    calls.push('column');
    return Float64Array.from(x, (v) => v / 3);
  }

  table(x: Column<number>): Table {
    calls.push('table');
    return aq.table({ x: Float64Array.from(x), name: Array.from(x, (v) => `n${v}`) });
  }

  record(x: Column<number>): { when: Date; big: bigint; nan: number; tags: Set<string>; nested: { list: (number | null)[] } } {
    calls.push('record');
    return { when: new Date(86_400_000), big: 2n ** 70n, nan: NaN, tags: new Set(['a', 'b']), nested: { list: [1, null, x.length] } };
  }

  @cache({ format: 'json' })
  summary(x: Column<number>): { n: number; label: string } {
    calls.push('summary');
    return { n: x.length, label: 'rows' };
  }

  @cache({ format: 'json' })
  notJson(x: Column<number>): { n: number } {
    return { n: x.length > 0 ? NaN : 0 };
  }

  @cache({ format: 'arrow' })
  notArrow(x: Column<number>): number {
    return x.length;
  }
}

const OUTPUTS = ['column', 'table', 'record', 'summary'];
const build = (path: string, warn = warnings().warn) => new Builder().withModules(Results)
  .withResultBuilder(new RecordResult()).withCache({ path, warn }).build();
const resultFiles = (path: string) => fs.readdirSync(nodePath.join(path, 'results')).filter((f) => !f.endsWith('.tmp')).map((f) => nodePath.join(path, 'results', f));

beforeEach(() => {
  calls.length = 0;
});

describe('stored results', () => {
  test('columns, tables, records of Dates, bigints, NaN, Sets and JSON-format values come back as they were', async () => {
    const path = tempCacheDir();
    const inputs = { x: Float64Array.of(1, 2, 3) };
    const first = await build(path).execute(OUTPUTS, { inputs });
    calls.length = 0;
    const second = await build(path).execute(OUTPUTS, { inputs });
    expect(calls).toEqual([]);
    expect(second.column).toEqual(first.column);
    expect(second.column).toBeInstanceOf(Float64Array);
    expect((second.table as Table).objects()).toEqual((first.table as Table).objects());
    expect(second.record).toEqual(first.record);
    expect(second.summary).toEqual({ n: 3, label: 'rows' });
  });

  test('a truncated or corrupted result file is a miss with a warning naming the node, never a wrong value', async () => {
    const path = tempCacheDir();
    const inputs = { x: Float64Array.of(1, 2, 3) };
    const expected = await build(path).execute(['column'], { inputs });
    const [file] = resultFiles(path);
    const bytes = fs.readFileSync(file);
    fs.writeFileSync(file, bytes.subarray(0, bytes.length - 5)); // truncated
    const log = warnings();
    let dr = build(path, log.warn);
    expect((await dr.execute(['column'], { inputs })).column).toEqual(expected.column);
    expect(decisions(dr)).toEqual({ column: 'miss' });
    expect(log.messages.join('\n')).toMatch(/node 'column': the stored result .* is unusable \(truncated or overlong/);
    // One flipped bit in the payload: the checksum catches it.
    const stored = fs.readFileSync(file);
    stored[stored.length - 3] ^= 0x01;
    fs.writeFileSync(file, stored);
    const log2 = warnings();
    dr = build(path, log2.warn);
    expect((await dr.execute(['column'], { inputs })).column).toEqual(expected.column);
    expect(log2.messages.join('\n')).toMatch(/checksum does not match/);
    // Rewritten whole: the next run hits again.
    dr = build(path);
    await dr.execute(['column'], { inputs });
    expect(decisions(dr)).toEqual({ column: 'hit' });
  });

  test('a result file removed since its metadata was written is a miss: the node runs again', async () => {
    const path = tempCacheDir();
    await build(path).execute(['column'], { inputs: { x: Float64Array.of(1) } });
    for (const file of resultFiles(path)) fs.unlinkSync(file);
    const dr = build(path);
    await dr.execute(['column'], { inputs: { x: Float64Array.of(1) } });
    expect(dr.cache.logs()[0]).toMatchObject({ decision: 'miss', why: 'its stored result file is gone (the cache was cleared)' });
  });

  test('a format that cannot hold the result is a CacheFormatError naming the node', async () => {
    const path = tempCacheDir();
    const dr = build(path);
    await expect(dr.execute(['notJson'], { inputs: { x: Float64Array.of(1) } })).rejects.toThrow(CacheFormatError);
    await expect(dr.execute(['notJson'], { inputs: { x: Float64Array.of(1) } })).rejects.toThrow("node 'notJson': cannot store its result as 'json': a number (NaN) has no exact JSON form");
    await expect(dr.execute(['notArrow'], { inputs: { x: Float64Array.of(1) } })).rejects.toThrow(/node 'notArrow': cannot store its result as 'arrow': Arrow holds tables and columns/);
  });

  test('dr.cache.entries() lists what is stored; clear(nodes) forgets those nodes and their files', async () => {
    const path = tempCacheDir();
    const dr = build(path);
    await dr.execute(['column', 'summary'], { inputs: { x: Float64Array.of(1, 2) } });
    expect(dr.cache.entries().map((e) => e.node).sort()).toEqual(['column', 'summary']);
    expect(dr.cache.clear(['column'])).toBe(1);
    expect(dr.cache.entries().map((e) => e.node)).toEqual(['summary']);
    expect(resultFiles(path)).toHaveLength(1);
    await dr.execute(['column', 'summary'], { inputs: { x: Float64Array.of(1, 2) } });
    expect(decisions(dr)).toEqual({ column: 'miss', summary: 'hit' });
  });
});

describe('atomic writes', () => {
  test('a write that fails halfway (a full disk, a killed process) leaves no result file, so no reader ever sees half of one', async () => {
    const path = tempCacheDir();
    const log = warnings();
    // The module object itself (the namespace import's bindings cannot be replaced).
    const nodeFs = require('node:fs') as typeof fs;
    const realWrite = nodeFs.writeSync;
    let writes = 0;
    const spy = jest.spyOn(nodeFs, 'writeSync').mockImplementation(((fd: number, data: never, ...rest: never[]) => {
      if (++writes === 2) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      return realWrite(fd, data, ...rest);
    }) as typeof fs.writeSync);
    try {
      const result = await build(path, log.warn).execute(['column'], { inputs: { x: Float64Array.of(3) } });
      expect(Array.from(result.column as Float64Array)).toEqual([1]);
    } finally {
      spy.mockRestore();
    }
    expect(log.messages.join('\n')).toMatch(/node 'column': its result was not stored \(ENOSPC/);
    expect(fs.readdirSync(nodePath.join(path, 'results'))).toEqual([]);
    const dr = build(path);
    await dr.execute(['column'], { inputs: { x: Float64Array.of(3) } });
    expect(decisions(dr)).toEqual({ column: 'miss' });
  });
});
