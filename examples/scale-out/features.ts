import * as fs from 'fs';
import * as path from 'path';
import { col, columnArray, dataflow, loadFrom, source, type Collect, type Column, type Parallelizable, type Table } from 'hamilton-ts';

/** What one partition contributes to the overall figures: sums and extremes, a few numbers whatever its size. */
export interface PartitionSummary {
  /** The partition's file name (without its directory). */
  file: string;
  rows: number;
  spendTotal: number;
  signupsTotal: number;
  /** Rows whose spend is a number (null and NaN are left out of the spend figures, as `col.sum` and `col.mean` do). */
  spendCount: number;
  spendMean: number;
  /** Σ spendZeroMean² over those rows, the partition's sum of squared deviations: pooled into the overall variance. */
  spendSquares: number;
  /** acquisitionCost over the rows where it is defined (the rolling mean's first two rows are NaN). */
  acquisitionCostCount: number;
  acquisitionCostTotal: number;
  acquisitionCostMin: number;
  acquisitionCostMax: number;
}

/** The whole dataset's figures, pooled from the partitions' summaries. */
export interface DatasetSummary {
  partitions: number;
  rows: number;
  spendTotal: number;
  signupsTotal: number;
  spendMean: number;
  /** Rows whose spend is a number. */
  spendCount: number;
  /** Sample standard deviation (n − 1) of spend over every row where it is a number. */
  spendStd: number;
  /** Spend per signup over the whole dataset. */
  spendPerSignup: number;
  acquisitionCostMean: number;
  acquisitionCostMin: number;
  acquisitionCostMax: number;
}

/**
 * The seed's marketing features over a dataset stored as Parquet partitions,
 * one market's weekly spend and signups per file. Everything between
 * `partitionFile` (Parallelizable) and `partitionSummaries` (Collect) runs
 * once per partition, loading included: on BullMQ each partition is one task,
 * so a worker reads its own file from disk, its columns stay inside the task,
 * and only the summary — a dozen numbers — travels through Redis.
 */
@dataflow()
export class PartitionedMarketing {
  /** The dataset's partitions: the `.parquet` files of `datasetDir`, by name. */
  partitionFile(datasetDir: string): Parallelizable<string> {
    const files = fs.readdirSync(datasetDir).filter((name) => name.endsWith('.parquet')).sort();
    if (files.length === 0) throw new Error(`no .parquet partitions in ${datasetDir}`);
    return files.map((name) => path.join(datasetDir, name));
  }

  /** One partition, read by the worker that computes it (only the two columns used are decoded). */
  @loadFrom.parquet({ path: source('partitionFile'), columns: ['spend', 'signups'] })
  partition(data: Table<{ spend: number; signups: number }>): Table {
    return data;
  }

  /** Spend per week of this partition's market: the decoded Arrow column as one Float64Array (`table.array()` would copy it value by value). */
  spend(partition: Table): Column<number> {
    return columnArray(partition.column('spend')) as Column<number>;
  }

  /** Signups per week of this partition's market. */
  signups(partition: Table): Column<number> {
    return columnArray(partition.column('signups')) as Column<number>;
  }

  /** Rolling 3 week average spend (within the partition: each is its own market's series). */
  avg3wkSpend(spend: Column<number>): Column<number> {
    return col.rollingMean(spend, 3);
  }

  /** The cost per signup in relation to a rolling average of spend. */
  acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> {
    return col.divide(avg3wkSpend, signups);
  }

  /** The partition's mean spend. */
  spendMean(spend: Column<number>): number {
    return col.mean(spend);
  }

  /** Spend with the partition's mean removed. */
  spendZeroMean(spend: Column<number>, spendMean: number): Column<number> {
    return col.subtract(spend, spendMean);
  }

  /** The partition's aggregates: all that leaves its task. */
  partitionSummary(partitionFile: string, spend: Column<number>, signups: Column<number>, spendMean: number,
    spendZeroMean: Column<number>, acquisitionCost: Column<number>): PartitionSummary {
    let spendSquares = 0;
    let spendCount = 0;
    for (let i = 0; i < spendZeroMean.length; i++) {
      const d = spendZeroMean[i];
      if (d !== d) continue; // a missing spend: NaN − mean
      spendSquares += d * d;
      spendCount++;
    }
    let count = 0;
    let total = 0;
    let min = Infinity;
    let max = -Infinity;
    for (let i = 0; i < acquisitionCost.length; i++) {
      const v = acquisitionCost[i];
      if (v !== v) continue;
      count++;
      total += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    return {
      file: path.basename(partitionFile),
      rows: spend.length,
      spendTotal: col.sum(spend),
      signupsTotal: col.sum(signups),
      spendCount,
      spendMean,
      spendSquares,
      acquisitionCostCount: count,
      acquisitionCostTotal: total,
      acquisitionCostMin: count ? min : NaN,
      acquisitionCostMax: count ? max : NaN,
    };
  }

  /** Every partition's summary, in file order. */
  partitionSummaries(partitionSummary: Collect<PartitionSummary>): PartitionSummary[] {
    return [...partitionSummary];
  }

  /**
   * The dataset's figures from its partitions' summaries: totals add up; the
   * variance pools each partition's squared deviations with its mean's
   * distance from the overall mean (Chan et al.), so no row is read twice.
   */
  datasetSummary(partitionSummaries: PartitionSummary[]): DatasetSummary {
    let rows = 0;
    let spendCount = 0;
    let spendTotal = 0;
    let signupsTotal = 0;
    let costCount = 0;
    let costTotal = 0;
    let costMin = Infinity;
    let costMax = -Infinity;
    for (const p of partitionSummaries) {
      rows += p.rows;
      spendCount += p.spendCount;
      spendTotal += p.spendTotal;
      signupsTotal += p.signupsTotal;
      costCount += p.acquisitionCostCount;
      costTotal += p.acquisitionCostTotal;
      if (p.acquisitionCostCount && p.acquisitionCostMin < costMin) costMin = p.acquisitionCostMin;
      if (p.acquisitionCostCount && p.acquisitionCostMax > costMax) costMax = p.acquisitionCostMax;
    }
    const spendMean = spendCount ? spendTotal / spendCount : NaN;
    let squares = 0;
    // A partition without a single spend (empty, or all missing) adds nothing; its mean is NaN.
    for (const p of partitionSummaries) if (p.spendCount) squares += p.spendSquares + p.spendCount * (p.spendMean - spendMean) ** 2;
    return {
      partitions: partitionSummaries.length,
      rows,
      spendTotal,
      signupsTotal,
      spendCount,
      spendMean,
      spendStd: spendCount > 1 ? Math.sqrt(squares / (spendCount - 1)) : NaN,
      spendPerSignup: spendTotal / signupsTotal,
      acquisitionCostMean: costCount ? costTotal / costCount : NaN,
      acquisitionCostMin: costCount ? costMin : NaN,
      acquisitionCostMax: costCount ? costMax : NaN,
    };
  }
}

/** What the example and the benchmark request. */
export const SCALE_OUT_OUTPUTS = ['partitionSummaries', 'datasetSummary'];
