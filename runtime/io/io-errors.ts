import { HamiltonError } from '../errors';

/** The formats a file can be read from as a table. */
export type FileFormat = 'CSV' | 'JSON' | 'Arrow';

/**
 * Where in a file: a line (CSV and JSON text, counting from 1, the header is
 * line 1), with a column for JSON syntax errors; or a row (JSON records and
 * Arrow, counting from 1, the first record is row 1).
 */
export type FileLocation = { line: number; column?: number } | { row: number };

export function formatLocation(location: FileLocation): string {
  if ('row' in location) return `row ${location.row}`;
  return location.column === undefined ? `line ${location.line}` : `line ${location.line}, column ${location.column}`;
}

/** What is wrong with a file, as a stable code to match on (the message may be reworded). */
export type FileProblem = 'empty' | 'duplicate-column' | 'ragged-row' | 'malformed' | 'not-a-table';

/**
 * A file whose bytes are not a table of its format: names the file, the
 * format, where in the file when there is a place, and what is wrong.
 */
export class FileFormatError extends HamiltonError {
  constructor(
    readonly file: string,
    readonly format: FileFormat,
    readonly problem: FileProblem,
    readonly detail: string,
    readonly location?: FileLocation,
    options?: { cause?: unknown },
  ) {
    super(`${format} file '${file}'${location ? ` ${formatLocation(location)}` : ''}: ${detail}`, options);
  }
}
