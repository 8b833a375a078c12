import type { Table } from '../values/values';
import type { FileFormat, FileLocation } from './io-errors';

/** A table read from a file, with what it takes to point a user back into the file. */
export interface FileTable {
  file: string;
  format: FileFormat;
  table: Table;
  /** Where a row (counting from 0) is in the file: its line in CSV, its row counted from 1 in JSON and Arrow. */
  locate(row: number): FileLocation;
  /** CSV: every value was text, typed a column at a time, so one odd value leaves its whole column text. */
  typedFromText: boolean;
}

/** `locate` for files of records: the first record is row 1. */
export const rowFromOne = (row: number): FileLocation => ({ row: row + 1 });
