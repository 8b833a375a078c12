import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import { Builder } from '../runtime/driver/builder';
import type { Executor } from '../runtime/execution/executor';
import { LocalExecutor } from '../runtime/execution/local-executor';
import { RecordResult } from '../runtime/results/record-result';
import type { DataflowModule } from '../runtime/graph/module-nodes';
import { toSharedColumn } from '../runtime/executors/threads/shared-columns';
import { WorkerThreadExecutor } from '../runtime/executors/threads/worker-thread-executor';
import { chain, wide } from './generated-dataflows';
import { BigColumns, churn, HeavyBranches, Hops } from './threads-dataflows';
import { coldMedian, compare, fixed, markdownTable, runIfMain, timeCalls, us, verdict } from './timing';

/**
 * Benchmark: the worker-thread executor against the local one. (1) two
 * independent CPU-heavy branches, (2) a 10M-row column handed to a worker
 * node and one handed back, against copying those bytes once, (3) graphs of
 * 1,000 trivial nodes, which the default granularity keeps on the calling
 * thread; and what one thread hop costs.
 */

const ROWS = 10_000_000;
const BRANCH_SIZE = 1_000_000;

const driver = (module: DataflowModule, executor: Executor) =>
  new Builder().withModules(module).withExecutor(executor).withResultBuilder(new RecordResult()).build();

/** Rounds of churn over BRANCH_SIZE values that take about `targetMs` on this machine. */
async function calibrate(targetMs: number): Promise<number> {
  churn(BRANCH_SIZE, 20, 0.1); // warm
  // The fastest of a few: the least disturbed by whatever else the machine runs.
  let ms = Infinity;
  for (let i = 0; i < 5; i++) ms = Math.min(ms, await timeCalls(() => churn(BRANCH_SIZE, 40, 0.1)));
  return Math.max(1, Math.round((40 * targetMs) / ms));
}

/** Two plain worker threads computing the branches and transferring them back: the ceiling the machine allows. */
function rawWorkers(): { both(size: number, rounds: number): Promise<void>; close(): Promise<unknown> } {
  const source = `const { parentPort } = require('node:worker_threads');
    const churn = ${churn.toString()};
    parentPort.on('message', ({ size, rounds, seed }) => {
      const out = churn(size, rounds, seed);
      parentPort.postMessage(out, [out.buffer]);
    });`;
  const workers = [new Worker(source, { eval: true }), new Worker(source, { eval: true })];
  const one = (worker: Worker, message: object) => new Promise<Float64Array>((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(message);
  });
  return {
    both: async (size, rounds) => {
      const [left, right] = await Promise.all(workers.map((w, i) => one(w, { size, rounds, seed: (i + 1) / 10 })));
      let total = 0;
      for (let i = 0; i < left.length; i++) total += left[i] - right[i];
      if (Number.isNaN(total)) throw new Error('unreachable');
    },
    close: () => Promise.all(workers.map((w) => w.terminate())),
  };
}

/** A task that also adds up the process's CPU time (all threads) and wall time it took: how many cores it kept busy. */
function withCpu(task: () => Promise<unknown>): { task: () => Promise<void>; cores: () => number } {
  let cpuUs = 0;
  let wallMs = 0;
  return {
    task: async () => {
      const cpu = process.cpuUsage();
      const start = performance.now();
      await task();
      wallMs += performance.now() - start;
      const used = process.cpuUsage(cpu);
      cpuUs += used.user + used.system;
    },
    cores: () => cpuUs / 1000 / wallMs,
  };
}

async function heavyBranches(local: Executor, threads: Executor): Promise<{ table: string; speedup: number }> {
  const rounds = await calibrate(1000);
  const inputs = { inputs: { size: BRANCH_SIZE, rounds } };
  const outputs = ['combined'];
  const onLocal = driver(HeavyBranches, local);
  const onThreads = driver(HeavyBranches, threads);
  const raw = rawWorkers();
  const local_ = withCpu(() => onLocal.rawExecute(outputs, inputs));
  const threaded = withCpu(() => onThreads.rawExecute(outputs, inputs));
  const baseline = withCpu(() => raw.both(BRANCH_SIZE, rounds));
  try {
    const { ms, ratio } = await compare([local_.task, threaded.task, baseline.task], { rounds: 5, sampleMs: 1 });
    const speedup = 1 / ratio[1];
    return {
      speedup,
      table: markdownTable(['executor', 'ms per run (median)', 'cores busy (CPU time / wall time)', 'speedup over local'], [
        ['local (branches one after the other)', fixed(ms[0], 0), fixed(local_.cores()), '1.00'],
        ['threads (each branch on its own worker)', fixed(ms[1], 0), fixed(threaded.cores()), `${fixed(speedup)} — goal ≥ 1.8: ${verdict(speedup >= 1.8)}`],
        ['baseline: two hand-written `worker_threads`, same loops, no framework', fixed(ms[2], 0), fixed(baseline.cores()), `${fixed(1 / ratio[2])} (what the machine allows now)`],
      ]),
    };
  } finally {
    await raw.close();
  }
}

