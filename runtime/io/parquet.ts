import * as fs from 'fs';
import { tableFromIPC } from '@uwdata/flechette';
import { tableFromArrow } from './arrow-table';
import { toTypedArrowIPC } from './arrow-encode';
import type { Table } from '../values/values';
import { rowFromOne, type FileTable } from './file-table';
import { FileFormatError } from './io-errors';
import { requirePeer } from './optional-peer';

/** The part of parquet-wasm (arrow-rs's Parquet, compiled to WebAssembly) used here: Arrow IPC in and out. */
interface ParquetWasm {
  readParquet(bytes: Uint8Array, options?: { batchSize?: number }): IpcSource;
  writeParquet(table: unknown, properties?: unknown): Uint8Array;
  readSchema(bytes: Uint8Array): IpcSource;
  ParquetFile: { fromFile(blob: Blob): Promise<ParquetFile> };
  Table: { fromIPCStream(bytes: Uint8Array): unknown };
  WriterPropertiesBuilder: new () => WriterPropertiesBuilder;
  Compression: Record<string, number>;
}
interface IpcSource { intoIPCStream(): Uint8Array }
interface ParquetFile {
  metadata(): { numRowGroups(): number; free(): void };
  schema(): IpcSource;
  read(options: { rowGroups?: number[]; columns?: string[]; batchSize?: number }): Promise<IpcSource>;
  free(): void;
}
interface WriterPropertiesBuilder {
  setCompression(value: number): WriterPropertiesBuilder;
  setMaxRowGroupSize(value: number): WriterPropertiesBuilder;
  setDictionaryEnabled(value: boolean): WriterPropertiesBuilder;
  setCreatedBy(value: string): WriterPropertiesBuilder;
  build(): unknown;
}

const FEATURE = 'Parquet files (the parquet loader and saver, .parquet in --inputs and --out)';
const parquetWasm = (): ParquetWasm => requirePeer<ParquetWasm>('parquet-wasm', FEATURE);

/** Parquet's compression codecs, as the `compression` option names them. */
export const PARQUET_COMPRESSIONS = ['uncompressed', 'snappy', 'gzip', 'brotli', 'zstd', 'lz4'] as const;
export type ParquetCompression = (typeof PARQUET_COMPRESSIONS)[number];

const CODECS: Readonly<Record<ParquetCompression, string>> = {
  uncompressed: 'UNCOMPRESSED', snappy: 'SNAPPY', gzip: 'GZIP', brotli: 'BROTLI', zstd: 'ZSTD', lz4: 'LZ4_RAW',
};

export interface ParquetWriteOptions {
  /** The codec every column is compressed with (default `'snappy'`, as pandas and DuckDB write). */
  compression?: ParquetCompression;
  /** At most this many rows per row group (default 1,048,576, arrow-rs's own). */
  rowGroupSize?: number;
  /** Dictionary-encode pages, falling back to plain when a dictionary grows too large (default true). */
  dictionary?: boolean;
}

export const PARQUET_WRITE_DEFAULTS: Required<ParquetWriteOptions> = { compression: 'snappy', rowGroupSize: 1_048_576, dictionary: true };

const MAGIC = Buffer.from('PAR1');
// Rows per Arrow batch handed out of WebAssembly: a batch per row group, not one per 1024 rows.
const BATCH_ROWS = 1 << 24;

/** What is wrong with the bytes before decoding: a clear word beats the decoder's. */
function framingProblem(head: Uint8Array, tail: Uint8Array, size: number): string | undefined {
  if (size === 0) return 'the file is empty';
  if (!Buffer.from(head).equals(MAGIC)) return 'it is not Parquet: it does not start with PAR1';
  if (size < 12 || !Buffer.from(tail).equals(MAGIC)) return 'the file is cut off: it does not end with PAR1';
  return undefined;
}

const decodeFailure = (file: string, error: unknown): FileFormatError =>
  new FileFormatError(file, 'Parquet', 'malformed', `it cannot be decoded: ${(error as Error)?.message ?? error}`, undefined, { cause: error });

/** The column names of an Arrow IPC stream holding a schema (and maybe no batch at all). */
const namesOf = (ipc: Uint8Array): string[] => tableFromIPC(ipc).schema.fields.map((f) => f.name);

/**
 * A Parquet file's bytes as a table, decoded whole in WebAssembly (the CLI's `--inputs`).
 * int64 columns read as BigInt, as in Arrow files; see loadParquet to read some columns only.
 */
