import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as net from 'net';
import { loadavg } from 'os';
import * as path from 'path';
import { Builder } from '../runtime/driver/builder';
import { BullMQExecutor } from '../runtime/executors/distributed/bullmq-executor';
import { REDIS_MEMORY_SETTING } from '../runtime/executors/distributed/redis-memory';
import { SPREAD_JOBS } from '../runtime/executors/distributed/task-dispatch';
import { RecordResult } from '../runtime/results/record-result';
import { RemoteOverhead } from './distributed-dataflow';
import { fixed, markdownTable, median, runIfMain, timeCalls } from './timing';

/**
 * The BullMQ executor on loopback: a redis-server of its own on a free
 * 127.0.0.1 port and two `hamilton-ts worker` processes (concurrency 4 each)
 * on this 2-core machine. Measures what one task costs (a one-node run, a
 * chain of ten as one task and as ten), tasks per second over Parallelizable
 * fan-outs up to 10,000 items, batched into jobs and one job per task, and a
 * 1M-row Float64Array column's trip through Redis and back.
 */

const CLI = path.resolve(__dirname, '../runtime/cli/main.js');
const FLOWS = path.resolve(__dirname, 'distributed-dataflow.js');
const QUEUE = 'bench';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function waitForOutput(child: ChildProcess, stream: 'stdout' | 'stderr', text: string, what: string): Promise<void> {
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 15 s:\n${seen}`)), 15_000);
    child[stream]!.on('data', (chunk) => {
      seen += chunk;
      if (seen.includes(text)) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`${what} exited (${code}):\n${seen}`)));
  });
}

export async function startProcesses(): Promise<{ url: string; stop: () => Promise<void> }> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('redis-server is not installed (Debian: apt-get install redis-server): the distributed benchmark starts its own.');
  }
  const port = await freePort();
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...REDIS_MEMORY_SETTING, ...process.env },
  });
  await waitForOutput(redis, 'stdout', 'Ready to accept connections', 'redis-server');
  const url = `redis://127.0.0.1:${port}`;
  const workers = [0, 1].map(() => spawn(process.execPath, [CLI, 'worker', '--module', FLOWS, '--redis', url, '--queue', QUEUE, '--concurrency', '4'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  }));
  await Promise.all(workers.map((w, i) => waitForOutput(w, 'stderr', 'serving queue', `worker ${i + 1}`)));
  return {
    url,
    stop: async () => {
      for (const w of workers) w.kill('SIGTERM');
      await Promise.all(workers.map((w) => new Promise((resolve) => (w.exitCode !== null ? resolve(undefined) : w.once('exit', resolve)))));
      redis.kill('SIGTERM');
      await sleep(100);
    },
  };
}

/** Median ms of `rounds` calls, after `warm` untimed ones. */
export async function medianMs(task: () => Promise<unknown>, rounds: number, warm = 3): Promise<number> {
  for (let i = 0; i < warm; i++) await task();
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) samples.push(await timeCalls(task));
  return median(samples);
}

