import type { ExecutionPlan } from '../execution/execution-plan';
import { isCheckNode, type CheckResult } from './check-result';
import { DataQualityReport } from './report';

/** The slots of a plan's check nodes: where a run's data-quality results land. */
export function checkSlotsOf(plan: ExecutionPlan): number[] {
  return Array.from(plan.steps).filter((slot) => isCheckNode(plan.graph.nodeAt[slot]));
}

/** The results of every check that ran (a run stopped by a failure has run only some). */
export function collectReport(checkSlots: readonly number[], values: readonly unknown[]): DataQualityReport {
  const results: CheckResult[] = [];
  for (const slot of checkSlots) {
    const value = values[slot];
    if (Array.isArray(value)) results.push(...(value as CheckResult[]));
  }
  return new DataQualityReport(results);
}

/** One line per failed `warn` check. */
export function warningLines(report: DataQualityReport): string[] {
  return report.failures('warn').map((r) => `hamilton-ts data quality (warn): ${r.node} ${r.check}: ${r.message}`);
}
