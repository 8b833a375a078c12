import * as aq from 'arquero';
import type { Table } from '../values/values';
import { jsonValue } from './json';

/**
 * A cell as CSV text is written by the JSON writer's rules where Arquero's own
 * would lose it: an object or an array is its JSON text (not `[object Object]`,
 * nor `1,2`), an invalid Date is empty (not `Invalid Date`, which turned its
 * whole column into text on reading). Valid Dates, numbers, bigints and text
 * are left to Arquero.
 */
function csvCell(value: unknown): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'object' && value !== null) return JSON.stringify(value, jsonValue);
  return value;
}

/** A table as CSV text with a header line (Arquero's toCSV, cells as csvCell writes them). */
export function toCsv(table: Table, { delimiter = ',' }: { delimiter?: string } = {}): string {
  const format = Object.fromEntries(table.columnNames().map((name) => [name, csvCell]));
  return aq.toCSV(table, { delimiter, format });
}
