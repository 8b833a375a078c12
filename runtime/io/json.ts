import * as aq from 'arquero';
import type { Table } from '../values/values';
import { rowFromOne, type FileTable } from './file-table';
import { FileFormatError } from './io-errors';
import { lineAndColumn, syntaxErrorOffset } from './json-syntax';
import { TEXT_READERS } from './text-values';

const SHAPES = 'an array of row objects ([{"a": 1}, …]) or an object of column arrays ({"a": [1, …]})';

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`);
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const offset = syntaxErrorOffset(text) ?? text.length;
    const detail = offset >= text.length ? 'the JSON ends too soon' : `not valid JSON: ${(error as Error).message}`;
    throw new FileFormatError(file, 'JSON', 'malformed', detail, lineAndColumn(text, offset), { cause: error });
  }
}

/** The column names of row objects: every key of every row, in the order they first appear. */
function rowKeys(file: string, rows: readonly unknown[]): string[] {
  const names = new Set<string>();
  rows.forEach((row, i) => {
    if (!isRecord(row)) throw new FileFormatError(file, 'JSON', 'not-a-table', `row ${i + 1} is ${kind(row)}; expected an object of column values, like {"a": 1}`);
    for (const key of Object.keys(row)) names.add(key);
  });
  return [...names];
}

function checkColumns(file: string, columns: Record<string, unknown>): void {
  let first: [string, number] | undefined;
  for (const [name, values] of Object.entries(columns)) {
    if (!Array.isArray(values)) throw new FileFormatError(file, 'JSON', 'not-a-table', `column '${name}' is ${kind(values)}; expected an array of the column's values`);
    if (!first) first = [name, values.length];
    else if (values.length !== first[1]) {
      throw new FileFormatError(file, 'JSON', 'not-a-table',
        `column '${name}' has ${values.length} value${values.length === 1 ? '' : 's'}, but column '${first[0]}' has ${first[1]}`);
    }
  }
}

/** As Arquero's fromJSON does: a string holding an ISO date (not only digits) is that Date. */
const withDates = (values: readonly unknown[]): unknown[] =>
  values.map((v) => (typeof v === 'string' && !/^\d+$/.test(v) && TEXT_READERS.date.reads(v) ? TEXT_READERS.date.read(v) : v));

// Names passed apart: an object alone would put names like '2024' first.
const tableOf = (names: readonly string[], column: (name: string) => readonly unknown[]): Table =>
  aq.table(new Map(names.map((name) => [name, withDates(column(name))])), [...names]);

/**
 * A JSON file's text as a table: an array of row objects (a key a row leaves
 * out is missing there) or an object of equally long column arrays. Values
 * are as Arquero's fromJSON gives them (ISO date strings become Dates).
 */
export function readJson(text: string, file: string): FileTable {
  const json = parseJson(text, file);
  const read = (table: Table): FileTable => ({ file, format: 'JSON', table, locate: rowFromOne, typedFromText: false });
  if (Array.isArray(json)) return read(tableOf(rowKeys(file, json), (name) => json.map((row) => (Object.hasOwn(row, name) ? row[name] : undefined))));
  if (!isRecord(json)) throw new FileFormatError(file, 'JSON', 'not-a-table', `expected ${SHAPES}, but it holds ${kind(json)}`);
  checkColumns(file, json);
  return read(tableOf(Object.keys(json), (name) => json[name] as unknown[]));
}

/**
 * What JSON.stringify would drop or fail on: undefined (a key it leaves out) is null, a BigInt
 * its digits as a string (a number could lose them). NaN, ±Infinity and Dates it already handles.
 */
export const jsonValue = (_key: string, value: unknown): unknown => (value === undefined ? null : typeof value === 'bigint' ? value.toString() : value);

/**
 * A table as JSON rows, `[{"a": 1, …}, …]`, that JSON.parse always reads:
 * every row has every column; NaN, ±Infinity, undefined and null are null;
 * Dates are ISO 8601 strings (an invalid Date is null); BigInts are strings
 * of their digits; objects and arrays in cells by the same rules.
 */
export function toJsonRows(table: Table): string {
  const names = table.columnNames();
  const rows: string[] = [];
  table.scan((row) => {
    const record: Record<string, unknown> = {};
    for (const name of names) record[name] = table.get(name, row!);
    rows.push(JSON.stringify(record, jsonValue));
  }, true);
  return rows.length ? `[\n${rows.join(',\n')}\n]\n` : '[]\n';
}

/**
 * A table as JSON columns, `{"a": [1, …], …}`, by the rules of toJsonRows (NaN and
 * missing values are null, Dates ISO strings, BigInts strings of their digits).
 */
export function toJsonColumns(table: Table): string {
  const columns = table.columnNames().map((name) => `${JSON.stringify(name)}: ${JSON.stringify(Array.from(table.array(name) as ArrayLike<unknown>), jsonValue)}`);
  return columns.length ? `{\n${columns.join(',\n')}\n}\n` : '{}\n';
}
