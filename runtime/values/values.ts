import type { ColumnTable } from 'arquero';

export type TypedArray =
  | Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array
  | Int8Array | Uint8Array | Uint8ClampedArray | BigInt64Array | BigUint64Array;

/**
 * A column of the dataflow's table, stored as Arquero stores columns: a typed
 * array (`Float64Array`, …) or a plain array, which may hold nulls. Every
 * `Column` in one run has the same length; use `T[]` or a typed array for
 * free-sized vectors. Read-only: a node returns a new column rather than
 * changing the one it was given. The methods are the ones arrays and typed
 * arrays share, so either can be passed and returned.
 */
export interface Column<T = unknown> extends Iterable<T> {
  readonly length: number;
  readonly [index: number]: T;
  at(index: number): T | undefined;
  slice(start?: number, end?: number): Column<T>;
  map(fn: (value: T, index: number) => T): Column<T>;
  filter(predicate: (value: T, index: number) => unknown): Column<T>;
  reduce<U>(fn: (accumulator: U, value: T, index: number) => U, initial: U): U;
  forEach(fn: (value: T, index: number) => void): void;
  some(predicate: (value: T, index: number) => unknown): boolean;
  every(predicate: (value: T, index: number) => unknown): boolean;
  indexOf(value: T, fromIndex?: number): number;
  includes(value: T, fromIndex?: number): boolean;
}

/**
 * The return type of a node that fans out: each item runs everything
 * downstream of it, up to a `Collect<T>` parameter, once. Return an array or
 * any iterable.
 */
export interface Parallelizable<T> extends Iterable<T> {}

/** A parameter that gathers, in item order, the values a fan-out computed once per item. */
export interface Collect<T> extends ReadonlyArray<T> {}

/**
 * An Arquero table. `Table<{ spend: number; region: string }>` also states
 * each column's element type: the transformer reads it (for @extractColumns
 * and the graph's type checks); TypeScript itself sees a plain ColumnTable.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export type Table<Columns extends object = object> = ColumnTable;

export type Scalar = number | string | boolean | bigint | Date;

export function isTypedArray(value: unknown): value is TypedArray {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

export function isBigIntArray(value: unknown): value is BigInt64Array | BigUint64Array {
  return value instanceof BigInt64Array || value instanceof BigUint64Array;
}

export function isColumnLike(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || isTypedArray(value);
}

/** A column of an Arrow-backed table (a flechette `Column`, Arquero's dictionary wrapper): `at(i)`, `toArray()`, no `[i]`. */
export function isArrowColumn(value: unknown): value is { length: number; at(i: number): unknown; toArray(): ArrayLike<unknown> } {
  return typeof value === 'object' && value !== null && !isColumnLike(value)
    && typeof (value as { toArray?: unknown }).toArray === 'function'
    && typeof (value as { at?: unknown }).at === 'function'
    && typeof (value as { length?: unknown }).length === 'number';
}

export function isTable(value: unknown): value is ColumnTable {
  return typeof value === 'object' && value !== null
    && typeof (value as ColumnTable).columnNames === 'function'
    && typeof (value as ColumnTable).numRows === 'function';
}

/** 'a string', 'a Float64Array of 6 values', 'a Table of 2 columns × 6 rows' — for messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (isTypedArray(value)) return `a ${value.constructor.name} of ${value.length} values`;
  if (Array.isArray(value)) return `an array of ${value.length} values`;
  if (isTable(value)) return `a Table of ${value.numCols()} columns × ${value.numRows()} rows`;
  if (value instanceof Date) return 'a Date';
  const type = typeof value;
  if (type === 'object') {
    const name = (value as object).constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : 'an object';
  }
  return `${/^[aeiou]/.test(type) ? 'an' : 'a'} ${type} (${String(value).slice(0, 40)})`;
}

/**
 * A column as nodes receive it: a typed array or plain array. Arrow-backed
 * columns (tables from `fromArrow`, `loadArrow`, Parquet readers, or that
 * crossed threads as Arrow IPC) are flechette `Column`s or Arquero's
 * dictionary wrappers, whose `[i]` is undefined: their `toArray()` gives the
 * Arrow batch's own typed array when the column is numeric without nulls
 * (no copy), else an array with nulls and decoded strings.
 */
export function columnArray(column: unknown): ArrayLike<unknown> {
  if (isColumnLike(column)) return column;
  const toArray = (column as { toArray?: () => ArrayLike<unknown> } | null)?.toArray;
  return typeof toArray === 'function' ? toArray.call(column) : Array.from(column as Iterable<unknown>);
}

/** One column of a table as an array (see columnArray), or undefined if it has none of that name. */
export function tableColumn(table: ColumnTable, name: string): ArrayLike<unknown> | undefined {
  const column = table.column(name) as unknown;
  if (column === undefined) return undefined;
  // A filtered or ordered view keeps all rows in its raw columns.
  return table.isFiltered() || table.isOrdered() ? table.array(name) : columnArray(column);
}

/**
 * A table's columns as plain or typed arrays, without copying where Arquero
 * already holds one. Filtered or ordered tables are materialised first,
 * since their raw columns still hold the rows the view hides.
 */
export function tableColumns(table: ColumnTable): Record<string, ArrayLike<unknown>> {
  const source = table.isFiltered() || table.isOrdered() ? table.reify() : table;
  const columns: Record<string, ArrayLike<unknown>> = {};
  for (const name of source.columnNames()) columns[name] = columnArray(source.column(name));
  return columns;
}
