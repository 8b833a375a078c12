import * as fs from 'fs';
import * as path from 'path';
import { escapeHtml, formatDuration, readScriptJson, scriptJson } from './html';
import type { RunRecord } from './run-record';

/** One run as the index lists it. */
export interface IndexEntry {
  /** The report's file name, beside index.html. */
  file: string;
  runId: string;
  startedAt: string;
  outputs: string[];
  status: 'succeeded' | 'failed';
  durationMs: number;
  /** `node check` of every failed check. */
  failedChecks: string[];
}

export const INDEX_FILE = 'index.html';

export function indexEntry(file: string, run: RunRecord): IndexEntry {
  return {
    file, runId: run.runId, startedAt: run.startedAt, outputs: run.outputs, status: run.status, durationMs: run.durationMs,
    failedChecks: run.checks.filter((c) => !c.passed).map((c) => `${c.node} ${c.check}`),
  };
}

function indexPage(entries: readonly IndexEntry[]): string {
  const rows = entries.map((e) => `<tr class="run ${e.status}"><td><a href="${encodeURI(e.file)}">${escapeHtml(e.startedAt)}</a></td>`
    + `<td>${escapeHtml(e.outputs.join(', '))}</td><td class="status">${e.status}</td><td>${formatDuration(e.durationMs)}</td>`
    + `<td>${escapeHtml(e.failedChecks.join('; ')) || '<span class="muted">none</span>'}</td></tr>`).join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>hamilton-ts runs</title>
<style>
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 20px; color: #1a202c; }
table { border-collapse: collapse; } th, td { border: 1px solid #e2e8f0; padding: 4px 10px; text-align: left; }
th { background: #edf2f7; } tr.failed td.status { color: #c53030; font-weight: 600; } tr.succeeded td.status { color: #2f855a; }
.muted { color: #718096; }
</style></head>
<body><h1>hamilton-ts runs</h1>
<p class="muted">${entries.length} run${entries.length === 1 ? '' : 's'}, newest first.</p>
<table id="runs"><tr><th>when</th><th>outputs</th><th>status</th><th>duration</th><th>failed checks</th></tr>
${rows}
</table>
<script type="application/json" id="hamilton-runs">${scriptJson(entries)}</script>
</body></html>
`;
}

/** The reports of the directory the index does not list, from the record each report page carries. */
function unlistedReports(dir: string, listed: ReadonlySet<string>): IndexEntry[] {
  const entries: IndexEntry[] = [];
  for (const name of fs.readdirSync(dir)) {
    if (!name.endsWith('.html') || name === INDEX_FILE || name.startsWith('.') || listed.has(name)) continue;
    let run: unknown;
    try {
      run = readScriptJson(fs.readFileSync(path.join(dir, name), 'utf8'), 'hamilton-run');
    } catch {
      continue; // gone meanwhile, or not readable: not a report to list
    }
    const record = run as RunRecord | undefined;
    if (typeof record?.runId === 'string' && typeof record.startedAt === 'string' && Array.isArray(record.checks)) entries.push(indexEntry(name, record));
  }
  return entries;
}

/**
 * Adds a run to the index.html of its report's directory (made if missing):
 * the runs it listed whose reports still exist, this one in place of an
 * earlier report of the same file, newest first. Reports in the directory
 * it does not list are added from their own records: when two processes
 * race on the index and one's update is lost, the next update restores it.
 */
export function updateIndex(dir: string, entry: IndexEntry): string {
  const file = path.join(dir, INDEX_FILE);
  let previous: IndexEntry[] = [];
  if (fs.existsSync(file)) {
    const listed = readScriptJson(fs.readFileSync(file, 'utf8'), 'hamilton-runs');
    if (Array.isArray(listed)) previous = listed as IndexEntry[];
  }
  const kept = previous.filter((e) => typeof e?.file === 'string' && e.file !== entry.file && fs.existsSync(path.join(dir, e.file)));
  const found = unlistedReports(dir, new Set([entry.file, ...kept.map((e) => e.file)]));
  const entries = [entry, ...kept, ...found].sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0));
  writeAtomically(file, indexPage(entries));
  return file;
}

/** Written beside under a name no other process or write uses, then renamed: a reader never sees half a page, and a failure leaves nothing behind. */
export function writeAtomically(file: string, text: string): void {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Math.random().toString(36).slice(2, 10)}.tmp`);
  try {
    fs.writeFileSync(temporary, text);
    fs.renameSync(temporary, file);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
