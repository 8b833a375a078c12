import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import Redis from 'ioredis';
import { relaunchWithHugePages } from '../runtime/cli/huge-pages';
import { Builder } from '../runtime/driver/builder';
import { BullMQExecutor } from '../runtime/executors/distributed/bullmq-executor';
import { RecordResult } from '../runtime/results/record-result';
import type { Executor } from '../runtime/execution/executor';
import { residentMemory, startLocalCluster, type LocalCluster } from '../examples/scale-out/cluster';
import { PartitionedMarketing, SCALE_OUT_OUTPUTS } from '../examples/scale-out/features';
import { writePartitions } from '../examples/scale-out/make-partitions';
import { byHandProcesses } from './scale-out-by-hand';
import { snapshot, usageBetween, type RedisUsage } from './redis-stats';
import { fixed, markdownTable, median, runIfMain, verdict } from './timing';

/**
 * Scaling with the data: the marketing features over a 50M-row dataset of
 * 10 Parquet partitions (5M rows each, written once into a temporary
 * directory), on one and on two `hamilton-ts worker` processes (BullMQ, a
 * loopback redis-server per configuration, so each one's INFO counts only its
 * own runs), rounds interleaved. Reports the speedup, each worker's peak
 * resident memory beside one partition's working set, Redis operations,
 * bytes and main-thread CPU per task, redis-benchmark's throughput, and the
 * model of where 100 workers would saturate Redis or the driver.
 * SCALE_OUT_PARTITIONS, SCALE_OUT_ROWS and SCALE_OUT_ROUNDS change the sizes.
 */

const envNumber = (name: string, fallback: number): number => (process.env[name] ? Number(process.env[name]) : fallback);
const PARTITIONS = envNumber('SCALE_OUT_PARTITIONS', 10);
const ROWS = envNumber('SCALE_OUT_ROWS', 5_000_000);
const ROUNDS = envNumber('SCALE_OUT_ROUNDS', 8);
/** Runs before timing: every worker's code tiered up by V8 and its WebAssembly memory grown (a worker's first tasks take up to 2x). */
const WARM_UP_RUNS = 3;
const MiB = 2 ** 20;

type Results = Record<string, unknown>;

interface Configuration {
  name: string;
  cluster: LocalCluster;
  client: Redis;
  execute: (dir: string) => Promise<Results>;
  close: () => Promise<void>;
}

interface Run {
  ms: number;
  tasks: number;
  redis: RedisUsage;
  driverCpuMs: number;
}

function driverOn(executor?: Executor): (dir: string) => Promise<Results> {
  const builder = new Builder().withModules(PartitionedMarketing).withResultBuilder(new RecordResult());
  const dr = (executor ? builder.withExecutor(executor) : builder).build();
  return (datasetDir) => dr.execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir } });
}

async function configuration(workers: number): Promise<Configuration> {
  const cluster = await startLocalCluster({ workers, queue: `scale-out-${workers}`, verbose: true });
  const client = new Redis(cluster.url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined); // a lost server fails the next command, which says so
  const executor = new BullMQExecutor({ connection: cluster.url, queue: cluster.queue, keyPrefix: 'bench' });
  return {
    name: `${workers} worker${workers > 1 ? 's' : ''}`,
    cluster,
    client,
    execute: driverOn(executor),
    close: async () => {
      await executor.close();
      await client.quit();
      await cluster.stop();
    },
  };
}

/** Jobs BullMQ has given ids to on this queue so far. */
async function jobsCreated(config: Configuration): Promise<number> {
  return Number(await config.client.get(`bull:${config.cluster.queue}:id`) ?? 0);
}

async function measuredRun(config: Configuration, dir: string, expected: Results): Promise<Run> {
  const jobs = await jobsCreated(config);
  const before = await snapshot(config.client);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await config.execute(dir);
  const ms = performance.now() - started;
  const { user, system } = process.cpuUsage(cpu);
  const after = await snapshot(config.client);
  if (!isDeepStrictEqual(result, expected)) throw new Error(`${config.name}: the result differs from the local executor's`);
  return { ms, tasks: (await jobsCreated(config)) - jobs, redis: usageBetween(before, after), driverCpuMs: (user + system) / 1000 };
}

/** Peak (VmHWM) and current resident memory of each worker process, in MiB. */
const workerMemory = (config: Configuration) => config.cluster.workers.map((w) => residentMemory(w.pid!));

