import { execSync } from 'child_process';
import Redis from 'ioredis';
import { Builder } from '../runtime/driver/builder';
import { BullMQExecutor } from '../runtime/executors/distributed/bullmq-executor';
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
 *
 * HAMILTON_BENCH_ROWS=1000000 limits the run to the 1M-row column (a quick look).
 */

const MB = 1e6;
const now = () => performance.now();

/** One SET and one GET of the column's bytes, by hand: what any client must do at least, once each way. */
async function handTrip(client: Redis, column: Float64Array): Promise<number> {
  const start = now();
  await client.set('bench:floor', Buffer.from(column.buffer, column.byteOffset, column.byteLength));
  const back = await client.getBuffer('bench:floor');
  if (back?.length !== column.byteLength) throw new Error('the floor lost bytes');
  return now() - start;
}

async function storeTrip(store: RedisValueStore, column: Float64Array): Promise<number> {
  const start = now();
  await store.write([{ name: 'column', key: 'bench:store', encoded: encodeParts(column) }]);
  const [back] = await store.read([{ name: 'column', key: 'bench:store' }]);
  if ((back as Float64Array).length !== column.length) throw new Error('the store lost rows');
  return now() - start;
}

function load(): string {
  try {
    return execSync('uptime', { encoding: 'utf8' }).trim().replace(/.*load average/, 'load average');
  } catch {
    return 'load unknown';
  }
}

export async function main(): Promise<string> {
  const onlyRows = Number(process.env.HAMILTON_BENCH_ROWS) || undefined;
  const sizes = [1_000_000, 10_000_000].filter((n) => !onlyRows || n === onlyRows);
  const loadBefore = load();
  const processes = await startProcesses();
  const executor = new BullMQExecutor({ connection: processes.url, queue: 'bench', keyPrefix: 'bench' });
  const client = new Redis(processes.url);
  await client.set('bench:live', '1');
  const rows: string[][] = [];
  const chunkRows: string[][] = [];
  try {
    const remote = new Builder().withModules(RemoteOverhead).withExecutor(executor).withResultBuilder(new RecordResult()).build();
    for (const n of sizes) {
      const column = Float64Array.from({ length: n }, (_, i) => i * 0.5);
      const mb = column.byteLength / MB;
      const rounds = n >= 10_000_000 ? 5 : 9;
      const trip = async () => {
        const start = now();
        const { doubledColumn } = await remote.execute(['doubledColumn'], { inputs: { column } });
        if ((doubledColumn as Float64Array)[n - 1] !== n - 1) throw new Error('the column came back wrong');
        return now() - start;
      };
      const store = new RedisValueStore(client, { marker: 'bench:live', ttlSeconds: 600 });
      const samples = { remote: [] as number[], floor: [] as number[], store: [] as number[], codec: [] as number[], ratio: [] as number[] };
      await trip();
      await handTrip(client, column);
      for (let r = 0; r < rounds; r++) {
        const remoteMs = await trip();
        // To the worker and back: two SET+GET pairs of the column's bytes.
        const floorMs = (await handTrip(client, column)) + (await handTrip(client, column));
        const storeMs = (await storeTrip(store, column)) + (await storeTrip(store, column));
        const codecStart = now();
        decodeValue(encodeValue(column));
        samples.codec.push(now() - codecStart);
        samples.remote.push(remoteMs);
        samples.floor.push(floorMs);
        samples.store.push(storeMs);
        samples.ratio.push(remoteMs / floorMs);
      }
      await client.del('bench:floor', 'bench:store');
      const mbps = (ms: number) => fixed((2 * mb) / (ms / 1000));
      const label = `${n / 1_000_000}M rows (${fixed(mb)} MB each way)`;
      rows.push(
        [label, 'BullMQ: driver → Redis → worker → Redis → driver', `${fixed(median(samples.remote))} ms`, `${mbps(median(samples.remote))} MB/s`, `${fixed(median(samples.ratio))}x the floor's time`],
        [label, 'floor: SET + GET by hand, twice, one process', `${fixed(median(samples.floor))} ms`, `${mbps(median(samples.floor))} MB/s`, '1x'],
        [label, 'value store alone: write + read, twice, one process', `${fixed(median(samples.store))} ms`, `${mbps(median(samples.store))} MB/s`, `${fixed(median(samples.store) / median(samples.floor))}x the floor's time`],
        [label, 'codec alone: encode + decode in memory', `${fixed(median(samples.codec))} ms`, `${fixed(mb / (median(samples.codec) / 1000))} MB/s`, '—'],
      );
    }
    // Chunk sizes, on the largest column: the store alone, interleaved rounds.
    const n = sizes[sizes.length - 1];
    const column = Float64Array.from({ length: n }, (_, i) => i);
    const chunkSizes = [1, 4, 16, 64].map((m) => m * 1024 * 1024);
    const stores = chunkSizes.map((chunkBytes) => new RedisValueStore(client, { marker: 'bench:live', ttlSeconds: 600, chunkBytes }));
    const bySize = chunkSizes.map(() => [] as number[]);
    for (let r = 0; r < 5; r++) {
      for (let s = 0; s < stores.length; s++) bySize[s].push(await storeTrip(stores[s], column));
    }
    chunkSizes.forEach((chunkBytes, s) => {
      chunkRows.push([`${chunkBytes / 1024 / 1024} MiB`, `${fixed(median(bySize[s]))} ms`, `${fixed((2 * column.byteLength / MB) / (median(bySize[s]) / 1000))} MB/s`]);
    });
    await client.del('bench:store');
  } finally {
    client.disconnect();
    await executor.close();
    await processes.stop();
  }
  return [
    '### Columns through Redis',
    '',
    'A Float64Array to a `hamilton-ts worker` and back on loopback (redis-server and two workers on the same 2-core machine), '
    + 'beside the floor: the same bytes SET and GET by hand through ioredis, once each way. MB/s count the column once each way. '
    + `Medians of interleaved rounds; ratios within a round. Machine shared with other work: ${loadBefore} before, ${load()} after.`,
    '',
    markdownTable(['column', 'path', 'median', 'MB/s', 'so'], rows),
    '',
    `Chunk size, value store alone (one write and one read of the ${sizes[sizes.length - 1] / 1_000_000}M-row column):`,
    '',
    markdownTable(['chunk size', 'median', 'MB/s'], chunkRows),
  ].join('\n');
}

runIfMain(module, main);
