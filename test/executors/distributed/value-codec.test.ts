import * as aq from 'arquero';
import { decodeValue, encodeParts, encodeValue, ValueCodecError } from '../../../runtime/executors/distributed/value-codec';

const roundTrip = <T>(value: T): T => decodeValue(encodeValue(value)) as T;

/** The Arrow blobs of an encoded value: what follows the JSON skeleton. */
function hasArrowBlob(bytes: Buffer): boolean {
  const jsonLength = bytes.readUInt32LE(4);
  return bytes.length > ((8 + jsonLength + 7) & ~7);
}

describe('value codec: columns as Arrow IPC', () => {
  const kinds = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray];

  test.each(kinds.map((k) => [k.name, k] as const))('a %s comes back as the same kind with the same values', (_, Kind) => {
    const values = Kind.from([0, 1, 2, 3, 120]);
    const bytes = encodeValue(values);
    expect(hasArrowBlob(bytes)).toBe(true);
    const back = decodeValue(bytes);
    expect(back).toBeInstanceOf(Kind);
    expect(Array.from(back as ArrayLike<number>)).toEqual(Array.from(values));
  });

  test('64-bit integer arrays keep every bit', () => {
    const signed = BigInt64Array.from([-(2n ** 63n), 0n, 2n ** 63n - 1n]);
    const unsigned = BigUint64Array.from([0n, 2n ** 64n - 1n]);
    expect(roundTrip(signed)).toEqual(signed);
    expect(roundTrip(signed)).toBeInstanceOf(BigInt64Array);
    expect(roundTrip(unsigned)).toEqual(unsigned);
  });

  test('floats keep NaN, -0, ±Infinity and subarray views', () => {
    const back = roundTrip(Float64Array.from([NaN, -0, Infinity, -Infinity, 1e-310]));
    expect(Object.is(back[0], NaN)).toBe(true);
    expect(Object.is(back[1], -0)).toBe(true);
    expect([back[2], back[3], back[4]]).toEqual([Infinity, -Infinity, 1e-310]);
    expect(roundTrip(Float64Array.from([1, 2, 3, 4]).subarray(1, 3))).toEqual(Float64Array.from([2, 3]));
  });

  test('plain arrays of numbers stay plain arrays: null, NaN and -0 each as they were', () => {
    const values = [1, null, NaN, -0, 2 ** 53, 0.1];
    const bytes = encodeValue(values);
    expect(hasArrowBlob(bytes)).toBe(true);
    const back = decodeValue(bytes) as unknown[];
    expect(Array.isArray(back)).toBe(true);
    expect(back).toEqual(values);
    expect(Object.is(back[3], -0)).toBe(true);
    expect(back[1]).toBeNull();
  });

  test('plain arrays of strings, with nulls', () => {
    const values = ['a', null, '', 'ünïcödé ✓', 'a'];
    expect(hasArrowBlob(encodeValue(values))).toBe(true);
    expect(roundTrip(values)).toEqual(values);
  });

  test('strings with half a surrogate pair on its own come back as they were (UTF-8, hence Arrow, cannot hold them)', () => {
    const strings = ['ok', '\ud800', 'a\udc00b', '😀', null];
    expect(roundTrip(strings)).toEqual(strings);
    const table = aq.table({ s: ['ok', '\udfff'], n: [1, 2] });
    expect(roundTrip(table).array('s')).toEqual(['ok', '\udfff']);
    // Well-formed strings still go as Arrow.
    expect(hasArrowBlob(encodeValue(['ok', '😀']))).toBe(true);
  });

  test('empty columns keep their kind', () => {
    expect(roundTrip(new Float32Array(0))).toBeInstanceOf(Float32Array);
    expect(roundTrip([])).toEqual([]);
  });
});

