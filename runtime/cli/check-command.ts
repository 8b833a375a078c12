import type { DataQualityReport } from '../data-quality/report';
import { DataQualityError } from '../errors';
import { SimpleGraphAdapter } from '../driver/graph-adapter';
import { RecordResult } from '../results/record-result';
import { ExitCode } from './exit-codes';
import { writeUserFile } from './files';
import type { DataflowOptions } from './options';
import { prepareRun } from './prepare-run';
import { formatReport, reportFileFormat, type ReportFormat } from './report-format';

export interface CheckOptions extends DataflowOptions {
  format: ReportFormat;
  reportFile?: string;
}

/** The report of a run, whether it finished or a `fail` check stopped it. */
async function runWithReport(options: CheckOptions): Promise<{ report: DataQualityReport; stoppedAt?: string[] }> {
  // Records, not a table: outputs of any shape can be checked together, and the report already lists failed `warn` checks.
  const { driver, outputs, inputs, explain } = prepareRun(options, new SimpleGraphAdapter(new RecordResult()), { warn: () => {} });
  try {
    // A CI check wants every failure: only what depends on a failed node is skipped.
    return { report: (await driver.executeWithReport(outputs, { inputs, onFailedCheck: 'skipDependents' })).report };
  } catch (error) {
    if (!(error instanceof DataQualityError)) throw explain(error);
    return { report: error.report, stoppedAt: error.nodes };
  }
}

/** `hamilton-ts check`: runs the dataflow for its data-quality report; exit 1 when a `fail` check failed. */
export async function checkCommand(options: CheckOptions): Promise<number> {
  const { report, stoppedAt } = await runWithReport(options);
  process.stdout.write(`${formatReport(report, options.format)}\n`);
  if (options.reportFile) {
    writeUserFile(options.reportFile, 'report file', `${formatReport(report, reportFileFormat(options.reportFile, options.format))}\n`);
  }
  if (stoppedAt) {
    process.stderr.write(`data quality failed at ${stoppedAt.map((n) => `'${n}'`).join(', ')}: `
      + 'the nodes computed from them were skipped, so their checks are not in the report.\n');
  }
  return report.ok && !stoppedAt ? ExitCode.ok : ExitCode.checkFailed;
}
