import type { CheckResult, Importance } from './check-result';

/**
 * Every check a run made: which node, which check, pass or fail, how
 * important, and the figures behind the verdict. Prints as a table for
 * terminals, and serialises to JSON and Markdown for CI and reviews.
 */
export class DataQualityReport {
  constructor(readonly results: readonly CheckResult[]) {}

  get passed(): CheckResult[] {
    return this.results.filter((r) => r.passed);
  }

  /** Failed checks, of one importance or of both. */
  failures(importance?: Importance): CheckResult[] {
    return this.results.filter((r) => !r.passed && (importance === undefined || r.importance === importance));
  }

  /** True when no `fail` check failed (`warn` failures do not stop a run). */
  get ok(): boolean {
    return this.failures('fail').length === 0;
  }

  summary(): string {
    const failedWarn = this.failures('warn').length;
    const failedFail = this.failures('fail').length;
    return `${this.results.length} checks: ${this.passed.length} passed, ${failedFail} failed (fail), ${failedWarn} failed (warn)`;
  }

  /**
   * JSON has no NaN, Infinity or bigint: such figures become strings ("NaN",
   * "Infinity", "-Infinity"; a bigint its decimal digits, "1180591620717411303424",
   * which a JSON number would round), never null or a throw from JSON.stringify.
   */
  toJSON(): { summary: string; ok: boolean; results: readonly CheckResult[] } {
    return { summary: this.summary(), ok: this.ok, results: this.results.map((r) => ({ ...r, figures: jsonSafe(r.figures) as Record<string, unknown> })) };
  }

  toMarkdown(): string {
    const escape = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
    const rows = this.results.map((r) => `| ${escape(r.node)} | ${escape(r.check)} | ${r.importance} | ${r.passed ? 'pass' : '**FAIL**'} | ${escape(r.message)} |`);
    return [`**Data quality:** ${this.summary()}`, '', '| node | check | importance | result | details |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
  }

  /** A boxed table for terminals; long details are cut to `width` characters. */
  toTable(width = 72): string {
    const header = ['node', 'check', 'importance', 'result', 'details'];
    const rows = this.results.map((r) => [r.node, r.check, r.importance, r.passed ? 'pass' : 'FAIL', cut(r.message, width)]);
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
    const line = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
    const row = (cells: string[]) => '│' + cells.map((c, i) => ` ${c.padEnd(widths[i])} `).join('│') + '│';
    return [line('┌', '┬', '┐'), row(header), line('├', '┼', '┤'), ...rows.map(row), line('└', '┴', '┘'), this.summary()].join('\n');
  }
}

function jsonSafe(value: unknown): unknown {
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(jsonSafe);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonSafe(v)]));
  }
  return value;
}

function cut(s: string, width: number): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > width ? `${flat.slice(0, width - 1)}…` : flat;
}
