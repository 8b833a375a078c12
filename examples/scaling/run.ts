import * as path from 'path';
import * as aq from 'arquero';
import { Builder, LocalExecutor, WorkerThreadExecutor, type Executor, type Table } from 'hamilton-ts';
import { BullMQExecutor } from 'hamilton-ts/distributed';
import { MarketingSpend } from '../marketing/features';
import { startLocalCluster } from '../scale-out/cluster';

/**
 * The seed's promise: the same dataflow, unchanged, in-process, across
 * cores, and across machines — only the executor changes. Runs the
 * marketing dataflow on all three and checks the tables are identical.
 * For BullMQ it uses REDIS_URL if set, else starts a loopback redis-server
 * and two `hamilton-ts worker` processes of its own.
 */

const ROWS = 200_000;
const OUTPUTS = ['spend', 'signups', 'avg3wkSpend', 'acquisitionCost', 'spendZeroMean'];
/** The compiled module the workers serve: they load no other. */
const MODULE = path.resolve(__dirname, '../marketing/features.js');

function inputs(): Table {
  const spend = Float64Array.from({ length: ROWS }, (_, i) => 10 + ((i * 7919) % 97));
  const signups = Float64Array.from({ length: ROWS }, (_, i) => 1 + ((i * 104_729) % 500));
  return aq.table({ spend, signups });
}

async function run(name: string, executor: Executor, table: Table): Promise<Table> {
  const dr = new Builder().withModules(MarketingSpend).withExecutor(executor).build();
  const started = performance.now();
  const result = await dr.execute(OUTPUTS, { inputs: table });
  console.log(`${name.padEnd(28)} ${(performance.now() - started).toFixed(0).padStart(6)} ms`);
  await dr.close();
  return result;
}

async function main(): Promise<void> {
  const table = inputs();
  console.log(`marketing dataflow, ${ROWS.toLocaleString('en')} rows:`);
  const local = await run('local (in-process)', new LocalExecutor(), table);
  // The marketing nodes carry no `executor: 'thread'` tag: offload them all to show the pool at work.
  const threads = await run('worker threads (Piscina)', new WorkerThreadExecutor({ offload: 'all' }), table);
  const queue = 'scaling-example';
  // A redis-server and two workers of this script's own, each waited for until it says it is ready.
  const cluster = process.env.REDIS_URL
    ? { url: process.env.REDIS_URL, stop: async () => undefined }
    : await startLocalCluster({ workers: 2, queue, concurrency: 2, module: MODULE });
  let distributed: Table;
  try {
    distributed = await run('BullMQ on Redis (2 workers)', new BullMQExecutor({ connection: cluster.url, queue }), table);
  } finally {
    await cluster.stop();
  }
  const csv = local.toCSV();
  const same = threads.toCSV() === csv && distributed.toCSV() === csv;
  console.log(same ? 'identical output on all three executors' : 'the executors DISAGREE');
  local.print({ limit: 5 });
  if (!same) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
