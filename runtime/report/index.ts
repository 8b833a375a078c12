export { RunReport, type RunReportOptions } from './run-report';
export { ReportOptionError, ReportWriteError } from './report-errors';
export { digestValue, type ValueDigest, type NumberStats } from './value-digest';
export type { RunRecord, NodeRecord, NodeStatus, RunFailure } from './run-record';
export { INDEX_FILE, type IndexEntry } from './run-index';
