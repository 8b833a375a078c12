import { execSync, spawnSync } from 'child_process';
import Redis from 'ioredis';
import { Builder } from '../runtime/driver/builder';
import { BullMQExecutor } from '../runtime/executors/distributed/bullmq-executor';
import { MEMORY_SETTING } from '../runtime/cli/memory-tunables';
import { ClientChunks } from '../runtime/executors/distributed/chunk-transport';
import { DEFAULT_CHUNK_BYTES } from '../runtime/executors/distributed/value-chunks';
import { RedisValueStore } from '../runtime/executors/distributed/value-store';
import { decodeValue, encodeParts, encodeValue } from '../runtime/executors/distributed/value-codec';
import { RecordResult } from '../runtime/results/record-result';
import { startProcesses } from './distributed';
import { RemoteOverhead } from './distributed-dataflow';
import { fixed, markdownTable, median, runIfMain } from './timing';

/**
 * Columns through Redis: a Float64Array of 1M and 10M rows to a `hamilton-ts
 * worker` and back (driver → Redis → worker → Redis → driver, the worker
 * doubling it), beside the physical floor: the same bytes SET and GET by hand
 * through ioredis in one process, twice (to the worker, and back). Rounds are
 * interleaved, ratios taken within a round. Also the value store alone (write
 * and read in one process) at several chunk sizes, which chose the default.
 * SET and GET (the store's write and read) are timed apart: which way is slow.
 * The store runs its chunks on its chunk channel (chunk-channel.ts) and, beside
 * it, through the ioredis client (ClientChunks), as it did before.
 *
 * The driver side runs twice, in a child process each: as a plain `node`
 * starts, and with the memory setting `hamilton-ts worker` / `run` give
 * themselves (GLIBC_TUNABLES=MEMORY_SETTING: huge pages, freed columns kept
 * for reuse), as a driver started by the CLI has it. The workers always run
 * with it (the CLI sets it for itself).
 *
 * HAMILTON_BENCH_ROWS=1000000 limits the run to the 1M-row column (a quick look).
 */

const MB = 1e6;
const now = () => performance.now();
const CHILD = 'HAMILTON_BENCH_REDIS_COLUMNS_CHILD';

interface Trip { there: number; back: number }

/**
 * A full collection before every timed sample (the child runs with
 * --expose-gc): no sample pays for the garbage an earlier one left (the
 * ioredis path's replies above all), as a one-off run would not.
 */
const collect = () => (globalThis as { gc?: () => void }).gc?.();

/** One SET and one GET of the column's bytes, by hand: what any client must do at least, once each way. */
async function handTrip(client: Redis, column: Float64Array): Promise<Trip> {
  collect();
  const start = now();
  await client.set('bench:floor', Buffer.from(column.buffer, column.byteOffset, column.byteLength));
  const set = now();
  const back = await client.getBuffer('bench:floor');
  if (back?.length !== column.byteLength) throw new Error('the floor lost bytes');
  return { there: set - start, back: now() - set };
}

async function storeTrip(store: RedisValueStore, column: Float64Array): Promise<Trip> {
  collect();
  const start = now();
  await store.write([{ name: 'column', key: 'bench:store', encoded: encodeParts(column) }]);
  const written = now();
  const [back] = await store.read([{ name: 'column', key: 'bench:store' }]);
  if ((back as Float64Array).length !== column.length) throw new Error('the store lost rows');
  return { there: written - start, back: now() - written };
}

function load(): string {
  try {
    return execSync('uptime', { encoding: 'utf8' }).trim().replace(/.*load average/, 'load average');
  } catch {
    return 'load unknown';
  }
}

/** What one driver process measured: table rows, and chunk-size rows. */
interface Measured { rows: string[][]; chunkRows: string[][] }

const CHUNK_SIZES = [0.5, 1, 2, 4, 16].map((m) => m * 1024 * 1024);
const mib = (bytes: number) => `${bytes / 1024 / 1024} MiB${bytes === DEFAULT_CHUNK_BYTES ? ' (default)' : ''}`;

