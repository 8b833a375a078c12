import { SimpleGraphAdapter } from '../driver/graph-adapter';
import { TableResult } from '../results/table-result';
import { ExitCode } from './exit-codes';
import { materializeCommand } from './materialize-command';
import type { DataflowOptions } from './options';
import { prepareRun } from './prepare-run';
import { emitTable, tableWriter } from './write-output';

export interface RunOptions extends DataflowOptions {
  out?: string;
  limit: number;
  /** Run the savers of the modules' exported `materializers` (see materialize-command.ts). */
  materialize?: boolean;
}

/** `hamilton-ts run`: computes the outputs as one table, printed or written to --out. */
export async function runCommand(options: RunOptions): Promise<number> {
  if (options.materialize) return materializeCommand(options);
  const write = options.out ? tableWriter(options.out) : undefined;
  // Failed `warn` checks are logged to stderr, apart from the table on stdout.
  const { driver, outputs, inputs, explain } = prepareRun(options, new SimpleGraphAdapter(new TableResult()), console);
  const table = await driver.execute(outputs, { inputs }).catch((error: unknown) => {
    throw explain(error);
  });
  emitTable(table, write, options.out, options.limit);
  return ExitCode.ok;
}
