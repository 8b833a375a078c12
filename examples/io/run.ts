import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Builder, runLoader, type Table } from 'hamilton-ts';
import { materializers, SpendFeatures } from './features';

/**
 * Loads examples/io/data/spend.parquet, computes and checks the features,
 * saves them to Parquet and to a DuckDB table, then reads both back with
 * the loaders to show what was written. Output goes to the folder given
 * as the first argument (default: a fresh temporary folder).
 */
async function main(): Promise<void> {
  const out = process.argv[2] ?? fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-ts-io-'));
  const inputs = {
    rawPath: path.resolve(__dirname, '../../../examples/io/data/spend.parquet'),
    featuresPath: path.join(out, 'features.parquet'),
    databasePath: path.join(out, 'features.duckdb'),
  };
  const dr = new Builder().withModules(SpendFeatures).withMaterializers(...materializers).build();
  const [metadata, results] = await dr.materialize({ inputs, additionalVars: ['saveFeatures', 'spendMean'] });
  const saved = { ...metadata, saveFeatures: results.saveFeatures as Record<string, unknown> };
  for (const [id, facts] of Object.entries(saved)) console.log(`${id}: ${facts.rows} rows → ${facts.path} (${Math.round(facts.ms as number)} ms)`);
  console.log(`spendMean: ${(results.spendMean as number).toFixed(2)}`);

  const [fromParquet] = await runLoader<Table>('parquet', { path: inputs.featuresPath });
  const [fromDuckdb] = await runLoader<Table>('duckdb', {
    database: inputs.databasePath,
    query: 'SELECT region, count(*) AS weeks, round(avg("acquisitionCost"), 2) AS "avgCost" FROM features WHERE "acquisitionCost" <= $1 GROUP BY region ORDER BY region',
    params: [1_000],
  });
  console.log(`read back from Parquet: ${fromParquet.numRows()} rows, columns ${fromParquet.columnNames().join(', ')}`);
  console.log('read back from DuckDB:');
  fromDuckdb.print();
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
