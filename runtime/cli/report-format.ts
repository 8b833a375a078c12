import * as path from 'path';
import { roundedFigure as rounded, type CheckResult } from '../data-quality/check-result';
import type { DataQualityReport } from '../data-quality/report';

export const REPORT_FORMATS = ['table', 'json', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const FIGURE_WIDTH = 80;

// Figures print rounded here; --format json keeps every digit.
function figure(value: unknown): string {
  // A bigint prints as its digits, alone or inside a figure (JSON.stringify throws on one).
  const text = typeof value === 'number' || typeof value === 'bigint' ? String(rounded(value)) : JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? String(v) : rounded(v))) ?? String(value);
  return text.length > FIGURE_WIDTH ? `${text.slice(0, FIGURE_WIDTH - 1)}…` : text;
}

/** A failed check in full: the table cuts long messages, and has no room for the figures. */
function failureLines(r: CheckResult): string[] {
  const figures = Object.entries(r.figures).map(([key, value]) => `${key}=${figure(value)}`);
  return [`  ${r.node} ${r.check} (${r.importance}): ${r.message}`, ...(figures.length ? [`    ${figures.join(' ')}`] : [])];
}

/** The report as text: a terminal table followed by each failure's figures, JSON (with every figure), or Markdown. */
export function formatReport(report: DataQualityReport, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report.toJSON(), null, 2);
  if (format === 'markdown') return report.toMarkdown();
  const failures = report.failures();
  return failures.length ? [report.toTable(), '', 'Failed checks:', ...failures.flatMap(failureLines)].join('\n') : report.toTable();
}

/** A report file named .json or .md gets that format whatever is printed; any other name gets the printed one. */
export function reportFileFormat(file: string, printed: ReportFormat): ReportFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.json') return 'json';
  if (extension === '.md' || extension === '.markdown') return 'markdown';
  return printed;
}
