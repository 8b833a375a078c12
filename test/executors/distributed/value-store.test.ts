import * as aq from 'arquero';
import type { Redis } from 'ioredis';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { ChunkChannel, chunkTransportOf } from '../../../runtime/executors/distributed/chunk-channel';
import type { ChunkTransport } from '../../../runtime/executors/distributed/chunk-transport';
import { cutIntoPieces, REDIS_MAX_STRING_BYTES } from '../../../runtime/executors/distributed/value-chunks';
import { encodeParts } from '../../../runtime/executors/distributed/value-codec';
import { RedisValueStore, StoredValueError } from '../../../runtime/executors/distributed/value-store';
import { startRedis, type RedisServer } from './harness';

// The value store on a real redis-server: chunked values, what a damaged value says, the run marker.
jest.setTimeout(60_000);

const MARKER = 'test:run:store:live';
const CHUNK = 256;
let redis: RedisServer;
let client: Redis;
let store: RedisValueStore;
let keyCount = 0;

beforeAll(async () => {
  redis = await startRedis();
  client = redis.client;
  store = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK });
});
beforeEach(async () => {
  await client.set(MARKER, '1', 'EX', 600);
});
afterAll(async () => {
  await redis?.stop();
});

const nextKey = () => `test:run:store:value:${++keyCount}`;

/** Writes a value under a fresh key and reads it back. */
async function roundTrip(value: unknown, at = store): Promise<{ back: unknown; key: string; pieces: number }> {
  const key = nextKey();
  expect(await at.write([{ name: 'v', key, encoded: encodeParts(value) }])).toBe(true);
  const pieces = await client.llen(key);
  const [back] = await at.read([{ name: 'v', key }]);
  return { back, key, pieces };
}

async function writeChunked(): Promise<{ key: string; chunks: number; value: Float64Array }> {
  const value = Float64Array.from({ length: 200 }, (_, i) => i * 1.5);
  const key = nextKey();
  await store.write([{ name: 'column', key, encoded: encodeParts(value) }]);
  return { key, chunks: (await client.llen(key)) - 1, value };
}