async function measure(): Promise<Measured> {
  const onlyRows = Number(process.env.HAMILTON_BENCH_ROWS) || undefined;
  const sizes = [1_000_000, 10_000_000].filter((n) => !onlyRows || n === onlyRows);
  const processes = await startProcesses();
  const executor = new BullMQExecutor({ connection: processes.url, queue: 'bench', keyPrefix: 'bench' });
  const client = new Redis(processes.url);
  await client.set('bench:live', '1');
  const rows: string[][] = [];
  const chunkRows: string[][] = [];
  const rate = (mb: number, ms: number) => `${fixed(mb / (ms / 1000))} MB/s`;
  try {
    const remote = new Builder().withModules(RemoteOverhead).withExecutor(executor).withResultBuilder(new RecordResult()).build();
    for (const n of sizes) {
      const column = Float64Array.from({ length: n }, (_, i) => i * 0.5);
      const mb = column.byteLength / MB;
      const rounds = n >= 10_000_000 ? 5 : 9;
      const trip = async () => {
        collect();
        const start = now();
        const { doubledColumn } = await remote.execute(['doubledColumn'], { inputs: { column } });
        if ((doubledColumn as Float64Array)[n - 1] !== n - 1) throw new Error('the column came back wrong');
        return now() - start;
      };
      const store = new RedisValueStore(client, { marker: 'bench:live', ttlSeconds: 600 });
      // The store with its chunks through the ioredis client, as before the chunk channel: a copy per push, a fresh buffer per reply.
      const viaClient = new RedisValueStore(client, { marker: 'bench:live', ttlSeconds: 600, chunks: new ClientChunks(client) });
      const samples = { remote: [] as number[], floor: [] as number[], store: [] as number[], codec: [] as number[], ratio: [] as number[],
        set: [] as number[], get: [] as number[], write: [] as number[], read: [] as number[], client: [] as number[] };
      // Each of the two workers runs the trip once before the timed rounds.
      await trip();
      await trip();
      await handTrip(client, column);
      await storeTrip(store, column);
      await storeTrip(viaClient, column);
      for (let r = 0; r < rounds; r++) {
        const remoteMs = await trip();
        // To the worker and back: two SET+GET pairs of the column's bytes.
        const hand = [await handTrip(client, column), await handTrip(client, column)];
        const stored = [await storeTrip(store, column), await storeTrip(store, column)];
        const throughClient = [await storeTrip(viaClient, column), await storeTrip(viaClient, column)];
        samples.client.push(throughClient.reduce((t, h) => t + h.there + h.back, 0));
        const floorMs = hand.reduce((t, h) => t + h.there + h.back, 0);
        const codecStart = now();
        decodeValue(encodeValue(column));
        samples.codec.push(now() - codecStart);
        samples.remote.push(remoteMs);
        samples.floor.push(floorMs);
        samples.store.push(stored.reduce((t, h) => t + h.there + h.back, 0));
        samples.ratio.push(remoteMs / floorMs);
        for (const h of hand) { samples.set.push(h.there); samples.get.push(h.back); }
        for (const h of stored) { samples.write.push(h.there); samples.read.push(h.back); }
      }
      await client.del('bench:floor', 'bench:store');
      const label = `${n / 1_000_000}M rows (${fixed(mb)} MB each way)`;
      const [set, get, write, read] = [samples.set, samples.get, samples.write, samples.read].map(median);
      rows.push(
        [label, 'BullMQ: driver → Redis → worker → Redis → driver', `${fixed(median(samples.remote))} ms`, rate(2 * mb, median(samples.remote)), `${fixed(median(samples.ratio))}x the floor's time`],
        [label, 'floor: SET + GET by hand, twice, one process', `${fixed(median(samples.floor))} ms`, rate(2 * mb, median(samples.floor)),
          `1x; SET ${rate(mb, set)}, GET ${rate(mb, get)}`],
        [label, 'value store alone (chunk channel): write + read, twice, one process', `${fixed(median(samples.store))} ms`, rate(2 * mb, median(samples.store)),
          `${fixed(median(samples.store) / median(samples.floor))}x the floor's time; write ${rate(mb, write)}, read ${rate(mb, read)}`],
        [label, 'value store, its chunks through the ioredis client instead (ClientChunks)', `${fixed(median(samples.client))} ms`, rate(2 * mb, median(samples.client)),
          `${fixed(median(samples.client) / median(samples.store))}x the chunk channel's time`],
        [label, 'codec alone: encode + decode in memory', `${fixed(median(samples.codec))} ms`, rate(mb, median(samples.codec)), '—'],
      );
    }
    // Chunk sizes, on the largest column: the store alone, interleaved rounds.
    const n = sizes[sizes.length - 1];
    const column = Float64Array.from({ length: n }, (_, i) => i);
    const mb = column.byteLength / MB;
    const stores = CHUNK_SIZES.map((chunkBytes) => new RedisValueStore(client, { marker: 'bench:live', ttlSeconds: 600, chunkBytes }));
    const bySize = CHUNK_SIZES.map(() => [] as Trip[]);
    for (let r = 0; r < 4; r++) {
      for (let s = 0; s < stores.length; s++) bySize[s].push(await storeTrip(stores[s], column));
    }
    CHUNK_SIZES.forEach((chunkBytes, s) => {
      const [write, read] = [bySize[s].map((t) => t.there), bySize[s].map((t) => t.back)].map(median);
      chunkRows.push([mib(chunkBytes), `${fixed(write + read)} ms`, rate(2 * mb, write + read), rate(mb, write), rate(mb, read)]);
    });
    await client.del('bench:store');
  } finally {
    client.disconnect();
    await executor.close();
    await processes.stop();
  }
  return { rows, chunkRows };
}

