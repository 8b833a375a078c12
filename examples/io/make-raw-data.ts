import * as aq from 'arquero';
import * as path from 'path';
import { runSaver } from 'hamilton-ts';

/**
 * Writes data/spend.parquet, the example's raw data: a year of weekly spend
 * and signups for three regions, deterministic (no randomness), as a data
 * team's export would hand it over. Run once: `node dist/examples/io/make-raw-data.js`.
 */
async function main(): Promise<void> {
  const regions = ['north', 'south', 'west'];
  const rows = regions.flatMap((region, r) => Array.from({ length: 52 }, (_, w) => ({
    week: `2024-W${String(w + 1).padStart(2, '0')}`,
    region,
    spend: 100 + r * 40 + ((w * 37 + r * 11) % 60) + (w % 13 === 0 ? 250 : 0),
    signups: 5 + ((w * 7 + r * 3) % 40),
  })));
  const table = aq.from(rows);
  const file = path.resolve(__dirname, '../../../examples/io/data/spend.parquet');
  const written = await runSaver('parquet', aq.table({
    week: table.array('week'), region: table.array('region'),
    spend: Float64Array.from(table.array('spend') as number[]), signups: Int32Array.from(table.array('signups') as number[]),
  }), { path: file, rowGroupSize: 64 });
  console.log(`wrote ${written.rows} rows to ${file} (${written.bytes} bytes)`);
}

main().catch((error) => { console.error(error); process.exitCode = 1; });
