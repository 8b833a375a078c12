import { formatType, type TypeDescriptor } from '../contract/type-descriptor';
import { HamiltonError } from '../errors';
import { describeNode, type Node } from '../graph/node';
import { describeValue } from '../values/values';

/** The formats a file can be read from as a table. */
export type FileFormat = 'CSV' | 'JSON' | 'Arrow' | 'Parquet';

/**
 * Where in a file: a line (CSV and JSON text, counting from 1, the header is
 * line 1), with a column for JSON syntax errors; or a row (JSON records and
 * Arrow, counting from 1, the first record is row 1).
 */
export type FileLocation = { line: number; column?: number } | { row: number };

export function formatFileLocation(location: FileLocation): string {
  if ('row' in location) return `row ${location.row}`;
  return location.column === undefined ? `line ${location.line}` : `line ${location.line}, column ${location.column}`;
}

/** What is wrong with a file, as a stable code to match on (the message may be reworded). */
export type FileProblem = 'empty' | 'duplicate-column' | 'ragged-row' | 'malformed' | 'not-a-table' | 'unknown-column';

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
    super(`${format} file '${file}'${location ? ` ${formatFileLocation(location)}` : ''}: ${detail}`, options);
  }
}

/** What a CSV column is typed as when every value in it reads as one, by element kind. */
const TYPED_KINDS: Readonly<Record<string, string>> = { number: 'numbers', boolean: 'booleans', date: 'dates' };

/**
 * A value in an input file that is not what a node declares for its column:
 * names the file, the line or row, the column, the value and the node (the
 * runtime's InputTypeError, its `cause`, knows only the column's index).
 */
export class FileValueError extends HamiltonError {
  constructor(
    readonly file: string,
    readonly format: FileFormat,
    readonly location: FileLocation,
    readonly column: string,
    readonly value: unknown,
    readonly expected: TypeDescriptor,
    readonly consumer: Node,
    cause: unknown,
  ) {
    const element = expected.kind === 'column' || expected.kind === 'array' ? expected.element.kind : undefined;
    // Why a column of numbers but one came as text: CSV typing is all or nothing.
    const typed = format === 'CSV' && typeof value === 'string' && element ? TYPED_KINDS[element] : undefined;
    super(`${format} file '${file}' ${formatFileLocation(location)}: column '${column}' holds ${shown(value)}, `
      + `but node ${describeNode(consumer)} expects ${formatType(expected)}`
      + (typed ? `; a CSV column holds ${typed} only if every value in it is one` : ''), { cause });
  }
}

function shown(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid Date' : `the date ${value.toISOString()}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return describeValue(value);
}

/**
 * A table that cannot be written in a format as it is: names the node (when a saver runs
 * as one), the format, the column and what it should hold (a Parquet or Arrow column
 * holds values of one type, a timestamp column valid Dates, an int64 column 64 bits).
 */
export class TableEncodeError extends HamiltonError {
  constructor(
    readonly format: FileFormat,
    readonly column: string | undefined,
    readonly detail: string,
    options?: { cause?: unknown },
    readonly node?: string,
  ) {
    super(`${node ? `node '${node}': ` : ''}cannot write the table as ${format}${column === undefined ? ':' : `: column '${column}'`} ${detail}`, options);
  }

  /** The same error, told as node `node`'s (a saver's encoder knows no node; runSaver does). */
  atNode(node: string): TableEncodeError {
    return new TableEncodeError(this.format, this.column, this.detail, { cause: this.cause }, node);
  }
}
