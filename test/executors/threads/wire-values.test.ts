import * as aq from 'arquero';
import { decodeValue, encodeResult } from '../../../runtime/executors/threads/wire-values';

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
});