describe('value codec: Arquero tables as Arrow IPC', () => {
  test('column kinds, names and order come back exactly', () => {
    const table = aq.table({
      f: Float64Array.from([1.5, -0, NaN]),
      i: Int32Array.from([1, 2, 3]),
      n: [1, null, 3],
      s: ['x', null, 'z'],
      b: BigInt64Array.from([1n, 2n, 3n]),
    });
    const bytes = encodeValue(table);
    expect(hasArrowBlob(bytes)).toBe(true);
    const back = decodeValue(bytes) as aq.ColumnTable;
    expect(back.columnNames()).toEqual(['f', 'i', 'n', 's', 'b']);
    expect(back.column('f')).toBeInstanceOf(Float64Array);
    expect(back.column('i')).toBeInstanceOf(Int32Array);
    expect(Array.isArray(back.column('n'))).toBe(true);
    expect(back.column('b')).toBeInstanceOf(BigInt64Array);
    expect(Object.is(back.get('f', 1), -0)).toBe(true);
    expect(back.objects()).toEqual(table.objects());
  });

  test("a table's typed-array columns go as their own bytes: views of the columns, not an Arrow copy", () => {
    const columns = { a: Float64Array.from([1, 2, 3]), b: Int32Array.from([4, 5, 6]), s: ['x', 'y', null] };
    const { parts, byteLength } = encodeParts(aq.table(columns));
    expect(parts.some((part) => part.buffer === columns.a.buffer)).toBe(true);
    expect(parts.some((part) => part.buffer === columns.b.buffer)).toBe(true);
    const back = decodeValue(Buffer.concat(parts, byteLength)) as aq.ColumnTable;
    expect(back.column('a')).toEqual(columns.a);
    expect(back.column('b')).toEqual(columns.b);
    expect(back.column('s')).toEqual(columns.s);
  });

  test('a filtered table travels as the rows it shows', () => {
    const table = aq.table({ x: Float64Array.from([1, 2, 3, 4]) }).filter((d: { x: number }) => d.x > 2);
    expect((roundTrip(table) as aq.ColumnTable).objects()).toEqual([{ x: 3 }, { x: 4 }]);
  });

  test('columns Arrow would not carry exactly (dates, mixed values) go as tagged JSON, still a table', () => {
    const table = aq.table({ when: [new Date(0), new Date(86_400_000)], mixed: [1, 'one'] });
    const back = roundTrip(table) as aq.ColumnTable;
    expect(back.objects()).toEqual(table.objects());
    expect(roundTrip(aq.table({ x: [] })).numRows()).toBe(0);
  });
});

