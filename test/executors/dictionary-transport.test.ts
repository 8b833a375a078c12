import * as aq from 'arquero';
import { tableFromArrow } from '../../runtime/io/arrow-table';
import { encodeResult, decodeValue as decodeWire } from '../../runtime/executors/threads/wire-values';
import { encodeValue, decodeValue } from '../../runtime/executors/distributed/value-codec';
import type { Table } from 'hamilton-ts';

/**
 * A dictionary column whose second batch replaces the first one's dictionary: the transports
 * decode with Arquero's fromArrow, which reads every batch with the first dictionary. They stay
 * right because Arquero's toArrowIPC, their only encoder, writes one batch with one dictionary.
 */
const streams = [aq.table({ s: ['x', 'y'] }), aq.table({ s: ['p', 'q', 'r'] })].map((t) => aq.toArrowIPC(t, { format: 'stream' }) as Uint8Array);
const EXPECTED = ['x', 'y', 'p', 'q', 'r'];
const source = (): Table => tableFromArrow(streams);

describe('a table read from a stream that replaces its dictionary', () => {
  test('crosses the worker-thread transport with its values', () => {
    expect(source().array('s')).toEqual(EXPECTED);
    const decoded = decodeWire(encodeResult(source(), new Set())) as Table;
    expect(decoded.array('s')).toEqual(EXPECTED);
  });

  test('crosses the BullMQ value codec with its values', () => {
    const decoded = decodeValue(encodeValue(source())) as Table;
    expect(Array.from(decoded.array('s'))).toEqual(EXPECTED);
  });
});
