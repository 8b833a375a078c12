import * as aq from 'arquero';
import { decodeValue, encodeInput, encodeResult } from '../../../runtime/executors/threads/wire-values';
import { SharedColumns } from '../../../runtime/executors/threads/shared-columns';

/** Tables cross threads as Arrow IPC: what comes out must read as what went in. */
describe('a table through the thread wire', () => {
  test('BigInt columns stay BigInt, large values included (not numbers, not a decoder error)', () => {
    const big = 2n ** 60n + 1n;
    const sent = aq.table({ id: BigInt64Array.from([3n, big]), x: [1.5, 2.5] });
    const received = decodeValue(encodeResult(sent, new Set())) as aq.ColumnTable;
    expect(Array.from(received.array('id') as ArrayLike<bigint>)).toEqual([3n, big]);
    expect(typeof received.get('id', 0)).toBe('bigint');
    expect(Array.from(received.array('x') as ArrayLike<number>)).toEqual([1.5, 2.5]);
  });

  test.each([
    ['a result', (t: aq.ColumnTable) => encodeResult(t, new Set())],
    ['an input', (t: aq.ColumnTable) => encodeInput(t, new SharedColumns())],
  ])('as %s, a column of plain numbers stays a plain array (Arrow would make small integers an Int8Array, and x * 100 would wrap)', (_, encode) => {
    const sent = aq.table({ n: [1, 2, 3], x: [0.5, 1, 2], s: ['a', null, 'c'], typed: Float64Array.from([1, 2, 3]) });
    const received = decodeValue(encode(sent)) as aq.ColumnTable;
    expect(Array.isArray(received.column('n'))).toBe(true);
    expect((received.column('n') as number[]).map((v) => v * 100)).toEqual([100, 200, 300]);
    expect(received.column('x')).toEqual([0.5, 1, 2]);
    expect(received.column('s')).toEqual(['a', null, 'c']);
    expect(received.column('typed')).toBeInstanceOf(Float64Array);
  });
});