const MODES: [string, NodeJS.ProcessEnv][] = [
  ['plain `node`', { ...process.env, GLIBC_TUNABLES: '' }],
  ['the CLI\'s memory setting', { ...process.env, GLIBC_TUNABLES: MEMORY_SETTING }],
];

/** measure() in a child process with this environment. */
function inChild(env: NodeJS.ProcessEnv): Measured {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename], { env: { ...env, [CHILD]: '1' }, encoding: 'utf8', maxBuffer: 1 << 24, stdio: ['ignore', 'pipe', 'inherit'] });
  if (child.status !== 0) throw new Error(`the redis-columns child exited with ${child.status ?? child.signal}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as Measured;
}

export async function main(): Promise<string> {
  if (process.env[CHILD]) return JSON.stringify(await measure());
  const loadBefore = load();
  const measured = MODES.map(([mode, env]) => [mode, inChild(env)] as const);
  const rows = measured.flatMap(([mode, m]) => m.rows.map(([column, ...rest]) => [column, mode, ...rest]));
  const chunkRows = measured.flatMap(([mode, m]) => m.chunkRows.map(([size, ...rest]) => [size, mode, ...rest]));
  const largest = process.env.HAMILTON_BENCH_ROWS ? Number(process.env.HAMILTON_BENCH_ROWS) : 10_000_000;
  return [
    '### Columns through Redis',
    '',
    'A Float64Array to a `hamilton-ts worker` and back on loopback (redis-server, started with `REDIS_MEMORY_SETTING`, and two workers on the same 2-core machine), '
    + 'beside the floor: the same bytes SET and GET by hand through ioredis, once each way. MB/s count the column once each way. '
    + 'The driver side ran twice, each in its own process: as plain `node` starts, and with the memory setting the CLI gives itself '
    + `(\`GLIBC_TUNABLES=${MEMORY_SETTING}\`); the workers always have it. `
    + `Medians of interleaved rounds, a full collection before each sample; ratios within a round. Machine shared with other work: ${loadBefore} before, ${load()} after.`,
    '',
    markdownTable(['column', 'driver', 'path', 'median', 'MB/s', 'so'], rows),
    '',
    `Chunk size, value store alone (one write and one read of the ${largest / 1_000_000}M-row column):`,
    '',
    markdownTable(['chunk size', 'driver', 'write + read', 'MB/s', 'write', 'read'], chunkRows),
  ].join('\n');
}

runIfMain(module, main);
