import * as fs from 'node:fs';
import * as nodePath from 'node:path';
import * as aq from 'arquero';
import { Builder, cache, CacheFormatError, dataflow, RecordResult, type Column, type Table } from 'hamilton-ts';
import { decisions, tempCacheDir, warnings } from './temp-cache';

const calls: string[] = [];

@dataflow()
class Tables {
  @cache({ format: 'parquet' })
  orders(x: Column<number>): Table {
    calls.push('orders');
    return aq.table({ price: Float64Array.from(x, (v) => v * 1.5), city: Array.from(x, (v) => (v % 2 ? 'Lyon' : 'Oslo')) });
  }

  @cache({ format: 'csv' })
  summary(x: Column<number>): Table {
    calls.push('summary');
    return aq.table({ n: Float64Array.from(x), label: Array.from(x, (v) => `row ${v}`) });
  }

  @cache({ format: 'csv' })
  codes(x: Column<number>): Table {
    // Text that looks like numbers: CSV would read it back as numbers.
    return aq.table({ code: Array.from(x, (v) => `00${v}`.slice(-3).replace(/^0+/, '')) });
  }

  @cache({ format: 'parquet' })
  column(x: Column<number>): Column<number> {
    return Float64Array.from(x);
  }
}

const build = (path: string, warn = warnings().warn) => new Builder().withModules(Tables).withResultBuilder(new RecordResult()).withCache({ path, warn }).build();
const payloads = (path: string) => fs.readdirSync(nodePath.join(path, 'results')).filter((f) => !f.endsWith('.tmp'))
  .map((f) => fs.readFileSync(nodePath.join(path, 'results', f)));
const inputs = { x: Float64Array.of(1, 2, 3) };

beforeEach(() => {
  calls.length = 0;
});

describe("@cache({ format }) with the I/O adapters' formats", () => {
  test('parquet and csv store a table in that encoding (checksummed as every result) and a new driver reads it back as it was', async () => {
    const path = tempCacheDir();
    const first = await build(path).execute(['orders', 'summary'], { inputs });
    const files = payloads(path);
    expect(files).toHaveLength(2);
    // The cache's header (32 bytes), then the adapter's bytes: a Parquet file, a CSV text.
    const parquet = files.find((b) => b.subarray(32, 36).toString('latin1') === 'PAR1')!;
    expect(parquet.subarray(-4).toString('latin1')).toBe('PAR1');
    const csv = files.find((b) => b !== parquet)!;
    expect(csv.subarray(32).toString('utf8').trimEnd()).toBe('n,label\n1,row 1\n2,row 2\n3,row 3');
    calls.length = 0;
    const dr = build(path);
    const second = await dr.execute(['orders', 'summary'], { inputs });
    expect(calls).toEqual([]);
    expect(decisions(dr)).toEqual({ orders: 'hit', summary: 'hit' });
    expect((second.orders as Table).objects()).toEqual((first.orders as Table).objects());
    // As the parquet loader reads it: Arrow-backed columns, the same values.
    expect(Array.from((second.orders as Table).array('price') as ArrayLike<number>)).toEqual([1.5, 3, 4.5]);
    expect((second.summary as Table).objects()).toEqual([{ n: 1, label: 'row 1' }, { n: 2, label: 'row 2' }, { n: 3, label: 'row 3' }]);
  });

  test('a table the format would not give back exactly, or a value that is no table, is a CacheFormatError naming the node', async () => {
    const path = tempCacheDir();
    const codes = await build(path).execute(['codes'], { inputs }).catch((e: unknown) => e);
    expect(codes).toBeInstanceOf(CacheFormatError);
    expect(String(codes)).toMatch(/node 'codes': cannot store its result as 'csv': CSV .* does not hold this table exactly \(column 'code' reads back different/);
    const column = await build(path).execute(['column'], { inputs }).catch((e: unknown) => e);
    expect(column).toBeInstanceOf(CacheFormatError);
    expect(String(column)).toContain("node 'column': cannot store its result as 'parquet': parquet holds tables, but the result is a Float64Array");
  });

  test('a damaged Parquet result is a miss with a warning, never a wrong value', async () => {
    const path = tempCacheDir();
    const expected = await build(path).execute(['orders'], { inputs });
    const [file] = fs.readdirSync(nodePath.join(path, 'results')).map((f) => nodePath.join(path, 'results', f));
    const bytes = fs.readFileSync(file);
    bytes[40] ^= 0xff;
    fs.writeFileSync(file, bytes);
    const log = warnings();
    const dr = build(path, log.warn);
    expect(((await dr.execute(['orders'], { inputs })).orders as Table).objects()).toEqual((expected.orders as Table).objects());
    expect(decisions(dr)).toEqual({ orders: 'miss' });
    expect(log.messages.join('\n')).toContain("node 'orders': the stored result");
  });
});
