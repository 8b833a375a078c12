import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { MarketingSpend } from '../examples/marketing/features';
import { Builder } from '../runtime/driver/builder';
import { getSaver } from '../runtime/io/adapters/adapter-registry';
import { to } from '../runtime/materialize/materializer';
import { TableResult } from '../runtime/results/table-result';
import { compare, fixed, markdownTable, runIfMain, verdict } from './timing';

/**
 * `materialize` of the marketing dataflow to Parquet, against the same work
 * by hand: `execute` to a table, then the parquet saver's own `save` on it.
 * What is measured is materialize's overhead: the graph built with the
 * saver nodes, the combine node, runSaver's checks and metadata.
 */

const GOAL_RATIO = 1.05;
const OUTPUTS = ['spend', 'signups', 'acquisitionCost', 'spendZeroMean'];
const ROWS = Number(process.env.BENCH_ROWS ?? 10_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

function columns(rows: number) {
  return {
    spend: Float64Array.from({ length: rows }, (_, i) => 10 + ((i * 7919) % 1000)),
    signups: Float64Array.from({ length: rows }, (_, i) => 1 + ((i * 104729) % 500)),
  };
}

export async function main(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-materialize-'));
  try {
    const inputs = columns(ROWS);
    const dr = new Builder().withModules(MarketingSpend).build();
    const parquet = getSaver('parquet');
    const byHandPath = path.join(dir, 'by-hand.parquet');
    const materializedPath = path.join(dir, 'materialized.parquet');
    const byHand = async () => {
      const table = await dr.execute(OUTPUTS, { inputs });
      await parquet.save(table, { ...parquet.defaults, path: byHandPath }, {});
    };
    const materialized = () => dr.materialize(
      to.parquet({ id: 'saveFeatures', dependencies: OUTPUTS, combine: new TableResult(), path: materializedPath }),
      { inputs },
    );
    const { ms, ratio, cpuRatio } = await compare([byHand, materialized], { rounds: ROUNDS, sampleMs: 0, gc: true });
    const same = fs.readFileSync(byHandPath).equals(fs.readFileSync(materializedPath));
    const bytes = fs.statSync(materializedPath).size;
    return [
      `### Materialize: the marketing dataflow to Parquet (seconds per run, median of ${ROUNDS})`,
      '',
      markdownTable(
        ['rows', 'execute + parquet save by hand', '`materialize(to.parquet(…))`', 'ratio, wall', 'ratio, CPU', 'same bytes', `goal ≤ ${GOAL_RATIO}× (CPU)`],
        [[ROWS.toLocaleString('en-US'), fixed(ms[0] / 1000, 3), fixed(ms[1] / 1000, 3), fixed(ratio[1], 3), fixed(cpuRatio[1], 3), same ? 'yes' : '**no**', verdict(cpuRatio[1] <= GOAL_RATIO)]],
      ),
      '',
      `Outputs ${OUTPUTS.map((o) => `\`${o}\``).join(', ')} (Float64Array inputs), ${(bytes / 2 ** 20).toFixed(1)} MiB of Parquet with the saver's default compression. `
      + 'By hand: `execute` to a table, then the parquet saver\'s `save` on it. `materialize`: a fresh graph with '
      + 'the `to.parquet` saver and its `TableResult` combine node, run through `runSaver`. Rounds alternate; '
      + 'each sample follows a full collection. The machine is shared: ratios within one run.',
    ].join('\n');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

runIfMain(module, main);
