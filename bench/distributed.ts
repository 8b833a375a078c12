import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as net from 'net';
import * as path from 'path';
import { Builder } from '../runtime/driver/builder';
import { BullMQExecutor } from '../runtime/executors/distributed/bullmq-executor';
import { RecordResult } from '../runtime/results/record-result';
import { RemoteOverhead } from './distributed-dataflow';
import { fixed, markdownTable, median, runIfMain, timeCalls } from './timing';

/**
 * The BullMQ executor on loopback: a redis-server of its own on a free
 * 127.0.0.1 port and two `hamilton-ts worker` processes (concurrency 4 each)
 * on this 2-core machine. Measures what one task costs (a one-node run, a
 * chain of ten), tasks per second over a 1,000-item Parallelizable fan-out,
 * and a 1M-row Float64Array column's trip through Redis and back.
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
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'inherit'] });
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
  try {
    const remote = new Builder().withModules(RemoteOverhead).withExecutor(executor).withResultBuilder(new RecordResult()).build();
    const local = new Builder().withModules(RemoteOverhead).withResultBuilder(new RecordResult()).build();

    const oneRemote = await medianMs(() => remote.execute(['one'], { inputs: { x: 1 } }), 51);
    const oneLocal = await medianMs(() => local.execute(['one'], { inputs: { x: 1 } }), 51);
    const chainRemote = await medianMs(() => remote.execute(['c10'], { inputs: { x: 1 } }), 21);

    const fanOut = async (count: number) => {
      const result = await remote.execute(['gathered'], { inputs: { count } });
      if (result.gathered !== count * (count - 1)) throw new Error(`fan-out of ${count} gave ${result.gathered}`);
    };
    const fanOut1000 = await medianMs(() => fanOut(1_000), 5, 1);
    const fanOut100 = await medianMs(() => fanOut(100), 9, 1);
    const fanOutLocal = await medianMs(() => local.execute(['gathered'], { inputs: { count: 1_000 } }), 9);

    const column = Float64Array.from({ length: 1_000_000 }, (_, i) => i * 0.5);
    const columnRemote = await medianMs(async () => {
      const { doubledColumn } = await remote.execute(['doubledColumn'], { inputs: { column } });
      if ((doubledColumn as Float64Array)[999_999] !== 999_999) throw new Error('the column came back wrong');
    }, 7, 2);

    const rows = [
      ['one-node run (1 task)', `${fixed(oneRemote)} ms`, `${fixed(oneLocal * 1000)} µs in-process`],
      ['chain of 10 nodes (10 sequential tasks)', `${fixed(chainRemote)} ms`, `${fixed(chainRemote / 10)} ms per task: the per-task overhead`],
      ['fan-out over 100 items (100 tasks)', `${fixed(fanOut100)} ms`, `${Math.round(100 / (fanOut100 / 1000))} tasks/s`],
      ['fan-out over 1,000 items (1,000 tasks)', `${fixed(fanOut1000)} ms`, `${Math.round(1000 / (fanOut1000 / 1000))} tasks/s (in-process: ${fixed(fanOutLocal)} ms)`],
      ['1M-row Float64Array to a worker and back (its own bytes, in chunks: see redis-columns), 8 MB each way', `${fixed(columnRemote)} ms`, `${fixed(16 / (columnRemote / 1000))} MB/s`],
    ];
    return [
      '### Distributed: BullMQ executor on loopback',
      '',
      'A redis-server on 127.0.0.1 and two `hamilton-ts worker` processes (`--concurrency 4`) on the same 2-core machine; '
      + 'medians. Every task is one BullMQ job: its inputs written to Redis, the job enqueued, a worker runs it and writes the '
      + 'outputs, the driver hears of it through QueueEvents and reads them back.',
      '',
      markdownTable(['measure', 'median', 'so'], rows),
    ].join('\n');
  } finally {
    await executor.close();
    await processes.stop();
  }
}

runIfMain(module, main);
