import { isColumnLike, isTable } from '../values/values';

/** Numbers of a column: over its finite values; NaN counted apart. */
export interface NumberStats {
  min: number;
  max: number;
  mean: number;
  nan: number;
}

/**
 * What a run report shows of a value: its kind, and for columns and tables
 * their length, nulls, number statistics and first rows; for a scalar, its
 * text. Plain JSON, so it embeds in the page as it is.
 */
export interface ValueDigest {
  kind: string;
  /** A scalar's value, or a short text of an object. */
  text?: string;
  length?: number;
  /** Null and undefined entries (a table: per column). */
  nulls?: number;
  numbers?: NumberStats;
  /** A table's columns, each with its own digest. */
  columns?: Record<string, ValueDigest>;
  /** The first rows of a table, or the first values of a column, as text. */
  head?: string[][] | string[];
}

/** How many rows or values a digest keeps. */
export const HEAD_ROWS = 5;
const TEXT_LIMIT = 200;

const clip = (text: string): string => (text.length > TEXT_LIMIT ? `${text.slice(0, TEXT_LIMIT - 1)}…` : text);

function show(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  try {
    return JSON.stringify(value, (_, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** One pass over a column: nulls, and min / max / mean of the numbers when every non-null value is one. */
function digestColumn(values: ArrayLike<unknown>, kind: string): ValueDigest {
  let nulls = 0;
  let nan = 0;
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let numeric = true;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      nulls++;
    } else if (typeof v === 'number') {
      if (Number.isNaN(v)) {
        nan++;
        continue;
      }
      count++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    } else {
      numeric = false;
    }
  }
  const head = Array.from({ length: Math.min(values.length, HEAD_ROWS) }, (_, i) => clip(show(values[i])));
  const digest: ValueDigest = { kind, length: values.length, nulls, head };
  if (numeric && count + nan > 0) digest.numbers = { min: count ? min : NaN, max: count ? max : NaN, mean: count ? sum / count : NaN, nan };
  return digest;
}

/** The digest of any node value: reads each element once for columns and tables (a report is opt-in). */
export function digestValue(value: unknown): ValueDigest {
  if (isTable(value)) {
    const names = value.columnNames();
    const columns: Record<string, ValueDigest> = {};
    for (const name of names) columns[name] = digestColumn(value.array(name) as ArrayLike<unknown>, 'column');
    const rows = Math.min(value.numRows(), HEAD_ROWS);
    const head = [names, ...Array.from({ length: rows }, (_, r) => names.map((n) => clip(show(value.get(n, r)))))];
    return { kind: 'table', length: value.numRows(), nulls: Object.values(columns).reduce((s, c) => s + (c.nulls ?? 0), 0), columns, head };
  }
  if (isColumnLike(value)) return digestColumn(value, Array.isArray(value) ? 'array' : value.constructor.name);
  if (value === null || value === undefined) return { kind: String(value) };
  if (value instanceof Date) return { kind: 'date', text: value.toISOString() };
  const type = typeof value;
  if (type !== 'object' && type !== 'function') return { kind: type, text: clip(show(value)) };
  const name = (value as object).constructor?.name;
  return { kind: name && name !== 'Object' ? name : 'object', text: clip(show(value)) };
}
