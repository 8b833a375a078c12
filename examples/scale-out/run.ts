import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { isDeepStrictEqual } from 'util';
import { Builder, RecordResult, type Executor } from 'hamilton-ts';
import { BullMQExecutor } from 'hamilton-ts/distributed';
import { startLocalCluster } from './cluster';
import { PartitionedMarketing, SCALE_OUT_OUTPUTS, type DatasetSummary, type PartitionSummary } from './features';
import { writePartitions } from './make-partitions';

/**
 * Scaling with the data: the marketing features over a partitioned Parquet
 * dataset, once in this process and once on two `hamilton-ts worker`
 * processes (BullMQ on a loopback redis-server of its own), with the same
 * result. `node dist/examples/scale-out/run.js [datasetDir]`; without a
 * directory it writes 10 partitions of 200,000 weeks to a temporary one.
 */

export async function runPartitioned(executor: Executor | undefined, datasetDir: string): Promise<{ partitionSummaries: PartitionSummary[]; datasetSummary: DatasetSummary }> {
  const builder = new Builder().withModules(PartitionedMarketing).withResultBuilder(new RecordResult());
  const dr = (executor ? builder.withExecutor(executor) : builder).build();
  try {
    return await dr.execute(SCALE_OUT_OUTPUTS, { inputs: { datasetDir } }) as { partitionSummaries: PartitionSummary[]; datasetSummary: DatasetSummary };
  } finally {
    await dr.close();
  }
}

async function timed<T>(what: string, work: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await work();
  console.log(`${what.padEnd(34)} ${(performance.now() - started).toFixed(0).padStart(7)} ms`);
  return result;
}

async function main(): Promise<void> {
  const given = process.argv[2];
  const datasetDir = given ?? fs.mkdtempSync(path.join(os.tmpdir(), 'scale-out-'));
  try {
    if (!given) await timed('write 10 partitions × 200,000 rows', () => writePartitions(datasetDir, { partitions: 10, rows: 200_000 }));
    const local = await timed('local (this process)', () => runPartitioned(undefined, datasetDir));
    const cluster = await startLocalCluster({ workers: 2, queue: 'scale-out-example' });
    let distributed: typeof local;
    try {
      const executor = new BullMQExecutor({ connection: cluster.url, queue: cluster.queue });
      distributed = await timed('BullMQ, 2 worker processes', () => runPartitioned(executor, datasetDir));
    } finally {
      await cluster.stop();
    }
    // Bit for bit: the same code on the same partitions, gathered in file order (NaN equals NaN, -0 differs from 0).
    const same = isDeepStrictEqual(distributed, local);
    console.log(same ? 'identical results in one process and on two workers' : 'the results DIFFER');
    console.table(local.partitionSummaries.map((p) => ({ file: p.file, rows: p.rows, spendMean: p.spendMean, acquisitionCostMean: p.acquisitionCostTotal / p.acquisitionCostCount })));
    console.table([local.datasetSummary]);
    if (!same) process.exitCode = 1;
  } finally {
    if (!given) fs.rmSync(datasetDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