/** redis-benchmark's requests/s for simple commands on the server at `url`, one at a time per client (no pipelining), 50 clients. */
function redisBenchmark(url: string): Record<string, number> {
  const port = new URL(url).port;
  const run = spawnSync('redis-benchmark', ['-h', '127.0.0.1', '-p', port, '-q', '-n', '100000', '-c', '50', '-t', 'set,get,incr,lpush,zadd'], { encoding: 'utf8' });
  if (run.status !== 0) return {};
  const rates: Record<string, number> = {};
  for (const match of run.stdout.matchAll(/^(\w+)[^:]*: ([\d.]+) requests per second/gm)) rates[match[1].toLowerCase()] = Number(match[2]);
  return rates;
}

const mib = (bytes: number | undefined) => (bytes === undefined || Number.isNaN(bytes) ? '—' : fixed(bytes / MiB, 0));
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(', ');

export async function main(): Promise<string> {
  const loadAtStart = load();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scale-out-bench-'));
  const configs: Configuration[] = [];
  const stops: (() => void)[] = [];
  try {
    const generated = performance.now();
    const dataset = await writePartitions(path.join(dir, 'dataset'), { partitions: PARTITIONS, rows: ROWS });
    const generationS = (performance.now() - generated) / 1000;
    // One partition alone: a worker's peak after it is the single-partition working set.
    const single = path.join(dir, 'single');
    fs.mkdirSync(single);
    fs.symlinkSync(dataset.files[0], path.join(single, path.basename(dataset.files[0])));

    const localStarted = performance.now();
    const expected = await driverOn()(dataset.dir);
    const localMs = performance.now() - localStarted;
    const localPeak = residentMemory(process.pid)?.peak;

    configs.push(await configuration(1), await configuration(2));
    // The baseline: the same per-partition work by hand in 1 and 2 plain processes, no framework, an even split.
    const byHand = [await byHandProcesses(1, dataset.files, WARM_UP_RUNS), await byHandProcesses(2, dataset.files, WARM_UP_RUNS)];
    stops.push(...byHand.map((b) => b.stop));
    const atRest = configs.map(workerMemory);
    for (const config of configs) await config.execute(single);
    await new Promise((resolve) => setTimeout(resolve, 200)); // the workers' last log lines (tasksDone) arrive after the run
    const afterOne = configs.map(workerMemory);
    const ranOne = configs.map((config) => config.cluster.workers.map((_, w) => config.cluster.tasksDone(w) > 0));
    // Warm-up (BullMQ loads its Lua scripts, workers compile their code) and the first identity check.
    for (let w = 0; w < WARM_UP_RUNS; w++) for (const config of configs) await measuredRun(config, dataset.dir, expected);
    const runs: Run[][] = configs.map(() => []);
    const handMs: number[][] = byHand.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 ? [1, 0] : [0, 1];
      for (const c of order) runs[c].push(await measuredRun(configs[c], dataset.dir, expected));
      for (const c of order) {
        const { ms, summaries } = await byHand[c].round();
        if (!isDeepStrictEqual(summaries, expected.partitionSummaries)) throw new Error('the by-hand partitions differ from the dataflow\'s');
        handMs[c].push(ms);
      }
    }
    const afterAll = configs.map(workerMemory);
    // On a server of its own: the clusters' connections stay undisturbed.
    const bare = await startLocalCluster({ workers: 0, queue: 'redis-benchmark' });
    const benchmark = redisBenchmark(bare.url);
    await bare.stop();
    const loadAtEnd = load();

    const [one, two] = runs;
    const speedups = one.map((r, i) => r.ms / two[i].ms);
    const speedup = median(speedups);
    const handSpeedups = handMs[0].map((ms, i) => ms / handMs[1][i]);
    const handSpeedup = median(handSpeedups);
    const perTask = (pick: (r: Run) => number) => median(runs.flat().map((r) => pick(r) / r.tasks));
    const perPartition = (pick: (r: Run) => number) => median(runs.flat().map((r) => pick(r) / PARTITIONS));
    const tasks = median(runs.flat().map((r) => r.tasks));
    const opsPerTask = perTask((r) => r.redis.calls);
    const bytesPerTask = perTask((r) => r.redis.netInputBytes + r.redis.netOutputBytes);
    const redisCpuPerTask = perTask((r) => r.redis.mainThreadCpuMs);
    const redisCpuPerPartition = perPartition((r) => r.redis.mainThreadCpuMs);
    const bytesPerPartition = perPartition((r) => r.redis.netInputBytes + r.redis.netOutputBytes);
    const driverCpuPerPartition = perPartition((r) => r.driverCpuMs);
    const commands = Object.entries(runs[1][0].redis.byCommand).sort((a, b) => b[1] - a[1]).map(([name, calls]) => `${name} ${calls}`).join(', ');

    // The model: a partition's task keeps one worker busy for itemS; W workers ask W / itemS partitions per second of Redis and of the driver.
    const itemS = median(one.map((r) => r.ms)) / 1000 / PARTITIONS;
    const redisCapacity = 1000 / redisCpuPerPartition; // partitions/s one Redis main thread can serve
    const driverCapacity = 1000 / driverCpuPerPartition;
    const simplestRate = Math.min(...Object.values(benchmark));
    const benchmarkCapacity = simplestRate / (opsPerTask * tasks / PARTITIONS);
    const workersAtSaturation = itemS * Math.min(redisCapacity, driverCapacity, Number.isFinite(benchmarkCapacity) ? benchmarkCapacity : Infinity);
    const rowsFor100 = ROWS * (100 / workersAtSaturation);

    const decoded = dataset.decodedPartitionBytes;
    const workingSet = decoded + 3 * ROWS * 8; // the two read columns and the three computed per partition
    const memoryRows = configs.flatMap((config, c) => config.cluster.workers.map((_, w) => {
      const rest = atRest[c][w];
      const peakOne = afterOne[c][w];
      const peak = afterAll[c][w];
      const growth = (peak?.peak ?? NaN) - (rest?.current ?? NaN);
      return [`${config.name}, worker ${w + 1}`, config.cluster.tasksDone(w), mib(rest?.current), ranOne[c][w] ? mib(peakOne?.peak) : '— (idle)',
        mib(peak?.peak), mib(growth), `${fixed(growth / workingSet)}×`];
    }));
    // Bounded by one partition: the worker that ran every partition peaks no higher than the two that ran half each
    // (memory growing with the partitions run would show there), and how far above one partition's working set that peak is.
    const peaks = configs.map((config, c) => config.cluster.workers.map((_, w) => afterAll[c][w]?.peak ?? NaN));
    const onePeaks = configs.flatMap((config, c) => config.cluster.workers.flatMap((_, w) => (ranOne[c][w] ? [afterOne[c][w]?.peak ?? NaN] : [])));
    const allOverHalf = Math.max(...peaks[0]) / Math.max(...peaks[1]);
    const growthOverWorkingSet = Math.max(...configs.flatMap((config, c) => config.cluster.workers.map((_, w) => ((afterAll[c][w]?.peak ?? NaN) - (atRest[c][w]?.current ?? NaN)) / workingSet)));

    const timing = markdownTable(['configuration', 'median', 'rounds (ms)', 'speedup (median of per-round ratios)'], [
      ['local executor, this process (all partitions at once; for the identity check)', `${fixed(localMs / 1000)} s`, `1 run; peak resident ${mib(localPeak)} MiB`, '—'],
      ['1 worker process', `${fixed(median(one.map((r) => r.ms)) / 1000)} s`, one.map((r) => fixed(r.ms, 0)).join(', '), '1.00×'],
      ['2 worker processes', `${fixed(median(two.map((r) => r.ms)) / 1000)} s`, two.map((r) => fixed(r.ms, 0)).join(', '),
        `**${fixed(speedup)}×** (${speedups.map((s) => fixed(s)).join(', ')}); goal ≥ 1.8×: ${verdict(speedup >= 1.8)}; ${fixed(speedup / handSpeedup)}× the by-hand speedup`],
      ['by hand, 1 plain process (the same per-partition work, no driver, no Redis)', `${fixed(median(handMs[0]) / 1000)} s`, handMs[0].map((ms) => fixed(ms, 0)).join(', '), '1.00×'],
      [`by hand, 2 plain processes (${Math.ceil(PARTITIONS / 2)} partitions each, started together)`, `${fixed(median(handMs[1]) / 1000)} s`, handMs[1].map((ms) => fixed(ms, 0)).join(', '),
        `${fixed(handSpeedup)}× (${handSpeedups.map((s) => fixed(s)).join(', ')}): what this machine gives this work on 2 cores`],
    ]);
    const memory = markdownTable(['worker', 'tasks run', 'at rest (MiB)', 'peak after the 1-partition run', 'peak after all runs', 'peak − at rest', '÷ working set'], memoryRows);
    const redis = markdownTable(['per task (median over every run)', 'value', 'per partition'], [
      ['tasks per run', fixed(tasks, 0), `${fixed(tasks / PARTITIONS)} (one per partition, the fan-out source and the two collectors)`],
      ['Redis commands', fixed(opsPerTask, 1), fixed(perPartition((r) => r.redis.calls), 1)],
      ['bytes through Redis (in + out)', fixed(bytesPerTask, 0), fixed(bytesPerPartition, 0)],
      ['Redis main-thread CPU', `${fixed(redisCpuPerTask * 1000, 0)} µs`, `${fixed(redisCpuPerPartition * 1000, 0)} µs`],
      ['time inside Redis commands (commandstats)', `${fixed(perTask((r) => r.redis.commandUs), 0)} µs`, `${fixed(perPartition((r) => r.redis.commandUs), 0)} µs`],
      ['driver CPU (this process)', `${fixed(perTask((r) => r.driverCpuMs), 2)} ms`, `${fixed(driverCpuPerPartition, 2)} ms`],
    ]);
    const model = markdownTable(['model at 100 workers', 'figure'], [
      ['one partition\'s task on one worker (1-worker median ÷ partitions)', `${fixed(itemS, 3)} s`],
      ['Redis: partitions/s one main thread serves (1 s ÷ its CPU per partition)', fixed(redisCapacity, 0)],
      ['Redis: partitions/s from redis-benchmark (slowest simple command ÷ commands per partition)', Number.isFinite(benchmarkCapacity) ? `${fixed(benchmarkCapacity, 0)} (${Object.entries(benchmark).map(([k, v]) => `${k} ${fixed(v / 1000, 0)}k/s`).join(', ')})` : 'redis-benchmark not run'],
      ['driver: partitions/s (1 s ÷ its CPU per partition)', fixed(driverCapacity, 0)],
      ['workers kept busy before the first of these saturates (task time × lowest capacity)', fixed(workersAtSaturation, 0)],
      ['100 workers on partitions of this size: load on that bottleneck', `${fixed(100 / workersAtSaturation * 100, 1)} %`],
      ['100 workers need at least 100 partitions, and each of at least', `${Math.ceil(rowsFor100).toLocaleString('en')} rows (task time ∝ rows) to stay below saturation`],
      ['bytes/s through Redis at 100 workers on this partition size', `${fixed(100 / itemS * bytesPerPartition / MiB, 2)} MiB/s`],
    ]);
    return [
      '### Scaling with the data: 1 vs 2 worker processes',
      '',
      `${PARTITIONS} Parquet partitions × ${ROWS.toLocaleString('en')} rows (${(PARTITIONS * ROWS).toLocaleString('en')} rows, ${fixed(dataset.bytes / MiB, 0)} MiB on disk, `
      + `written in ${fixed(generationS, 1)} s); one partition decoded: ${mib(decoded)} MiB (2 float64 columns), its working set with the 3 computed columns ${mib(workingSet)} MiB. `
      + `Workers: \`hamilton-ts worker --concurrency 1\`, huge pages on; each configuration has its own loopback redis-server. `
      + `${ROUNDS} interleaved rounds after ${WARM_UP_RUNS} warm-up runs, every result identical (bit for bit) to the local executor's. `
      + `Machine: ${os.cpus().length} cores, load average ${loadAtStart} at the start, ${loadAtEnd} at the end.`,
      '',
      timing,
      '',
      `Peak resident memory (VmHWM, /proc) of each worker. Bounded by one partition, not by the partitions a worker runs: the worker `
      + `that ran all of them peaks at ${fixed(allOverHalf)}× the two that ran half each (≤ 1.15×: ${verdict(allOverHalf <= 1.15)}); one partition alone `
      + `took a worker to ${fixed(Math.max(...onePeaks) / MiB, 0)} MiB. Above the idle process, the peak is ${fixed(growthOverWorkingSet)}× one partition's `
      + `working set (≤ 1.5×: ${verdict(growthOverWorkingSet <= 1.5)}): parquet-wasm decodes in WebAssembly memory, which stays allocated, `
      + `and the previous partition's columns wait for V8's collector.`,
      '',
      memory,
      '',
      `Redis, per task and per partition (INFO deltas of the 2 configurations' runs; INFO itself left out). Commands of one 2-worker run: ${commands}.`,
      '',
      redis,
      '',
      model,
    ].join('\n');
  } finally {
    for (const stop of stops) stop();
    for (const config of configs) await config.close().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Like the processes the CLI starts (the workers here), this one runs with huge pages, so that the local executor's time compares.
if (require.main !== module || !relaunchWithHugePages()) runIfMain(module, main);