describe('value store: values in chunks', () => {
  const kinds = [Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray];

  test.each(kinds.map((k) => [k.name, k] as const))('a %s larger than a chunk comes back whole, as the same kind', async (_, Kind) => {
    const values = Kind.from(Array.from({ length: 300 }, (_, i) => (i * 7) % 100));
    const { back, pieces } = await roundTrip(values);
    expect(pieces).toBeGreaterThan(2);
    expect(back).toBeInstanceOf(Kind);
    expect(back).toEqual(values);
  });

  test('64-bit integer arrays keep every bit across chunks', async () => {
    const signed = BigInt64Array.from({ length: 100 }, (_, i) => (i % 2 ? -(2n ** 63n) : 2n ** 63n - 1n) + BigInt(i % 2 ? i : -i));
    const unsigned = BigUint64Array.from({ length: 100 }, (_, i) => 2n ** 64n - 1n - BigInt(i));
    expect((await roundTrip(signed)).back).toEqual(signed);
    expect((await roundTrip(unsigned)).back).toEqual(unsigned);
  });

  test('strings, nested records and tables with nulls, chunked', async () => {
    const text = 'ünïcödé ✓ '.repeat(100);
    expect(await roundTrip(text)).toMatchObject({ back: text });
    const nested = { a: { b: [1, null, text, { c: Float32Array.from([1, 2, 3]) }] }, d: new Map([[1, new Set(['s'])]]), e: -0, f: 10n ** 30n };
    const { back, pieces } = await roundTrip(nested);
    expect(pieces).toBeGreaterThan(1);
    expect(back).toEqual(nested);
    const table = aq.table({
      x: Float64Array.from({ length: 100 }, (_, i) => i),
      n: Array.from({ length: 100 }, (_, i) => (i % 3 ? i : null)),
      s: Array.from({ length: 100 }, (_, i) => (i % 4 ? `s${i}` : null)),
    });
    const tableBack = (await roundTrip(table)).back as aq.ColumnTable;
    expect(tableBack.column('x')).toBeInstanceOf(Float64Array);
    expect(tableBack.objects()).toEqual(table.objects());
  });

  test('a value exactly the chunk size is one piece; one byte over, it goes in chunks; both come back', async () => {
    const exact = new Uint8Array(1000).map((_, i) => i % 251);
    const size = encodeParts(exact).byteLength;
    const at = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: size });
    const whole = await roundTrip(exact, at);
    expect(whole.pieces).toBe(1);
    expect(whole.back).toEqual(exact);
    const over = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: size - 1 });
    const chunked = await roundTrip(exact, over);
    expect(chunked.pieces).toBeGreaterThan(2);
    expect(chunked.back).toEqual(exact);
  });

  test("a value's several columns come back as views of one buffer, not copies", async () => {
    const { back } = await roundTrip({ a: new Float64Array(100).fill(1), b: new Int32Array(100).fill(2) });
    const { a, b } = back as { a: Float64Array; b: Int32Array };
    expect(a.buffer).toBe(b.buffer);
    expect(a.buffer.byteLength).toBeLessThan(a.byteLength + b.byteLength + 256);
  });

  test('several values go and come back in one call, small and chunked alike', async () => {
    const keys = [nextKey(), nextKey(), nextKey()];
    const values = [7, Float64Array.from({ length: 500 }, (_, i) => -i), 'text'];
    await store.write(values.map((value, i) => ({ name: `v${i}`, key: keys[i], encoded: encodeParts(value) })));
    expect(await store.read(keys.map((key, i) => ({ name: `v${i}`, key })))).toEqual(values);
  });

  test("a read asks for at most four chunks at a time, across all its values (Redis builds each reply in fresh memory)", async () => {
    const values = [Float64Array.from({ length: 400 }, (_, i) => i), Float64Array.from({ length: 300 }, (_, i) => -i)];
    const keys = [nextKey(), nextKey()];
    await store.write(values.map((value, i) => ({ name: `v${i}`, key: keys[i], encoded: encodeParts(value) })));
    let inFlight = 0;
    let most = 0;
    let chunkReads = 0;
    const inner = await chunkTransportOf(client);
    expect(inner).toBeInstanceOf(ChunkChannel);
    const counting: ChunkTransport = {
      push: (...args) => inner.push(...args),
      readInto: async (...args) => {
        chunkReads++;
        most = Math.max(most, ++inFlight);
        try {
          return await inner.readInto(...args);
        } finally {
          inFlight--;
        }
      },
    };
    const reader = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK, chunks: counting });
    expect(await reader.read(keys.map((key, i) => ({ name: `v${i}`, key })))).toEqual(values);
    expect(chunkReads).toBe((await client.llen(keys[0])) + (await client.llen(keys[1])) - 2);
    expect(most).toBe(4);
  });

  test('every key expires with the TTL it was written with', async () => {
    const { key } = await writeChunked();
    const ttl = await client.ttl(key);
    expect(ttl).toBeGreaterThan(590);
    expect(ttl).toBeLessThanOrEqual(600);
  });
});