export function readParquet(bytes: Uint8Array, file: string): FileTable {
  const problem = framingProblem(bytes.subarray(0, 4), bytes.subarray(-4), bytes.length);
  if (problem) throw new FileFormatError(file, 'Parquet', problem === 'the file is empty' ? 'empty' : 'malformed', problem);
  const wasm = parquetWasm();
  let streams: Uint8Array[];
  try {
    streams = [wasm.readParquet(bytes, { batchSize: BATCH_ROWS }).intoIPCStream()];
  } catch (error) {
    throw decodeFailure(file, error);
  }
  return { file, format: 'Parquet', table: tableFromArrow(streams), locate: rowFromOne, typedFromText: false };
}

function readEnds(file: string): [Buffer, Buffer, number] {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const head = Buffer.alloc(Math.min(4, size));
    const tail = Buffer.alloc(Math.min(4, size));
    fs.readSync(fd, head, 0, head.length, 0);
    fs.readSync(fd, tail, 0, tail.length, Math.max(0, size - 4));
    return [head, tail, size];
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A Parquet file as a table, read a row group at a time from disk: only the footer and the
 * chunks of the `columns` asked for are read and decoded, and WebAssembly holds one row
 * group at a time. A column the file lacks is an error listing those it has. File-system
 * errors (no such file) are thrown as they are, for the caller to name its node.
 */
export async function loadParquet(file: string, columns?: readonly string[]): Promise<FileTable & { bytes: number; rowGroups: number }> {
  const [head, tail, size] = readEnds(file);
  const problem = framingProblem(head, tail, size);
  if (problem) throw new FileFormatError(file, 'Parquet', problem === 'the file is empty' ? 'empty' : 'malformed', problem);
  const wasm = parquetWasm();
  let parquet: ParquetFile;
  try {
    parquet = await wasm.ParquetFile.fromFile(await fs.openAsBlob(file));
  } catch (error) {
    throw decodeFailure(file, error);
  }
  try {
    const schema = parquet.schema().intoIPCStream();
    const names = namesOf(schema);
    const unknown = (columns ?? []).filter((c) => !names.includes(c));
    if (unknown.length) {
      throw new FileFormatError(file, 'Parquet', 'unknown-column', `it has no column ${unknown.map((c) => `'${c}'`).join(', ')}; its columns: ${names.join(', ')}`);
    }
    const metadata = parquet.metadata();
    const rowGroups = metadata.numRowGroups();
    metadata.free();
    const streams: Uint8Array[] = [];
    for (let group = 0; group < rowGroups; group++) {
      try {
        const batch = await parquet.read({ rowGroups: [group], batchSize: BATCH_ROWS, ...(columns ? { columns: [...columns] } : {}) });
        streams.push(batch.intoIPCStream());
      } catch (error) {
        throw decodeFailure(file, error);
      }
    }
    // A file without row groups still has its columns: the schema alone makes the empty table.
    const table = tableFromArrow(streams.length ? streams : [schema]);
    // Columns come in the order asked for, not the file's.
    return { file, format: 'Parquet', table: columns ? table.select([...columns]) : table, locate: rowFromOne, typedFromText: false, bytes: size, rowGroups };
  } finally {
    parquet.free();
  }
}

/**
 * A table as a Parquet file's bytes, through Arrow: string columns are written
 * dictionary-encoded, numbers as their arrays' types (Float64Array as DOUBLE, Int32Array as INT32).
 */
export function toParquet(table: Table, options: ParquetWriteOptions = {}): Uint8Array {
  const defined = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const { compression, rowGroupSize, dictionary } = { ...PARQUET_WRITE_DEFAULTS, ...defined } as Required<ParquetWriteOptions>;
  const wasm = parquetWasm();
  // Encoded first: a column Arrow cannot type is a TableEncodeError naming it, before any WebAssembly is allocated.
  const ipc = toTypedArrowIPC(table, 'stream', 'Parquet');
  const properties = new wasm.WriterPropertiesBuilder()
    .setCompression(wasm.Compression[CODECS[compression]])
    .setMaxRowGroupSize(rowGroupSize)
    .setDictionaryEnabled(dictionary)
    .setCreatedBy('hamilton-ts')
    .build();
  // writeParquet consumes the WebAssembly table and the properties (frees them).
  return wasm.writeParquet(wasm.Table.fromIPCStream(ipc), properties);
}
