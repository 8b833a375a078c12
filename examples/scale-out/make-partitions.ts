import * as aq from 'arquero';
import * as fs from 'fs';
import * as path from 'path';
import { runSaver } from 'hamilton-ts';

export interface DatasetShape {
  /** Number of files, one market each (default 10). */
  partitions?: number;
  /** Weeks (rows) per partition (default 5,000,000). */
  rows?: number;
}

export interface WrittenDataset {
  dir: string;
  files: string[];
  /** Bytes on disk, every file. */
  bytes: number;
  /** Bytes of one partition's two columns once decoded (Float64Array each). */
  decodedPartitionBytes: number;
}

/** The file name of partition `p`: zero-padded so that names sort in partition order. */
export const partitionName = (p: number): string => `market-${String(p).padStart(4, '0')}.parquet`;

/**
 * One market's weekly spend and signups: deterministic (a hash of the row
 * and the partition, no randomness), so every run of the benchmark and the
 * test reads the same numbers. Whole numbers with a few hundred distinct
 * values each: Parquet's dictionary encoding keeps a 5M-row partition near
 * 12 MB on disk.
 */
export function partitionColumns(p: number, rows: number): { spend: Float64Array; signups: Float64Array } {
  const spend = new Float64Array(rows);
  const signups = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const h = Math.imul(i ^ Math.imul(p + 1, 0x27d4eb2d), 0x9e3779b1) >>> 0;
    spend[i] = 100 + 20 * (p % 7) + (h % 613);
    signups[i] = 1 + ((h >>> 12) % 251);
  }
  return { spend, signups };
}

/**
 * Writes the dataset into `dir` (created if missing), one partition at a time,
 * with the project's own Parquet saver: one row group per file, so that the
 * loader hands each column over as one Arrow array, without a copy.
 */
export async function writePartitions(dir: string, shape: DatasetShape = {}): Promise<WrittenDataset> {
  const { partitions = 10, rows = 5_000_000 } = shape;
  fs.mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  let bytes = 0;
  for (let p = 0; p < partitions; p++) {
    const file = path.join(dir, partitionName(p));
    const written = await runSaver('parquet', aq.table(partitionColumns(p, rows)), { path: file, rowGroupSize: rows });
    bytes += Number(written.bytes ?? fs.statSync(file).size);
    files.push(file);
  }
  return { dir, files, bytes, decodedPartitionBytes: rows * 2 * Float64Array.BYTES_PER_ELEMENT };
}

/** `node dist/examples/scale-out/make-partitions.js <dir> [partitions] [rows]` */
async function main(): Promise<void> {
  const [dir, partitions, rows] = process.argv.slice(2);
  if (!dir) throw new Error('usage: make-partitions.js <dir> [partitions=10] [rows per partition=5000000]');
  const shape = { partitions: partitions ? Number(partitions) : undefined, rows: rows ? Number(rows) : undefined };
  const started = performance.now();
  const written = await writePartitions(dir, shape);
  console.log(`wrote ${written.files.length} partitions (${(written.bytes / 2 ** 20).toFixed(1)} MiB) to ${dir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