async function bigColumns(local: Executor, threads: WorkerThreadExecutor): Promise<string> {
  const column = new Float64Array(ROWS);
  for (let i = 0; i < ROWS; i++) column[i] = i;
  const onLocal = driver(BigColumns, local);
  const onThreads = driver(BigColumns, threads);
  // In shared memory already: handed to workers in place, every run.
  const handIn = { inputs: { column: toSharedColumn(column) } };
  const handBack = { inputs: { rows: ROWS } };
  const { ms } = await compare([
    () => new Float64Array(column),
    () => onThreads.rawExecute(['lastValue'], handIn),
    () => onThreads.rawExecute(['freshColumn'], handBack),
    () => onLocal.rawExecute(['freshColumn'], handBack),
  ], { rounds: 9, sampleMs: 50, gc: true });
  const [copy, handInMs, handBackMs, localBackMs] = ms;
  // A column not in shared memory: each run copies it into shared memory once.
  const firstHandIn = await coldMedian(() => {
    const fresh = new Float64Array(ROWS);
    fresh[ROWS - 1] = 1;
    return fresh;
  }, (fresh) => onThreads.rawExecute(['lastValue'], { inputs: { column: fresh } }), 5);
  const noCopy = (extraMs: number) => extraMs < copy / 4;
  return markdownTable(['what (10M-row Float64Array, 80 MB)', 'ms (median)', 'vs one copy', 'no copy?'], [
    ['copy the bytes once: `new Float64Array(src)`', fixed(copy, 1), '1.00', ''],
    ['hand a column in shared memory (`toSharedColumn`) to a worker node', fixed(handInMs, 2), fixed(handInMs / copy, 3), verdict(noCopy(handInMs))],
    ['hand a plain column to a worker node (one copy into shared memory per run)', fixed(firstHandIn, 1), fixed(firstHandIn / copy, 2), 'one copy per run'],
    ['a worker node returns a fresh column (transferred)', fixed(handBackMs, 2), fixed(handBackMs / copy, 3), verdict(noCopy(handBackMs - localBackMs))],
    ['the same node on the local executor', fixed(localBackMs, 2), fixed(localBackMs / copy, 3), ''],
  ]);
}

async function trivialNodes(local: Executor, threads: Executor): Promise<{ table: string; worst: number }> {
  const rows: (string | number)[][] = [];
  let worst = 0;
  for (const [shape, flow] of [['chain', chain(1000)], ['wide', wide(1000)]] as const) {
    const outputs = shape === 'chain' ? ['c999'] : flow.nodes.map((n) => n.name);
    const inputs = { inputs: { x: 1 } };
    const onLocal = driver(flow.module, local);
    const onThreads = driver(flow.module, threads);
    const { ms, ratio } = await compare([
      () => onLocal.rawExecute(outputs, inputs),
      () => onThreads.rawExecute(outputs, inputs),
    ], { rounds: 21, sampleMs: 20 });
    worst = Math.max(worst, ratio[1]);
    rows.push([`1,000-node ${shape}`, us(ms[0] / 1000), us(ms[1] / 1000), fixed(ratio[1]), verdict(ratio[1] <= 1.5)]);
  }
  // What the granularity rule saves: every node of a chain of ten as a task of its own.
  const hopsLocal = driver(Hops, local);
  const hopsThreads = driver(Hops, threads);
  const { ms, delta } = await compare([
    () => hopsLocal.rawExecute(['h9'], { inputs: { x: 1 } }),
    () => hopsThreads.rawExecute(['h9'], { inputs: { x: 1 } }),
  ], { rounds: 21, sampleMs: 20 });
  rows.push(['10-node chain, every node tagged (one hop each)', us(ms[0] / 10), us(ms[1] / 10), fixed(ms[1] / ms[0], 0), `${us(delta[1] / 10)} µs per hop`]);
  return {
    worst,
    table: markdownTable(['graph', 'local µs/node', 'threads µs/node', 'threads / local', 'goal ≤ 1.5x'], rows),
  };
}

export async function main(): Promise<string> {
  const local = new LocalExecutor();
  const threads = new WorkerThreadExecutor();
  const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
  try {
    const heavy = await heavyBranches(local, threads);
    const columns = await bigColumns(local, threads);
    const trivial = await trivialNodes(local, threads);
    return [
      '### Worker threads (`WorkerThreadExecutor`, Piscina)',
      '',
      `${os.availableParallelism()} cores; load average ${load} at the start (other processes share these cores).`,
      '',
      `**1. Two independent CPU-heavy branches** (tagged \`executor: 'thread'\`, ~1 s each locally, ${BRANCH_SIZE.toLocaleString('en')} values × calibrated rounds of the logistic map):`,
      '',
      heavy.table,
      '',
      '**2. Zero copy**: a 10M-row column handed to a worker node, and one handed back, against copying those bytes once:',
      '',
      columns,
      '',
      '**3. Trivial nodes** (default `offload: \'tagged\'`: untagged nodes never leave the calling thread), and the cost of a hop:',
      '',
      trivial.table,
    ].join('\n');
  } finally {
    await threads.close();
  }
}

runIfMain(module, main);
