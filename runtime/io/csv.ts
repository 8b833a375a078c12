import * as aq from 'arquero';
import { parse, CsvError } from 'csv-parse/sync';
import type { FileTable } from './file-table';
import { FileFormatError } from './io-errors';
import { typedColumn } from './text-values';

/**
 * Collects a CSV file's records into columns, one record at a time (so a
 * stream can feed it as well as a string): the first record is the header,
 * whose names must be unique.
 */
class CsvColumns {
  private names: string[] = [];
  private fields: string[][] = [];
  /** The line each data record starts on: a quoted field may span lines. */
  private readonly lines: number[] = [];

  constructor(private readonly file: string) {}

  header(record: string[]): void {
    const seen = new Map<string, number>();
    record.forEach((name, i) => {
      const first = seen.get(name);
      if (first !== undefined) {
        throw new FileFormatError(this.file, 'CSV', 'duplicate-column',
          `the header names column '${name}' twice (fields ${first + 1} and ${i + 1}); column names must be unique`, { line: 1 });
      }
      seen.set(name, i);
    });
    this.names = record;
    this.fields = record.map(() => []);
  }

  /** A data record; `line` is the line it starts on. */
  row(record: string[], line: number): void {
    if (record.length !== this.names.length) {
      const empty = record.length === 1 && record[0] === '';
      const got = empty ? 'the line is empty' : `${record.length} field${record.length === 1 ? '' : 's'}`;
      throw new FileFormatError(this.file, 'CSV', 'ragged-row', `${got}, but the header (line 1) names ${this.names.length} columns`, { line });
    }
    for (let i = 0; i < this.names.length; i++) this.fields[i].push(record[i]);
    this.lines.push(line);
  }

  fileTable(): FileTable {
    // Names passed apart: an object alone would put names like '2024' first.
    const table = aq.table(new Map(this.names.map((name, i) => [name, typedColumn(this.fields[i])])), this.names);
    return { file: this.file, format: 'CSV', table, locate: (row) => ({ line: this.lines[row] }), typedFromText: true };
  }
}

/** Blank lines at the very end are an editor's doing, not records. */
function withoutTrailingBlankLines(text: string): string {
  let end = text.length;
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  const lineBreak = text.slice(end).search(/[\r\n]/);
  return lineBreak < 0 ? text : text.slice(0, end + lineBreak);
}

/**
 * A CSV file's text as a table: a header line of unique column names, then
 * one record per line with a field for each (quoted fields may span lines).
 * A header alone is a table with no rows; a file without one is an error. Values are typed per
 * column as Arquero's fromCSV types them (see typedColumn). Fields are separated by `delimiter` (default `,`).
 */
export function readCsv(text: string, file: string, { delimiter = ',' }: { delimiter?: string } = {}): FileTable {
  // Without a header there is not even a table without rows: say so rather than make one of no columns.
  if (/^\ufeff?\s*$/.test(text)) throw new FileFormatError(file, 'CSV', 'empty', 'the file is empty; it needs a header line naming the columns');
  const columns = new CsvColumns(file);
  let lastLine = 0;
  try {
    parse(withoutTrailingBlankLines(text), {
      bom: true,
      delimiter,
      // Field counts are checked here, to name the line a record starts on (csv-parse names where it ends).
      relax_column_count: true,
      on_record: (record: string[], { records, lines }) => {
        if (records === 1) columns.header(record);
        else columns.row(record, lastLine + 1);
        lastLine = lines;
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new FileFormatError(file, 'CSV', 'malformed', error.message, undefined, { cause: error });
    throw error;
  }
  return columns.fileTable();
}