describe('value store: a damaged value says so, naming it', () => {
  const read = (key: string) => store.read([{ name: 'column', key }]);

  test('a value no longer in Redis', async () => {
    await expect(read(nextKey())).rejects.toThrow(StoredValueError);
    await expect(read(nextKey())).rejects.toThrow(/the value of 'column' \(Redis key .*\) is not in Redis: it expired/);
  });

  test('a chunk missing at the end or in the middle', async () => {
    const { key, chunks } = await writeChunked();
    await client.rpop(key);
    await expect(read(key)).rejects.toThrow(new RegExp(`the value of 'column' .* is incomplete: ${chunks - 1} of its ${chunks} chunks are in Redis`));
    const middle = await writeChunked();
    await client.lset(middle.key, 2, 'GONE');
    await client.lrem(middle.key, 1, 'GONE');
    await expect(read(middle.key)).rejects.toThrow(/'column' .* is incomplete/);
  });

  test('a chunk of the wrong length', async () => {
    const { key, chunks } = await writeChunked();
    // Chunk 1 holds the framing; chunk 2 is the column's first CHUNK bytes.
    await client.lset(key, 2, Buffer.alloc(10));
    await expect(read(key)).rejects.toThrow(new RegExp(`'column' .* is corrupted: chunk 2 of ${chunks} has 10 bytes, its directory says ${CHUNK + 8} \\(${CHUNK} behind the write id\\)`));
  });

  test('more chunks than the directory lists', async () => {
    const { key } = await writeChunked();
    await client.rpush(key, Buffer.alloc(8));
    await expect(read(key)).rejects.toThrow(/'column' .* is corrupted: .* chunks are in Redis, its directory lists/);
  });

  test('a corrupted directory, a corrupted header, a value cut short', async () => {
    const { key } = await writeChunked();
    const directory = (await client.lindexBuffer(key, 0))!;
    await client.lset(key, 0, directory.subarray(0, directory.length - 4));
    await expect(read(key)).rejects.toThrow(/'column' .* is corrupted: its chunk directory announces/);

    const small = nextKey();
    await store.write([{ name: 'column', key: small, encoded: encodeParts(Float64Array.from([1, 2, 3])) }]);
    await client.lset(small, 0, Buffer.from('not a value at all'));
    await expect(read(small)).rejects.toThrow(/'column' .* cannot be decoded: not a hamilton-ts value \(bad header\)/);

    const cut = nextKey();
    const bytes = (() => {
      const { parts, byteLength } = encodeParts(Float64Array.from([1, 2, 3]));
      return Buffer.concat(parts, byteLength);
    })();
    await store.write([{ name: 'column', key: cut, encoded: encodeParts(0) }]);
    await client.lset(cut, 0, bytes.subarray(0, bytes.length - 8));
    await expect(read(cut)).rejects.toThrow(/'column' .* cannot be decoded: a value of \d+ bytes is cut off/);
  });

  test('a key holding something else than a value', async () => {
    const key = nextKey();
    await client.set(key, 'a string');
    await expect(read(key)).rejects.toThrow(/'column' .* is not a list of hamilton-ts value pieces/);
  });
});

