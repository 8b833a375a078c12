import * as aq from 'arquero';
import { checkOutput, col, dataflow, loadFrom, saveTo, source, to, type Column, type Table } from 'hamilton-ts';

/**
 * Raw weekly spend in, features out, through Hamilton's I/O layer: the raw
 * table is loaded from Parquet by a loader node, the features are checked
 * and saved to Parquet by a saver node, and to a DuckDB table by the
 * module's exported materializer.
 */
@dataflow()
export class SpendFeatures {
  /** The raw export, checked against its declared columns when read (a wrong column type is a ColumnTypeError naming it). */
  @loadFrom.parquet({ path: source('rawPath') })
  raw(data: Table<{ week: string; region: string; spend: number; signups: number }>): Table {
    return data;
  }

  /** Spend per region-week. */
  spend(raw: Table): Column<number> {
    return Float64Array.from(raw.array('spend') as ArrayLike<number>);
  }

  /** New accounts per region-week. */
  signups(raw: Table): Column<number> {
    return Float64Array.from(raw.array('signups') as ArrayLike<number>);
  }

  /** Rolling 3 week average spend. */
  avg3wkSpend(spend: Column<number>): Column<number> {
    return col.rollingMean(spend, 3);
  }

  /** The cost per signup in relation to a rolling average of spend: never negative, never above 1,000. */
  @checkOutput({ range: [0, 1_000], allowNaN: true })
  acquisitionCost(avg3wkSpend: Column<number>, signups: Column<number>): Column<number> {
    return col.divide(avg3wkSpend, signups);
  }

  /** The mean spend over every region-week. */
  spendMean(spend: Column<number>): number {
    return col.mean(spend);
  }

  /** Spend with its mean removed. */
  spendZeroMean(spend: Column<number>, spendMean: number): Column<number> {
    return col.subtract(spend, spendMean);
  }

  /** The feature table: one row per region-week, saved to Parquet by `saveFeatures`. */
  @saveTo.parquet({ path: source('featuresPath'), outputName: 'saveFeatures' })
  features(raw: Table, acquisitionCost: Column<number>, spendZeroMean: Column<number>): Table {
    return aq.table({ week: raw.array('week'), region: raw.array('region'), acquisitionCost, spendZeroMean });
  }
}

/** What `materialize` (and `hamilton-ts run --materialize`) also writes: the features as a DuckDB table. */
export const materializers = [
  to.duckdb({ id: 'saveToDuckdb', dependencies: ['features'], table: 'features', database: source('databasePath'), mode: 'replace' }),
];
