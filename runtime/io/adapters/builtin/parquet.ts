import { loadParquet, PARQUET_COMPRESSIONS, PARQUET_WRITE_DEFAULTS, toParquet, type ParquetCompression } from '../../parquet';
import type { Table } from '../../../values/values';
import type { DataLoader, DataSaver } from '../data-adapter';
import { readingFile, writeAtomically } from '../file-access';
import { tableSummary } from '../table-summary';

export interface ParquetLoadOptions {
  path: string;
  /** Read and decode only these columns, in this order (default every column). */
  columns?: string[];
}

export interface ParquetSaveOptions {
  path: string;
  /** The codec (default `'snappy'`): uncompressed, snappy, gzip, brotli, zstd or lz4. */
  compression?: ParquetCompression;
  /** Rows per row group at most (default 1,048,576). */
  rowGroupSize?: number;
  /** Dictionary-encode pages (default true). */
  dictionary?: boolean;
}

/** A Parquet file as a table, a row group at a time, only the columns asked for (Hamilton's `parquet`). */
export const parquetLoader: DataLoader<ParquetLoadOptions, Table> = {
  name: 'parquet',
  appliesTo: ['table'],
  defaults: { columns: undefined },
  required: ['path'],
  description: 'a Parquet file (optional peer: parquet-wasm)',
  checkOptions: ({ columns }) => (columns !== undefined && (!Array.isArray(columns) || columns.some((c) => typeof c !== 'string'))
    ? ['columns', 'must be an array of column names'] : undefined),
  load: async ({ path, columns }, context) => {
    const read = await readingFile('parquet', path, context, () => loadParquet(path, columns));
    return [read.table, { path, bytes: read.bytes, ...tableSummary(read.table), details: { rowGroups: read.rowGroups } }];
  },
};

/** A table as a Parquet file (Hamilton's `parquet`): dictionary-encoded strings, the codec chosen, row groups of a bounded size. */
export const parquetSaver: DataSaver<ParquetSaveOptions, Table> = {
  name: 'parquet',
  appliesTo: ['table'],
  defaults: { ...PARQUET_WRITE_DEFAULTS },
  required: ['path'],
  description: 'a Parquet file (optional peer: parquet-wasm)',
  checkOptions: ({ compression, rowGroupSize }) => {
    if (compression !== undefined && !PARQUET_COMPRESSIONS.includes(compression)) return ['compression', `must be one of ${PARQUET_COMPRESSIONS.join(', ')}, not ${JSON.stringify(compression)}`];
    if (rowGroupSize !== undefined && !(Number.isInteger(rowGroupSize) && rowGroupSize > 0)) return ['rowGroupSize', `must be a positive whole number, not ${JSON.stringify(rowGroupSize)}`];
    return undefined;
  },
  save: async (table, { path, compression, rowGroupSize, dictionary }, context) => {
    const bytes = await writeAtomically('parquet', path, context, toParquet(table, { compression, rowGroupSize, dictionary }));
    return { path, bytes, ...tableSummary(table), details: { compression, rowGroupSize } };
  },
};