export async function main(): Promise<string> {
  const processes = await startProcesses();
  const executor = new BullMQExecutor({ connection: processes.url, queue: QUEUE, keyPrefix: 'bench' });
  // Before task grouping and batched dispatch: every node its own task, every task its own BullMQ job.
  const before = new BullMQExecutor({ connection: processes.url, queue: QUEUE, keyPrefix: 'bench', grouping: 'nodes', tasksPerJob: 1 });
  try {
    const driver = (e: BullMQExecutor) => new Builder().withModules(RemoteOverhead).withExecutor(e).withResultBuilder(new RecordResult()).build();
    const remote = driver(executor);
    const remoteBefore = driver(before);
    const local = new Builder().withModules(RemoteOverhead).withResultBuilder(new RecordResult()).build();

    const oneRemote = await medianMs(() => remote.execute(['one'], { inputs: { x: 1 } }), 51);
    const oneLocal = await medianMs(() => local.execute(['one'], { inputs: { x: 1 } }), 51);
    const chainRemote = await medianMs(() => remote.execute(['c10'], { inputs: { x: 1 } }), 21);
    const chainBefore = await medianMs(() => remoteBefore.execute(['c10'], { inputs: { x: 1 } }), 21);

    const fanOut = (dr: typeof remote) => async (count: number) => {
      const result = await dr.execute(['gathered'], { inputs: { count } });
      if (result.gathered !== count * (count - 1)) throw new Error(`fan-out of ${count} gave ${result.gathered}`);
    };
    const after = fanOut(remote);
    const old = fanOut(remoteBefore);
    // Interleaved rounds: the machine's load falls on both alike.
    const rounds = { after10k: [] as number[], before10k: [] as number[] };
    await after(1_000);
    await old(1_000);
    for (let i = 0; i < 3; i++) {
      rounds.after10k.push(await timeCalls(() => after(10_000)));
      rounds.before10k.push(await timeCalls(() => old(10_000)));
    }
    const fanOut10k = median(rounds.after10k);
    const fanOut10kBefore = median(rounds.before10k);
    const fanOut1000 = await medianMs(() => after(1_000), 5, 1);
    const fanOut100 = await medianMs(() => after(100), 9, 1);
    const fanOutLocal = await medianMs(() => local.execute(['gathered'], { inputs: { count: 10_000 } }), 9);

    const column = Float64Array.from({ length: 1_000_000 }, (_, i) => i * 0.5);
    const columnRemote = await medianMs(async () => {
      const { doubledColumn } = await remote.execute(['doubledColumn'], { inputs: { column } });
      if ((doubledColumn as Float64Array)[999_999] !== 999_999) throw new Error('the column came back wrong');
    }, 7, 2);

    const perSecond = (tasks: number, ms: number) => Math.round(tasks / (ms / 1000)).toLocaleString('en-US');
    const jobs10k = jobsFor(10_000);
    const rows = [
      ['one-node run (1 task)', `${fixed(oneRemote)} ms`, `${fixed(oneLocal * 1000)} µs in-process`],
      ['chain of 10 nodes, grouped: 1 task', `${fixed(chainRemote)} ms`, `${fixed(chainBefore / chainRemote, 1)}x faster than 10 tasks`],
      ['chain of 10 nodes, one task per node (`grouping: \'nodes\'`): 10 sequential tasks', `${fixed(chainBefore)} ms`, `${fixed(chainBefore / 10)} ms per task: the per-task overhead`],
      ['fan-out over 100 items (100 tasks)', `${fixed(fanOut100)} ms`, `${perSecond(100, fanOut100)} tasks/s`],
      ['fan-out over 1,000 items (1,000 tasks)', `${fixed(fanOut1000)} ms`, `${perSecond(1_000, fanOut1000)} tasks/s`],
      [`fan-out over 10,000 items (10,000 tasks in ${jobs10k} jobs)`, `${fixed(fanOut10k)} ms`,
        `**${perSecond(10_000, fanOut10k)} tasks/s** (${perSecond(jobs10k, fanOut10k)} jobs/s); ${fixed((fanOut10k * 1000) / 10_000)} µs per task; in-process: ${fixed(fanOutLocal)} ms`],
      ['the same, one job per task (`tasksPerJob: 1`)', `${fixed(fanOut10kBefore)} ms`,
        `${perSecond(10_000, fanOut10kBefore)} tasks/s; ${fixed((fanOut10kBefore * 1000) / 10_000)} µs per task: batched is ${fixed(fanOut10kBefore / fanOut10k, 1)}x faster`],
      ['1M-row Float64Array to a worker and back (its own bytes, in chunks: see redis-columns), 8 MB each way', `${fixed(columnRemote)} ms`, `${fixed(16 / (columnRemote / 1000))} MB/s`],
    ];
    return [
      '### Distributed: BullMQ executor on loopback',
      '',
      'A redis-server on 127.0.0.1 and two `hamilton-ts worker` processes (`--concurrency 4`) on the same 2-core machine; '
      + 'medians (the 10,000-item rows: interleaved rounds). A task is what the scheduler sends: a chain, one fan-out item. Tasks ready '
      + 'at once travel together, up to 64 to a BullMQ job (`tasksPerJob`): their inputs written to Redis, the jobs added with one addBulk, '
      + 'a worker runs each job\'s tasks and writes their outputs in one script call, the driver hears of each job through QueueEvents and '
      + `reads its outputs back in one MGET. Load average when it ran: ${loadavg().map((l) => l.toFixed(2)).join(', ')} (the machine is shared).`,
      '',
      markdownTable(['measure', 'median', 'so'], rows),
    ].join('\n');
  } finally {
    await executor.close();
    await before.close();
    await processes.stop();
  }
}

/** The jobs the dispatcher cuts this many tasks ready at once into (task-dispatch.ts), at the default tasksPerJob. */
function jobsFor(tasks: number): number {
  return Math.max(Math.ceil(tasks / 64), Math.min(tasks, SPREAD_JOBS));
}

runIfMain(module, main);