describe('value codec: tagged JSON', () => {
  test('scalars JSON cannot hold', () => {
    for (const value of [undefined, NaN, Infinity, -Infinity, -0, 12345678901234567890123n, -1n, new Date(Date.UTC(2020, 1, 29, 12))]) {
      expect(Object.is(roundTrip(value), value) || roundTrip(value as Date)?.valueOf?.() === (value as Date).valueOf()).toBe(true);
    }
    expect(roundTrip(new Date(Date.UTC(2020, 1, 29)))).toEqual(new Date(Date.UTC(2020, 1, 29)));
    expect(Number.isNaN(roundTrip(new Date(NaN)).getTime())).toBe(true);
    expect([roundTrip(null), roundTrip(true), roundTrip('s'), roundTrip(1.5)]).toEqual([null, true, 's', 1.5]);
  });

  test('records, nested arrays, Maps and Sets, with columns inside them', () => {
    const value = {
      model: { weights: Float64Array.from([0.5, -1]), bias: -0, classes: ['a', 'b'] },
      rows: [{ id: 1n, when: new Date(5) }, { id: 2n, missing: undefined }],
      mixed: [1, 'two', null, undefined, [3]],
      map: new Map<unknown, unknown>([['k', new Set([1, 2])], [3, { x: NaN }]]),
    };
    const back = roundTrip(value);
    expect(back).toEqual(value);
    expect(back.model.weights).toBeInstanceOf(Float64Array);
    expect('missing' in back.rows[1]).toBe(true);
  });

  test('a record of the user\'s that looks like a tag stays a record', () => {
    const value = { $: 'undef', v: 'NaN', nested: { $: 'date', v: 1 } };
    expect(roundTrip(value)).toEqual(value);
  });

  test('a record\'s own __proto__ key round-trips as a field, and sets no prototype on either side', () => {
    // JSON.parse makes __proto__ an own field, as a node parsing a payload would.
    const record = JSON.parse('{"__proto__":{"polluted":1},"kept":2}') as Record<string, unknown>;
    const wrapped = JSON.parse('{"$":"looks like a tag","__proto__":[3]}') as Record<string, unknown>;
    const bare = Object.assign(Object.create(null), JSON.parse('{"__proto__":"text"}')) as Record<string, unknown>;
    for (const value of [record, wrapped, bare, { nested: [record] }]) {
      const back = roundTrip(value);
      expect(back).toEqual(value);
    }
    const back = roundTrip(record);
    expect(Object.getOwnPropertyDescriptor(back, '__proto__')?.value).toEqual({ polluted: 1 });
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(back.polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(roundTrip(wrapped), '__proto__')?.value).toEqual([3]);
    expect(Object.getOwnPropertyDescriptor(roundTrip(bare), '__proto__')?.value).toBe('text');
  });

  test('what has no faithful encoding is refused, naming what it is', () => {
    expect(() => encodeValue(() => 1)).toThrow(ValueCodecError);
    expect(() => encodeValue({ f: Symbol('s') })).toThrow(/a symbol/);
    expect(() => encodeValue(new URL('http://127.0.0.1/'))).toThrow(/^a URL cannot be sent to another process: only scalars/);
    class Model {
      w = 1;
    }
    expect(() => encodeValue([new Model()])).toThrow(/a Model cannot be sent/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encodeValue(cyclic)).toThrow(/contains itself/);
    // The same object twice is not a cycle.
    const shared = { a: 1 };
    expect(roundTrip([shared, shared])).toEqual([{ a: 1 }, { a: 1 }]);
  });

  test('decoding builds data only: unknown tags and foreign bytes are errors, never code', () => {
    const forged = (json: string) => {
      const body = Buffer.from(json, 'utf8');
      const bytes = Buffer.alloc(8 + body.length);
      bytes.writeUInt32LE(0x31565448, 0);
      bytes.writeUInt32LE(body.length, 4);
      body.copy(bytes, 8);
      return bytes;
    };
    expect(() => decodeValue(forged('{"$":"function","v":"process.exit(1)"}'))).toThrow(/unknown value tag "function"/);
    expect(() => decodeValue(forged('{"$":"num","v":"process.exit(1)"}'))).toThrow(/unknown number tag/);
    expect(() => decodeValue(forged('{"$":"col","kind":"Function","i":-1}'))).toThrow(/unknown column kind 'Function'/);
    expect(() => decodeValue(Buffer.from('{"a":1}'))).toThrow(/not a hamilton-ts value/);
    // A field named __proto__ stays a field: no prototype is ever set from the data.
    const decoded = decodeValue(forged('{"__proto__":{"polluted":1}}')) as Record<string, unknown>;
    expect(Object.getPrototypeOf(decoded)).toBe(Object.prototype);
    expect(decoded.polluted).toBeUndefined();
    expect(Object.getOwnPropertyDescriptor(decoded, '__proto__')?.value).toEqual({ polluted: 1 });
  });

  test('bytes at any offset of a larger buffer decode (Redis replies land anywhere in Node\'s pool)', () => {
    const bytes = encodeValue({ x: Float64Array.from([1, 2, 3]), t: aq.table({ y: Int32Array.from([7]) }) });
    for (const offset of [1, 3, 5, 8]) {
      const pooled = Buffer.alloc(bytes.length + offset);
      bytes.copy(pooled, offset);
      const back = decodeValue(pooled.subarray(offset)) as { x: Float64Array; t: aq.ColumnTable };
      expect(back.x).toEqual(Float64Array.from([1, 2, 3]));
      expect(back.t.objects()).toEqual([{ y: 7 }]);
    }
  });

  test('a typed array travels as its own bytes: the message is the column plus a small header, the column a view of it', () => {
    const column = Float64Array.from({ length: 100_000 }, (_, i) => i / 7);
    const bytes = encodeValue(column);
    expect(bytes.length).toBeLessThan(column.byteLength + 128);
    const back = decodeValue(bytes) as Float64Array;
    expect(back).toEqual(column);
    expect(back.buffer).toBe(bytes.buffer);
  });

  test('a decoded column lying in a much larger reply buffer is copied out: it keeps no more than itself alive', () => {
    const bytes = encodeValue(Float64Array.from([1, 2, 3]));
    const pool = Buffer.alloc(1 << 16);
    bytes.copy(pool, 1024);
    const back = decodeValue(pool.subarray(1024, 1024 + bytes.length)) as Float64Array;
    expect(back).toEqual(Float64Array.from([1, 2, 3]));
    expect(back.buffer.byteLength).toBe(24);
    pool.fill(0);
    expect(back).toEqual(Float64Array.from([1, 2, 3]));
  });

  test('a forged column whose bytes are cut off is an error', () => {
    const skeleton = Buffer.from('{"$":"raw","kind":"Float64Array","i":0}');
    const header = Buffer.alloc(8);
    header.writeUInt32LE(0x31565448, 0);
    header.writeUInt32LE(skeleton.length, 4);
    const blob = Buffer.alloc(8 + 16);
    blob.writeUInt32LE(12, 0);
    const padded = Buffer.concat([header, skeleton, Buffer.alloc(((8 + skeleton.length + 7) & ~7) - 8 - skeleton.length), blob]);
    expect(() => decodeValue(padded)).toThrow(/a Float64Array of 12 bytes is cut off/);
  });
});