describe('value store: a value written again while it is read', () => {
  /** A reader that calls `meanwhile` with the number of each chunk read (from 1) before it is sent. */
  async function readerWith(meanwhile: (reads: number) => Promise<void> | void): Promise<RedisValueStore> {
    const inner = await chunkTransportOf(client);
    let reads = 0;
    const watched: ChunkTransport = {
      push: (...args) => inner.push(...args),
      readInto: async (...args) => {
        await meanwhile(++reads);
        return inner.readInto(...args);
      },
    };
    return new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK, chunks: watched });
  }
  const same = (fill: number) => new Float64Array(200).fill(fill);

  test('never comes back as a mix of the two writes: it is read again, whole, from the new one', async () => {
    const key = nextKey();
    await store.write([{ name: 'column', key, encoded: encodeParts(same(1)) }]);
    // The first chunk from the first write; then, before the second chunk, the key is written again with the same shape.
    const reader = await readerWith(async (reads) => {
      if (reads === 2) await store.write([{ name: 'column', key, encoded: encodeParts(same(2)) }]);
    });
    const [back] = await reader.read([{ name: 'column', key }]);
    expect(back).toEqual(same(2));
  });

  test('written again on every read: a clear error, not a value', async () => {
    const key = nextKey();
    let fill = 0;
    await store.write([{ name: 'column', key, encoded: encodeParts(same(fill)) }]);
    const reader = await readerWith(async (reads) => {
      if (reads % 3 === 2) await store.write([{ name: 'column', key, encoded: encodeParts(same(++fill)) }]);
    });
    await expect(reader.read([{ name: 'column', key }])).rejects.toThrow(/the value of 'column' .* was written again while it was read, 4 times in a row/);
  });

  test('written again as one small piece while it is read: that value', async () => {
    const key = nextKey();
    await store.write([{ name: 'column', key, encoded: encodeParts(same(1)) }]);
    const reader = await readerWith(async (reads) => {
      if (reads === 2) await store.write([{ name: 'column', key, encoded: encodeParts(7) }]);
    });
    expect(await reader.read([{ name: 'column', key }])).toEqual([7]);
  });

  test('still being written when its chunks were asked for, whole by the end of the read: read again, whole', async () => {
    const key = nextKey();
    const value = same(5);
    const pieces = cutIntoPieces(encodeParts(value), CHUNK);
    if (!('chunks' in pieces)) throw new Error('expected chunks');
    // The directory and the first chunk only, as a write midway leaves them.
    const stored = pieces.chunks.map((chunk) => Buffer.concat([pieces.writeId, chunk]));
    await client.rpush(key, pieces.directory, stored[0]);
    const count = pieces.chunks.length;
    const reader = await readerWith(async (reads) => {
      // The other reads of this round came back empty; the write finishes before the last one is asked.
      if (reads === count) await client.rpush(key, ...stored.slice(1));
    });
    expect((await reader.read([{ name: 'column', key }]))[0]).toEqual(value);
  });

  test.each([['HTC1', 0x31435448, 16], ['HTC2', 0x32435448, 24]])('a value chunked by an older version (%s) says so', async (_, magic, header) => {
    const key = nextKey();
    const older = Buffer.alloc(header + 4);
    older.writeUInt32LE(magic, 0);
    older.writeUInt32LE(1, 4);
    older.writeDoubleLE(8, 8);
    older.writeUInt32LE(8, header);
    await client.rpush(key, older, Buffer.alloc(8));
    await expect(store.read([{ name: 'column', key }])).rejects.toThrow(/the value of 'column' .* was written in chunks by an older version of hamilton-ts/);
  });

  test("another write's chunks filling a newer write's list under way: corrupted, never read as the newer value", async () => {
    // A late attempt's chunks landed right behind the newer write's directory, as many as it lists, before any of its own.
    const late = await writeChunked();
    const newer = cutIntoPieces(encodeParts(same(9)), CHUNK);
    if (!('chunks' in newer)) throw new Error('expected chunks');
    const key = nextKey();
    const lateChunks = await client.lrangeBuffer(late.key, 1, -1);
    expect(lateChunks.length).toBe(newer.chunks.length);
    await client.rpush(key, newer.directory, ...lateChunks);
    await expect(store.read([{ name: 'column', key }])).rejects.toThrow(/the value of 'column' .* is corrupted: chunk 1 of \d+ belongs to another write of it/);
  });

  test('deleted while it is read: says it is gone, not that -1 chunks are there', async () => {
    const key = nextKey();
    await store.write([{ name: 'column', key, encoded: encodeParts(same(3)) }]);
    const reader = await readerWith(async (reads) => {
      if (reads === 2) await client.del(key);
    });
    await expect(reader.read([{ name: 'column', key }])).rejects.toThrow(/the value of 'column' .* is not in Redis any more: it was deleted or expired while it was read/);
  });
});

describe('value store: the run marker', () => {
  test('without the marker, nothing is written', async () => {
    await client.del(MARKER);
    const key = nextKey();
    expect(await store.write([{ name: 'v', key, encoded: encodeParts(Float64Array.from({ length: 500 }, (_, i) => i)) }])).toBe(false);
    expect(await client.exists(key)).toBe(0);
  });

  test("a run cleaned up while a value's chunks are being written: no chunk lands after the clean-up", async () => {
    // The clean-up (marker deleted, then the run's keys) runs while the third chunk is about to be sent.
    const cleaner = client.duplicate();
    const key = nextKey();
    let pushes = 0;
    const inner = await chunkTransportOf(client);
    const watched: ChunkTransport = {
      push: async (...args) => {
        if (++pushes === 3) {
          await cleaner.del(MARKER);
          await cleaner.unlink(key);
        }
        return inner.push(...args);
      },
      readInto: (...args) => inner.readInto(...args),
    };
    const late = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK, chunks: watched });
    const value = Float64Array.from({ length: 1000 }, (_, i) => i);
    expect(await late.write([{ name: 'v', key, encoded: encodeParts(value) }])).toBe(false);
    expect(pushes).toBeGreaterThanOrEqual(3);
    expect(await client.exists(key)).toBe(0);
    cleaner.disconnect();

    // The same write with the run alive lands whole.
    await client.set(MARKER, '1', 'EX', 600);
    pushes = -1_000;
    expect(await late.write([{ name: 'v', key, encoded: encodeParts(value) }])).toBe(true);
    expect((await late.read([{ name: 'v', key }]))[0]).toEqual(value);
  });
});

