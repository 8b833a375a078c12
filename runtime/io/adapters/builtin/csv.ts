import { readCsv } from '../../csv';
import { toCsv } from '../../csv-write';
import type { Table } from '../../../values/values';
import type { DataLoader, DataSaver } from '../data-adapter';
import { readSource, writeAtomically } from '../file-access';
import { tableSummary } from '../table-summary';

export interface CsvLoadOptions {
  path: string;
  /** The field separator (default `,`). */
  delimiter?: string;
}

export interface CsvSaveOptions {
  path: string;
  /** The field separator (default `,`). */
  delimiter?: string;
}

const checkDelimiter = ({ delimiter }: { delimiter?: string }): ['delimiter', string] | undefined =>
  (delimiter !== undefined && (typeof delimiter !== 'string' || delimiter.length !== 1) ? ['delimiter', `must be one character, not ${JSON.stringify(delimiter)}`] : undefined);

/** What the csv loader and saver share: a table in a file with a header line, and its delimiter. */
const CSV_FILE = {
  appliesTo: ['table'],
  defaults: { delimiter: ',' },
  required: ['path'],
  description: 'a CSV file with a header line',
  checkOptions: checkDelimiter,
} as const;

/** A CSV file with a header line as a table, each column typed as a whole (Hamilton's `csv`, pandas' read_csv). */
export const csvLoader: DataLoader<CsvLoadOptions, Table> = {
  name: 'csv',
  ...CSV_FILE,
  load: ({ path, delimiter }, context) => {
    const bytes = readSource('csv', path, context);
    const { table } = readCsv(bytes.toString('utf8'), path, { delimiter });
    return [table, { path, bytes: bytes.length, ...tableSummary(table) }];
  },
};

/** A table as a CSV file with a header line (Hamilton's `csv`, pandas' to_csv). */
export const csvSaver: DataSaver<CsvSaveOptions, Table> = {
  name: 'csv',
  ...CSV_FILE,
  save: async (table, { path, delimiter }, context) => {
    const bytes = await writeAtomically('csv', path, context, toCsv(table, { delimiter }));
    return { path, bytes, ...tableSummary(table) };
  },
};
