import { readJson, toJsonColumns, toJsonRows } from '../../json';
import type { Table } from '../../../values/values';
import type { DataLoader, DataSaver } from '../data-adapter';
import { readSource, writeAtomically } from '../file-access';
import { tableSummary } from '../table-summary';

/** How a table is laid out in JSON: `[{"a": 1}, …]` (rows, pandas' orient="records") or `{"a": [1, …]}` (columns). */
export type JsonOrient = 'rows' | 'columns';

export interface JsonLoadOptions {
  /** A file of row objects or of column arrays (told apart by its shape). */
  path: string;
}

export interface JsonSaveOptions {
  path: string;
  /** Rows or columns (default `'rows'`). */
  orient?: JsonOrient;
}

/** A JSON file of row objects or column arrays as a table (Hamilton's `json`). */
export const jsonLoader: DataLoader<JsonLoadOptions, Table> = {
  name: 'json',
  appliesTo: ['table'],
  defaults: {},
  required: ['path'],
  description: 'a JSON file: an array of row objects or an object of column arrays',
  load: ({ path }, context) => {
    const bytes = readSource('json', path, context);
    const { table } = readJson(bytes.toString('utf8'), path);
    return [table, { path, bytes: bytes.length, ...tableSummary(table) }];
  },
};

/** A table as a JSON file of rows or columns; NaN and missing values are null (Hamilton's `json`). */
export const jsonSaver: DataSaver<JsonSaveOptions, Table> = {
  name: 'json',
  appliesTo: ['table'],
  defaults: { orient: 'rows' },
  required: ['path'],
  description: 'a JSON file of rows or of columns',
  checkOptions: ({ orient }) => (orient !== undefined && orient !== 'rows' && orient !== 'columns' ? ['orient', `must be 'rows' or 'columns', not ${JSON.stringify(orient)}`] : undefined),
  save: async (table, { path, orient }, context) => {
    const text = orient === 'columns' ? toJsonColumns(table) : toJsonRows(table);
    const bytes = await writeAtomically('json', path, context, text);
    return { path, bytes, ...tableSummary(table), details: { orient } };
  },
};
