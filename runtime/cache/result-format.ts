import { decodeValue, encodeValue } from '../executors/distributed/value-codec';
import { isPlainRecord } from '../executors/remote/sendable';
import { describeValue, isColumnLike, isTable, isTypedArray } from '../values/values';
import { CacheFormatError, CacheOptionError } from './cache-errors';
import { decodeTable, encodeTable, type TableFormat } from './table-formats';

/**
 * How a result is written to its file (Hamilton's `@cache(format=...)`).
 * - `auto` (default): columns and tables as Arrow IPC, the rest in the tagged
 *   encoding BullMQ workers use (JSON whose NaN, bigint, Date, Map… are tagged);
 * - `arrow`: the same, refusing a value that is no table or column;
 * - `json`: JSON text, for plain data that JSON holds exactly;
 * - `parquet`, `csv`: a table in the I/O adapters' encodings (table-formats.ts),
 *   refusing a value that is no table or that the format would not give back exactly.
 */
export type ResultFormat = 'auto' | 'arrow' | 'json' | TableFormat;
export const RESULT_FORMATS: readonly ResultFormat[] = ['auto', 'arrow', 'json', 'parquet', 'csv'];
/** Formats Hamilton offers through its I/O adapters that the cache does not write, with what to use instead. */
export const ADAPTER_FORMATS: Readonly<Record<string, string>> = {
  feather: "Feather v2 is Arrow IPC: use 'arrow'",
  pickle: "there is no pickle in JavaScript: 'auto' stores any versionable value",
  excel: 'hamilton-ts has no Excel adapter',
  orc: 'hamilton-ts has no ORC adapter',
  duckdb: "a cache result is a file: use 'parquet' to read it from DuckDB",
};

/** The one-byte format code in a result file's header. */
export const FORMAT_CODES: Readonly<Record<ResultFormat, number>> = { auto: 1, arrow: 2, json: 3, parquet: 5, csv: 6 };
/** `auto` for a typed array: its raw bytes after its type's name, read back as a view on the file's buffer (no copy). */
const TYPED_CODE = 4;

/** The header code of what encodeResult wrote for this value in this format. */
export function formatCode(format: ResultFormat, value: unknown): number {
  return format === 'auto' && isTypedArray(value) ? TYPED_CODE : FORMAT_CODES[format];
}

export function encodeResult(node: string, format: ResultFormat, value: unknown): Uint8Array {
  if (format === 'parquet' || format === 'csv') return encodeTable(node, format, value);
  if (format === 'json') {
    const problem = jsonProblem(value, new Set());
    if (problem) throw new CacheFormatError(node, format, `${problem} has no exact JSON form; use format 'auto'`);
    return Buffer.from(JSON.stringify(value), 'utf8');
  }
  if (format === 'arrow' && !(isTable(value) || isTypedArray(value) || (Array.isArray(value) && isColumnLike(value)))) {
    throw new CacheFormatError(node, format, `Arrow holds tables and columns, but the result is ${describeValue(value)}; use format 'auto'`);
  }
  if (format === 'auto' && isTypedArray(value)) {
    const name = Buffer.from(value.constructor.name, 'latin1');
    const start = (1 + name.length + 7) & ~7;
    const out = Buffer.alloc(start + value.byteLength);
    out.writeUInt8(name.length, 0);
    name.copy(out, 1);
    out.set(new Uint8Array(value.buffer, value.byteOffset, value.byteLength), start);
    return out;
  }
  return encodeValue(value);
}

const TYPED: Record<string, { new (buffer: ArrayBufferLike, offset: number, length: number): ArrayBufferView; BYTES_PER_ELEMENT: number }> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array, Int8Array, Uint8Array, Uint8ClampedArray, BigInt64Array, BigUint64Array,
};

export function decodeResult(code: number, payload: Uint8Array): unknown {
  if (code === TYPED_CODE) {
    const name = Buffer.from(payload.buffer, payload.byteOffset + 1, payload[0]).toString('latin1');
    const Typed = TYPED[name];
    if (!Typed) throw new Error(`unknown typed array kind '${name}'`);
    const start = (1 + payload[0] + 7) & ~7;
    const bytes = payload.byteLength - start;
    if (bytes % Typed.BYTES_PER_ELEMENT !== 0) throw new Error(`${bytes} bytes are no whole number of ${name} elements`);
    const offset = payload.byteOffset + start;
    // A view when the file's buffer allows one (it does for files read whole); else one copy.
    const buffer = offset % Typed.BYTES_PER_ELEMENT === 0 ? payload.buffer : payload.slice(start).buffer;
    return new Typed(buffer, buffer === payload.buffer ? offset : 0, bytes / Typed.BYTES_PER_ELEMENT);
  }
  if (code === FORMAT_CODES.parquet) return decodeTable('parquet', payload, 'a cached Parquet result');
  if (code === FORMAT_CODES.csv) return decodeTable('csv', payload, 'a cached CSV result');
  if (code === FORMAT_CODES.json) return JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  return decodeValue(payload);
}

/** What in the value JSON would change (undefined, NaN, a Date, a class instance), or undefined if nothing. */
function jsonProblem(value: unknown, open: Set<object>): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? undefined : describeValue(value);
  if (typeof value !== 'object' || open.has(value)) return describeValue(value);
  if (!Array.isArray(value) && !isPlainRecord(value)) return describeValue(value);
  open.add(value);
  for (const item of Object.values(value)) {
    const problem = jsonProblem(item, open);
    if (problem) return problem;
  }
  open.delete(value);
  return undefined;
}

/** Checks a format name given to `@cache`: for a format Hamilton has and the cache does not, what to use instead. */
export function checkFormat(option: string, format: unknown): asserts format is ResultFormat {
  if (RESULT_FORMATS.includes(format as ResultFormat)) return;
  const later = typeof format === 'string' && Object.hasOwn(ADAPTER_FORMATS, format) ? `: ${ADAPTER_FORMATS[format]}` : '';
  throw new CacheOptionError(option, `one of ${RESULT_FORMATS.map((f) => `'${f}'`).join(', ')}`, `${typeof format === 'string' ? `'${format}'` : describeValue(format)}${later}`);
}
