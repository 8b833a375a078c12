import { readCsv } from '../io/csv';
import { toCsv } from '../io/csv-write';
import { readParquet, toParquet } from '../io/parquet';
import { describeValue, isTable, type Table } from '../values/values';
import { MissingPeerDependencyError } from '../executors/distributed/distributed-peers';
import { CacheFormatError } from './cache-errors';
import { dataVersion } from './fingerprint';

/** The result formats written by the I/O adapters' codecs (runtime/io/adapters/builtin: parquet, csv): tables only. */
export type TableFormat = 'parquet' | 'csv';

const CODECS: Readonly<Record<TableFormat, { encode(table: Table): Uint8Array; decode(bytes: Uint8Array, file: string): Table; note: string }>> = {
  // The parquet saver's and loader's own encoding (snappy, dictionary-encoded strings), from bytes rather than a file.
  parquet: {
    encode: (table) => toParquet(table),
    decode: (bytes, file) => readParquet(bytes, file).table,
    note: 'Parquet',
  },
  csv: {
    encode: (table) => Buffer.from(toCsv(table), 'utf8'),
    decode: (bytes, file) => readCsv(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8'), file).table,
    note: 'CSV (every value text, typed again a column at a time on reading)',
  },
};

/**
 * A table result in an adapter format. The bytes are decoded again before
 * they are stored: a table whose values the format does not give back (CSV's
 * text loses a Date, a numeric-looking string) is a CacheFormatError naming
 * the node, never a different value on the next hit. Array types may change:
 * CSV reads numbers back as number arrays, Parquet int64 as BigInt64Array.
 */
export function encodeTable(node: string, format: TableFormat, value: unknown): Uint8Array {
  if (!isTable(value)) throw new CacheFormatError(node, format, `${format} holds tables, but the result is ${describeValue(value)}; use format 'auto'`);
  const codec = CODECS[format];
  let bytes: Uint8Array;
  let back: Table;
  try {
    bytes = codec.encode(value);
    back = codec.decode(bytes, `(${node}'s result)`);
  } catch (error) {
    if (error instanceof MissingPeerDependencyError) throw error;
    throw new CacheFormatError(node, format, `${codec.note} cannot hold this table (${(error as Error)?.message ?? String(error)}); use format 'auto'`);
  }
  const changed = changedColumn(value, back);
  if (changed) throw new CacheFormatError(node, format, `${codec.note} does not hold this table exactly (${changed}); use format 'auto' or 'arrow'`);
  return bytes;
}

export function decodeTable(format: TableFormat, payload: Uint8Array, file: string): Table {
  return CODECS[format].decode(payload, file);
}

/** A column's values as a plain array: a Float64Array and the number array CSV reads back hold the same values. */
const valuesOf = (table: Table, name: string): string | undefined => dataVersion(Array.from(table.array(name) as ArrayLike<unknown>));

/** The first column the round trip changed (its values, not its array type), in words; undefined when none did. */
function changedColumn(before: Table, after: Table): string | undefined {
  const names = before.columnNames();
  if (after.columnNames().join('\0') !== names.join('\0')) return `its columns ${names.join(', ')} read back as ${after.columnNames().join(', ')}`;
  if (after.numRows() !== before.numRows()) return `${before.numRows()} rows read back as ${after.numRows()}`;
  for (const name of names) {
    if (valuesOf(before, name) !== valuesOf(after, name)) return `column '${name}' reads back different: ${describeValue(before.array(name))} became ${describeValue(after.array(name))}`;
  }
  return undefined;
}
