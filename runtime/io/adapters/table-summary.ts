import { isTable, isTypedArray, tableColumns, type Table } from '../../values/values';
import type { ColumnSummary } from './data-adapter';

const TYPED_NAMES: Readonly<Record<string, string>> = {
  Float64Array: 'float64', Float32Array: 'float32', Int32Array: 'int32', Uint32Array: 'uint32', Int16Array: 'int16',
  Uint16Array: 'uint16', Int8Array: 'int8', Uint8Array: 'uint8', Uint8ClampedArray: 'uint8', BigInt64Array: 'int64', BigUint64Array: 'uint64',
};

/** A value's type as metadata names it, Arrow's names where they exist. */
function valueType(value: unknown): string {
  if (typeof value === 'number') return 'float64';
  if (typeof value === 'string') return 'utf8';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'bigint') return 'int64';
  if (value instanceof Date) return 'timestamp';
  return Array.isArray(value) ? 'list' : 'struct';
}

/** A column's type: the typed array's, else the one kind its values share, `mixed` for several, `null` for none. */
export function columnType(values: ArrayLike<unknown>): string {
  if (isTypedArray(values)) return TYPED_NAMES[values.constructor.name] ?? values.constructor.name;
  let type: string | undefined;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) continue;
    const t = valueType(value);
    if (type === undefined) type = t;
    else if (t !== type) return 'mixed';
  }
  return type ?? 'null';
}

/** Rows and typed columns of a table, for an adapter's metadata. */
export function tableSummary(table: Table): { rows: number; columns: ColumnSummary[] } {
  const columns = Object.entries(tableColumns(table)).map(([name, values]) => ({ name, type: columnType(values) }));
  return { rows: table.numRows(), columns };
}

/** Rows and columns of a value when it is a table, else nothing: metadata for adapters of any value. */
export const valueSummary = (value: unknown): { rows?: number; columns?: ColumnSummary[] } => (isTable(value) ? tableSummary(value) : {});