describe('chunks: bytes straight from the typed array', () => {
  test("a column's chunks are views of its own memory", () => {
    const column = Float64Array.from({ length: 1000 }, (_, i) => i);
    const pieces = cutIntoPieces(encodeParts(column), 1024);
    if (!('chunks' in pieces)) throw new Error('expected chunks');
    const views = pieces.chunks.filter((chunk) => chunk.buffer === column.buffer);
    expect(views.reduce((n, chunk) => n + chunk.byteLength, 0)).toBe(column.byteLength);
    for (const chunk of pieces.chunks) expect(chunk.byteLength).toBeLessThanOrEqual(1024);
  });

  test("a value over Redis's 512 MB string limit is cut into chunks under it, without a copy", () => {
    // Never touched, so never paged in: the chunks are views.
    const huge = new Uint8Array(REDIS_MAX_STRING_BYTES + 4096);
    const pieces = cutIntoPieces(encodeParts(huge), 64 * 1024 * 1024);
    if (!('chunks' in pieces)) throw new Error('expected chunks');
    // The framing in a chunk of its own, then nine slices of the array.
    expect(pieces.chunks.length).toBe(10);
    for (const chunk of pieces.chunks) expect(chunk.byteLength).toBeLessThanOrEqual(64 * 1024 * 1024);
    const views = pieces.chunks.filter((chunk) => chunk.buffer === huge.buffer);
    expect(views.reduce((n, chunk) => n + chunk.byteLength, 0)).toBe(huge.byteLength);
  });

  test('by default a value goes in chunks of at most 1 MiB: no Redis string near the sizes Redis slows down at (4 MB and up)', async () => {
    const defaults = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600 });
    const column = Float64Array.from({ length: 1_000_000 }, (_, i) => i); // 8 MB
    const { back, key, pieces } = await roundTrip(column, defaults);
    expect(back).toEqual(column);
    const lengths = (await client.lrangeBuffer(key, 1, -1)).map((chunk) => chunk.length);
    expect(pieces).toBe(lengths.length + 1);
    // Each chunk stored behind its write's 8-byte id.
    expect(Math.max(...lengths)).toBe(1024 * 1024 + 8);
    expect(lengths.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(column.byteLength);
  });

  test('a chunk size Redis cannot store, or too small, is refused up front', () => {
    // A chunk is stored behind its write's 8-byte id: the largest leaves room for it under Redis's limit.
    expect(() => new BullMQExecutor({ connection: 'redis://127.0.0.1:1', queue: 'q', valueChunkBytes: REDIS_MAX_STRING_BYTES - 7 }))
      .toThrow(/valueChunkBytes must be a whole number of bytes from 64 to 536870904 \(Redis's 512 MiB string limit, less the 8-byte write id each chunk is stored behind\), got 536870905/);
    expect(() => new BullMQExecutor({ connection: 'redis://127.0.0.1:1', queue: 'q', valueChunkBytes: REDIS_MAX_STRING_BYTES - 8 })).not.toThrow();
    expect(() => new BullMQExecutor({ connection: 'redis://127.0.0.1:1', queue: 'q', valueChunkBytes: 10 })).toThrow(/valueChunkBytes/);
  });
});

describe('StoredValueError', () => {
  test('names the value and the key', () => {
    const error = new StoredValueError('spend', 'k:1', 'is not in Redis');
    expect(error.message).toBe("the value of 'spend' (Redis key k:1) is not in Redis");
    expect(error.valueName).toBe('spend');
  });
});
