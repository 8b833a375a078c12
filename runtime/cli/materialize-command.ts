import { SimpleGraphAdapter } from '../driver/graph-adapter';
import { TableResult } from '../results/table-result';
import { ExitCode } from './exit-codes';
import { prepareRun } from './prepare-run';
import type { RunOptions } from './run-command';
import { UsageError } from './usage-error';
import { emitTable, tableWriter } from './write-output';

/** One line per saver: `saveFeatures: wrote features.parquet (1000 rows, 12 ms)`. */
function describeSave(id: string, metadata: Record<string, unknown>): string {
  const facts = [
    typeof metadata.rows === 'number' ? `${metadata.rows} rows` : undefined,
    typeof metadata.ms === 'number' ? `${Math.round(metadata.ms)} ms` : undefined,
  ].filter(Boolean);
  return `${id}: wrote ${typeof metadata.path === 'string' ? metadata.path : `with ${String(metadata.adapter)}`}${facts.length ? ` (${facts.join(', ')})` : ''}`;
}

/**
 * `hamilton-ts run --materialize`: runs every saver of the modules' exported
 * `materializers` (and the `--outputs`, as Hamilton's `additional_vars`),
 * prints a line per saver, then the outputs as `run` does.
 */
export async function materializeCommand(options: RunOptions): Promise<number> {
  const write = options.out ? tableWriter(options.out) : undefined;
  const { driver, outputs, inputs, explain } = prepareRun(options, new SimpleGraphAdapter(new TableResult()), console);
  const [metadata, results] = await driver.materialize({ inputs, additionalVars: outputs }).catch((error: unknown) => {
    throw explain(error);
  });
  if (Object.keys(metadata).length === 0) {
    throw new UsageError(`--materialize: ${options.module.join(', ')} export${options.module.length === 1 ? 's' : ''} no to.<adapter>(…) savers in 'materializers'`);
  }
  for (const [id, facts] of Object.entries(metadata)) process.stdout.write(`${describeSave(id, facts)}\n`);
  const table = new TableResult().build(results);
  emitTable(table, write, options.out, options.limit);
  return ExitCode.ok;
}
