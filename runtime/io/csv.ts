import * as aq from 'arquero';
import { parse, CsvError } from 'csv-parse/sync';
import type { Table } from '../values/values';
import { FileFormatError } from './io-errors';
import { typedColumn } from './csv-types';

/**
 * Collects a CSV file's records into columns, one record at a time (so a
 * stream can feed it as well as a string): the first record is the header,
 * whose names must be unique.
 */
class CsvColumns {
  private names: string[] = [];
  private fields: string[][] = [];

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

  row(record: string[]): void {
    for (let i = 0; i < this.names.length; i++) this.fields[i].push(record[i] ?? '');
  }

  table(): Table {
    // Names passed apart: an object alone would put names like '2024' first.
    return aq.table(new Map(this.names.map((name, i) => [name, typedColumn(this.fields[i])])), this.names);
  }
}

/**
 * A CSV file's text as a table: a header line of unique column names, then
 * one record per line (quoted fields may span lines). Values are typed per
 * column as Arquero's fromCSV types them (see typedColumn).
 */
export function readCsv(text: string, file: string): Table {
  const columns = new CsvColumns(file);
  try {
    parse(text, {
      bom: true,
      relax_column_count: true,
      on_record: (record: string[], { records }) => {
        if (records === 1) columns.header(record);
        else columns.row(record);
        return null;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw new FileFormatError(file, 'CSV', 'malformed', error.message, undefined, { cause: error });
    throw error;
  }
  return columns.table();
}
