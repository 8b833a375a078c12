import Redis, { type RedisOptions } from 'ioredis';
import { BullMQExecutor } from '../../../runtime/executors/distributed/bullmq-executor';
import { ChunkChannel, chunkTransportOf } from '../../../runtime/executors/distributed/chunk-channel';
import { ClientChunks } from '../../../runtime/executors/distributed/chunk-transport';
import { encodeParts } from '../../../runtime/executors/distributed/value-codec';
import { RedisValueStore } from '../../../runtime/executors/distributed/value-store';
import { startWorker } from '../../../runtime/executors/distributed/worker';
import { startRedis, waitFor, type RedisServer } from './harness';

// Chunks on a socket of their own beside the ioredis client: the same server, user and database; the client's path where a plain socket cannot follow.
jest.setTimeout(60_000);

const MARKER = 'test:run:channel:live';
const CHUNK = 1024;
let redis: RedisServer;
const clients: Redis[] = [];

beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await redis?.stop();
});

function clientOf(options: RedisOptions): Redis {
  const client = new Redis({ host: '127.0.0.1', port: redis.port, maxRetriesPerRequest: 1, retryStrategy: () => 100, ...options });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

const column = (n: number, sign = 1) => Float64Array.from({ length: n }, (_, i) => sign * (i + 0.25));

async function roundTrip(store: RedisValueStore, key: string, value: unknown): Promise<unknown> {
  expect(await store.write([{ name: 'column', key, encoded: encodeParts(value) }])).toBe(true);
  return (await store.read([{ name: 'column', key }]))[0];
}

describe('chunk channel', () => {
  test("a client's chunks go on a channel of its own; what it writes the client's own path reads, and back", async () => {
    const client = clientOf({});
    await client.set(MARKER, '1', 'EX', 600);
    const transport = await chunkTransportOf(client);
    expect(transport).toBeInstanceOf(ChunkChannel);
    expect(await chunkTransportOf(client)).toBe(transport);
    const channel = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK });
    const viaClient = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK, chunks: new ClientChunks(client) });
    const value = column(5_000);
    expect(await roundTrip(channel, 'test:channel:a', value)).toEqual(value);
    expect((await viaClient.read([{ name: 'column', key: 'test:channel:a' }]))[0]).toEqual(value);
    const other = column(3_333, -1);
    expect(await roundTrip(viaClient, 'test:channel:b', other)).toEqual(other);
    expect((await channel.read([{ name: 'column', key: 'test:channel:b' }]))[0]).toEqual(other);
    // A list of 1 KiB chunks, the first piece its directory.
    expect(await client.llen('test:channel:a')).toBeGreaterThan(5_000 * 8 / CHUNK);
  });

  test('the password and the database are the client\'s', async () => {
    const admin = clientOf({});
    await admin.config('SET', 'requirepass', 'sekrit');
    const client = clientOf({ password: 'sekrit', db: 3, lazyConnect: true });
    try {
      await admin.auth('sekrit');
      await client.set(MARKER, '1', 'EX', 600);
      expect(await chunkTransportOf(client)).toBeInstanceOf(ChunkChannel);
      const store = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK });
      const value = column(2_000);
      expect(await roundTrip(store, 'test:channel:db', value)).toEqual(value);
      await admin.select(3);
      expect(await admin.llen('test:channel:db')).toBeGreaterThan(2_000 * 8 / CHUNK);
      await admin.select(0);
      expect(await admin.exists('test:channel:db')).toBe(0);

      // The wrong password: the channel does not open, and says so with false.
      const wrong = new ChunkChannel({ host: '127.0.0.1', port: redis.port, password: 'nope' });
      expect(await wrong.open()).toBe(false);
      wrong.close();
    } finally {
      client.disconnect();
      await admin.config('SET', 'requirepass', '');
      admin.disconnect();
    }
  });

  test("ioredis' keyPrefix is refused up front, by the executor and the worker: values and BullMQ name their keys in full", async () => {
    const connection = { host: '127.0.0.1', port: redis.port, keyPrefix: 'pre:' };
    expect(() => new BullMQExecutor({ connection, queue: 'q' })).toThrow(/BullMQExecutor: the Redis connection options set ioredis' keyPrefix \("pre:"\).*give BullMQExecutor's own keyPrefix option instead/);
    await expect(startWorker({ connection, queue: 'q', modules: [] })).rejects.toThrow(/hamilton-ts worker: the Redis connection options set ioredis' keyPrefix/);
    expect(() => new BullMQExecutor({ connection: `${redis.url}/0?keyPrefix=p:`, queue: 'q' })).toThrow(/the Redis connection URL sets ioredis' keyPrefix \("p:"\)/);
  });

  test('where a plain socket cannot follow the client (TLS, Sentinel), its chunks keep to the client', async () => {
    const tls = clientOf({ lazyConnect: true, tls: {} });
    expect(await chunkTransportOf(tls)).toBeInstanceOf(ClientChunks);
    const sentinel = clientOf({ lazyConnect: true, sentinels: [{ host: '127.0.0.1', port: 1 }], name: 'mymaster' });
    expect(await chunkTransportOf(sentinel)).toBeInstanceOf(ClientChunks);
  });

  test('a connection Redis dropped is opened again, its handshake done before any chunk goes on it', async () => {
    // Database 2: a chunk sent before SELECT would land in database 0 and the write would say the run had ended.
    const client = clientOf({ db: 2 });
    await client.set(MARKER, '1', 'EX', 600);
    const store = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK });
    const value = column(4_000);
    expect(await roundTrip(store, 'test:channel:again', value)).toEqual(value);
    for (let round = 0; round < 3; round++) {
      // Every normal client dropped, the channel among them; the ioredis client reconnects on its own.
      await redis.client.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
      const again = column(3_000 + round, -1);
      expect(await roundTrip(store, `test:channel:again${round}`, again)).toEqual(again);
    }
    await redis.client.client('KILL', 'TYPE', 'normal', 'SKIPME', 'yes');
    expect((await store.read([{ name: 'column', key: 'test:channel:again' }]))[0]).toEqual(value);
    expect(await redis.client.exists('test:channel:again')).toBe(0);
  });

  test("a socket destroyed before its 'close' event: the next chunk opens another, without spinning", async () => {
    const channel = new ChunkChannel({ host: '127.0.0.1', port: redis.port });
    expect(await channel.open()).toBe(true);
    await redis.client.rpush('test:channel:spin', 'first', 'abc');
    const dest = new Uint8Array(3);
    expect(await channel.readInto('test:channel:spin', 1, { dest, at: 0, length: 3 })).toBe(3);
    // What a reset connection or a broken reply does: destroyed now, 'close' on a later turn.
    (channel as unknown as { socket: { destroy(): void } }).socket.destroy();
    dest.fill(0);
    expect(await channel.readInto('test:channel:spin', 1, { dest, at: 0, length: 3 })).toBe(3);
    expect(Buffer.from(dest).toString()).toBe('abc');
    channel.close();
  });

  test('the channel closes with its client, and a client connected again gets a new one', async () => {
    const client = clientOf({});
    const first = await chunkTransportOf(client) as ChunkChannel;
    expect(first).toBeInstanceOf(ChunkChannel);
    await client.quit();
    await waitFor('the client to end', () => client.status === 'end');
    expect(await first.open()).toBe(false);
    await client.connect();
    const second = await chunkTransportOf(client);
    expect(second).toBeInstanceOf(ChunkChannel);
    expect(second).not.toBe(first);
    await client.set(MARKER, '1', 'EX', 600);
    const store = new RedisValueStore(client, { marker: MARKER, ttlSeconds: 600, chunkBytes: CHUNK });
    expect(await roundTrip(store, 'test:channel:new', column(900))).toEqual(column(900));
  });
});
