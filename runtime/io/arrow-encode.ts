import * as aq from 'arquero';
import type * as flechette from '@uwdata/flechette';
import { tableColumns, type Table } from '../values/values';
import { untypedColumnTypes } from './arrow-column-types';
import { TableEncodeError } from './io-errors';

export type ArrowTable = ReturnType<typeof aq.toArrow>;
/** The format a table is encoded through Arrow for, as its errors name it. */
type EncodedAs = 'Arrow' | 'Parquet';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

const kindOf = (v: unknown): string => (v instanceof Date ? 'Dates' : Array.isArray(v) ? 'arrays' : v === null || typeof v !== 'object' ? `${typeof v}s` : 'objects');

/**
 * Why Arrow refused a column, in words: the encoder says only `Mixed types
 * detected`, or `The number NaN cannot be converted to a BigInt`, naming no column.
 */
function columnProblem(values: ArrayLike<unknown>, as: EncodedAs, error: unknown): string {
  const kinds = new Set<string>();
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) kinds.add(kindOf(values[i]));
  if (kinds.size > 1) return `holds ${[...kinds].join(' and ')}; a${as === 'Arrow' ? 'n' : ''} ${as} column holds values of one type`;
  for (let row = 0; row < values.length; row++) {
    const v = values[row];
    if (v instanceof Date && Number.isNaN(v.getTime())) return `holds an invalid Date at row ${row + 1}; a timestamp column holds valid Dates (or null for none)`;
    if (typeof v === 'bigint' && (v < INT64_MIN || v > INT64_MAX)) return `holds ${v} at row ${row + 1}, beyond 64 bits; an int64 column holds -2^63 to 2^63 - 1`;
  }
  return `cannot be encoded: ${(error as Error)?.message ?? error}`;
}

/** The column that fails to encode alone (the first such), and why; undefined if each encodes alone. */
function failingColumn(table: Table, types: Record<string, flechette.DataType>, as: EncodedAs): [string, string] | undefined {
  const columns = tableColumns(table);
  for (const name of table.columnNames()) {
    try {
      aq.toArrow(table.select(name), { types: Object.hasOwn(types, name) ? { [name]: types[name] } : {} });
    } catch (error) {
      return [name, columnProblem(columns[name], as, error)];
    }
  }
  return undefined;
}

/** Runs an Arrow encoding; a failure is a TableEncodeError naming the column and what it should hold. */
function encoding<T>(table: Table, as: EncodedAs, encode: (types: Record<string, flechette.DataType>) => T): T {
  const types = untypedColumnTypes(table);
  try {
    return encode(types);
  } catch (error) {
    const failing = failingColumn(table, types, as);
    throw new TableEncodeError(as, failing?.[0], failing?.[1] ?? `failed: ${(error as Error)?.message ?? error}`, { cause: error });
  }
}

/** The table as an Arrow table, every column typed (see untypedColumnTypes). */
export const toTypedArrow = (table: Table, as: EncodedAs = 'Arrow'): ArrowTable =>
  encoding(table, as, (types) => aq.toArrow(table, { types }));

/** The table as Arrow IPC bytes, every column typed (see untypedColumnTypes). */
export const toTypedArrowIPC = (table: Table, format: 'file' | 'stream' = 'file', as: EncodedAs = 'Arrow'): Uint8Array =>
  encoding(table, as, (types) => aq.toArrowIPC(table, { format, types }) as Uint8Array);
