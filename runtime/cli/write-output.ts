import { toJsonRows, toParquet } from '../io';
import { toTypedArrowIPC } from '../io/arrow-encode';
import { toCsv } from '../io/csv-write';
import type { Table } from '../values/values';
import { byExtension, writeUserFile } from './files';

const toArrowFile = (table: Table) => toTypedArrowIPC(table, 'file');

/** The writers, by extension. JSON is written as rows, `[{"a": 1, ...}, ...]`, always valid (see toJsonRows). */
const WRITERS: Readonly<Record<string, (table: Table) => string | Uint8Array>> = {
  '.csv': (table) => toCsv(table),
  '.json': toJsonRows,
  '.arrow': toArrowFile,
  '.feather': toArrowFile,
  // Snappy-compressed, strings dictionary-encoded: the parquet saver's defaults.
  '.parquet': (table) => toParquet(table),
};

/**
 * A writer for the format the file's extension names; asked for before the
 * run, so that a wrong extension is reported before any work is done.
 */
export function tableWriter(file: string): (table: Table) => void {
  const encode = byExtension(file, 'output file', WRITERS);
  return (table) => writeUserFile(file, 'output file', encode(table));
}

/** The table as a Markdown table for the terminal: the first `limit` rows, and how many were left out. */
export function formatTable(table: Table, limit: number): string {
  const rows = table.numRows();
  const text = table.toMarkdown({ limit }).trimEnd();
  if (rows <= limit) return text;
  return `${text}\n… ${rows - limit} more rows (${rows} in all); write them all with --out`;
}

/** `run`'s table: written to `out` (when a writer was made for it) with a line saying so, else printed up to `limit` rows. */
export function emitTable(table: Table, write: ((table: Table) => void) | undefined, out: string | undefined, limit: number): void {
  if (write) {
    write(table);
    process.stdout.write(`wrote ${table.numRows()} rows × ${table.numCols()} columns to ${out}\n`);
  } else {
    process.stdout.write(`${formatTable(table, limit)}\n`);
  }
}
