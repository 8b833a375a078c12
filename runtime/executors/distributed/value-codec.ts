import { fromArrow, table as arqueroTable, toArrowIPC } from 'arquero';
import { HamiltonError } from '../../errors';
import { describeValue, isTable, isTypedArray, tableColumns, type Table, type TypedArray } from '../../values/values';
import { isPlainRecord, SENDABLE_VALUES } from '../remote/sendable';

/**
 * Node values as bytes for Redis, and back. Typed arrays, alone or as the
 * columns of an Arquero table, travel as their own bytes (encodeParts hands
 * them out as views of the array's memory; decoded as a view of the reply, no
 * Arrow framing: a column crosses at memory speed); arrays of numbers or
 * strings travel as Arrow IPC; everything else
 * as JSON whose non-JSON values (undefined, NaN, ±Infinity, -0, bigint, Date,
 * Map, Set) are tagged objects. Decoding only builds data: no code is ever
 * evaluated, so a value read from Redis cannot run anything.
 *
 * Layout: "HTV1", u32 JSON length, the JSON skeleton, then each Arrow blob as
 * u32 length + bytes, every blob starting on an 8-byte boundary so that typed
 * arrays can view it without a copy.
 */

/** A value that cannot be sent to another process: a function, a class instance, a cycle. */
export class ValueCodecError extends HamiltonError {}

const MAGIC = 0x31565448; // "HTV1", little-endian
const TAG = '$';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const TYPED_ARRAYS: Record<string, new (values: ArrayLike<number> | ArrayLike<bigint> | ArrayBufferLike) => TypedArray> = {
  Float64Array, Float32Array, Int32Array, Uint32Array, Int16Array, Uint16Array,
  Int8Array, Uint8Array, Uint8ClampedArray,
  BigInt64Array: BigInt64Array as never, BigUint64Array: BigUint64Array as never,
};

/** How a column is restored: its typed array kind, or a plain array with nulls at these rows. */
type ColumnKind = string | { array: true; nulls?: number[] };

/**
 * A value's encoding as the pieces it is made of, in order: small framing
 * buffers, and each typed array's bytes as a view of its own memory (not
 * copied). Written one after the other they are encodeValue's bytes; the
 * value store sends the views to Redis as they are.
 */
export interface EncodedParts {
  parts: Uint8Array[];
  byteLength: number;
}

/** The largest blob and skeleton the layout's u32 lengths can describe. */
const MAX_PART = 0xFFFF_FFFF;
const PADDING = new Uint8Array(8);

/** Encodes a value into its parts; throws ValueCodecError for values that have no faithful encoding. */
export function encodeParts(value: unknown): EncodedParts {
  const blobs: Uint8Array[] = [];
  const skeleton = Buffer.from(JSON.stringify(encodeTree(value, blobs, new Set())), 'utf8');
  if (skeleton.length > MAX_PART) throw new ValueCodecError(`a value whose structure takes ${skeleton.length} bytes as JSON is over the 4 GiB one value can hold`);
  const headLength = align(8 + skeleton.length);
  const head = Buffer.alloc(headLength);
  head.writeUInt32LE(MAGIC, 0);
  head.writeUInt32LE(skeleton.length, 4);
  skeleton.copy(head, 8);
  const parts: Uint8Array[] = [head];
  let byteLength = headLength;
  for (const blob of blobs) {
    if (blob.byteLength > MAX_PART) throw new ValueCodecError(`a column of ${blob.byteLength} bytes is over the 4 GiB one column can hold: split it into several values`);
    const prefix = Buffer.alloc(8);
    prefix.writeUInt32LE(blob.byteLength, 0);
    parts.push(prefix, blob);
    const padding = align(blob.byteLength) - blob.byteLength;
    if (padding) parts.push(PADDING.subarray(0, padding));
    byteLength += 8 + align(blob.byteLength);
  }
  return { parts, byteLength };
}

/** Encodes a value as one buffer (its parts copied once); throws ValueCodecError for values that have no faithful encoding. */
export function encodeValue(value: unknown): Buffer {
  const { parts, byteLength } = encodeParts(value);
  return copyParts(parts, byteLength);
}

/** The parts, `byteLength` bytes in all, copied one after another into a new buffer. */
export function copyParts(parts: readonly Uint8Array[], byteLength: number): Buffer {
  const out = Buffer.allocUnsafe(byteLength);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}

export interface DecodeOptions {
  /**
   * The bytes are a buffer of their own (the value store assembled them):
   * typed arrays are views of it however small, never copies.
   */
  ownBuffer?: boolean;
}

/** Decodes what encodeValue wrote; bytes that are not such a value (cut off, corrupted) throw a ValueCodecError. */
export function decodeValue(bytes: Uint8Array, options: DecodeOptions = {}): unknown {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.length < 8 || view.readUInt32LE(0) !== MAGIC) throw new ValueCodecError('not a hamilton-ts value (bad header)');
  const jsonLength = view.readUInt32LE(4);
  if (8 + jsonLength > view.length) throw new ValueCodecError(`a value of ${view.length} bytes is cut off: its header announces ${jsonLength} bytes of structure`);
  let skeleton: Json;
  try {
    skeleton = JSON.parse(view.toString('utf8', 8, 8 + jsonLength)) as Json;
  } catch (error) {
    throw new ValueCodecError(`a value's structure is corrupted: ${(error as Error).message}`);
  }
  const blobs: Uint8Array[] = [];
  let offset = align(8 + jsonLength);
  while (offset < view.length) {
    if (offset + 8 > view.length) throw new ValueCodecError(`a value of ${view.length} bytes is cut off at byte ${offset}`);
    const length = view.readUInt32LE(offset);
    const start = offset + 8;
    if (start + length > view.length) throw new ValueCodecError(`a value of ${view.length} bytes is cut off: a column of ${length} bytes starts at byte ${start}`);
    const blob = bytes.subarray(start, start + length);
    // Redis replies land anywhere in Node's buffer pool: copy a blob that typed arrays could not view.
    blobs.push((bytes.byteOffset + start) % 8 === 0 ? blob : new Uint8Array(blob));
    offset = align(start + length);
  }
  return decodeTree(skeleton, blobs, options.ownBuffer ?? false);
}

const align = (n: number) => (n + 7) & ~7;

function tagged(tag: string, fields: Record<string, Json>): Json {
  return { [TAG]: tag, ...fields };
}

function encodeNumber(n: number): Json {
  if (Number.isNaN(n)) return tagged('num', { v: 'NaN' });
  if (n === Infinity) return tagged('num', { v: 'Infinity' });
  if (n === -Infinity) return tagged('num', { v: '-Infinity' });
  if (Object.is(n, -0)) return tagged('num', { v: '-0' });
  return n;
}

function encodeTree(value: unknown, blobs: Uint8Array[], open: Set<object>): Json {
  switch (typeof value) {
    case 'undefined': return tagged('undef', {});
    case 'boolean':
    case 'string': return value;
    case 'number': return encodeNumber(value);
    case 'bigint': return tagged('bigint', { v: value.toString() });
    case 'function':
    case 'symbol': throw new ValueCodecError(`${describeValue(value)} cannot be sent to another process`);
    default: break;
  }
  if (value === null) return null;
  const object = value as object;
  if (open.has(object)) throw new ValueCodecError('a value that contains itself (a cycle) cannot be sent to another process');
  if (value instanceof Date) return tagged('date', { v: encodeNumber(value.getTime()) });
  if (isTypedArray(value)) return encodeRawColumn(value, blobs);
  if (isTable(value)) return encodeTable(value, blobs, open);
  open.add(object);
  try {
    if (Array.isArray(value)) {
      if (arrowKindOf(value)) return encodeColumn(value, blobs);
      const items: Json[] = new Array(value.length);
      for (let i = 0; i < value.length; i++) items[i] = encodeTree(value[i], blobs, open);
      return items;
    }
    if (value instanceof Map) return tagged('map', { v: [...value].map(([k, v]) => [encodeTree(k, blobs, open), encodeTree(v, blobs, open)]) });
    if (value instanceof Set) return tagged('set', { v: [...value].map((v) => encodeTree(v, blobs, open)) });
    // The rule the thread executor applies too (remote/sendable.ts): a class instance would lose its methods.
    if (!isPlainRecord(object)) {
      throw new ValueCodecError(`${describeValue(value)} cannot be sent to another process: only ${SENDABLE_VALUES} travel. `
        + 'Return plain data, or compute and use it within one node.');
    }
    const fields: Record<string, Json> = {};
    for (const key of Object.keys(object)) setField(fields, key, encodeTree((object as Record<string, unknown>)[key], blobs, open));
    // A record of the user's that happens to have our tag key is wrapped, so it cannot pass for a tag.
    return Object.prototype.hasOwnProperty.call(fields, TAG) ? tagged('obj', { v: fields }) : fields;
  } finally {
    open.delete(object);
  }
}

/** Half of a surrogate pair on its own: UTF-8, hence Arrow, cannot hold it (it would come back as U+FFFD); JSON can. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** 'number' or 'string' for an array Arrow carries exactly (those values and nulls, at least one non-null), else undefined. */
function arrowKindOf(values: readonly unknown[]): 'number' | 'string' | undefined {
  let kind: 'number' | 'string' | undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    const t = typeof v;
    if (t !== 'number' && t !== 'string') return undefined;
    if (t === 'string' && LONE_SURROGATE.test(v as string)) return undefined;
    if (kind === undefined) kind = t as 'number' | 'string';
    else if (kind !== t) return undefined;
  }
  return kind;
}

/**
 * A column prepared for Arrow: typed arrays as they are (Uint8ClampedArray,
 * which Arrow lacks, as bytes); arrays of numbers as a Float64Array with the
 * null rows listed, so that -0, NaN and null each come back as they were.
 */
function prepareColumn(values: TypedArray | readonly unknown[]): { data: TypedArray | readonly unknown[]; kind: ColumnKind } | undefined {
  if (isTypedArray(values)) {
    const kind = values.constructor.name;
    if (!(kind in TYPED_ARRAYS)) throw new ValueCodecError(`a ${kind} cannot be sent to another process`);
    const data = values instanceof Uint8ClampedArray ? new Uint8Array(values.buffer, values.byteOffset, values.length) : values;
    return { data, kind };
  }
  const arrow = arrowKindOf(values);
  if (arrow === 'string') return { data: values, kind: { array: true } };
  if (arrow !== 'number') return undefined;
  const data = new Float64Array(values.length);
  const nulls: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null) nulls.push(i);
    else data[i] = v as number;
  }
  return { data, kind: nulls.length ? { array: true, nulls } : { array: true } };
}

function restoreColumn(decoded: ArrayLike<unknown>, kind: ColumnKind): unknown {
  if (typeof kind === 'string') {
    const Kind = TYPED_ARRAYS[kind];
    if (!Kind) throw new ValueCodecError(`unknown column kind '${kind}'`);
    if (decoded instanceof Kind) return decoded;
    if (ArrayBuffer.isView(decoded) && Kind === Uint8ClampedArray) return new Uint8ClampedArray(decoded.buffer, decoded.byteOffset, decoded.byteLength);
    return new Kind(decoded as ArrayLike<number>);
  }
  const array = Array.from(decoded);
  for (const row of kind.nulls ?? []) array[row] = null;
  return array;
}

function toArrowBlob(columns: Record<string, TypedArray | readonly unknown[]>): Uint8Array {
  return toArrowIPC(arqueroTable(columns as Record<string, unknown[]>));
}

function fromArrowBlob(blob: Uint8Array | undefined): Table {
  if (!blob) throw new ValueCodecError('a value refers to Arrow data that is missing');
  return fromArrow(blob, { useBigInt: true });
}

/** A typed array's bytes as they lie in memory (little-endian, as Arrow's): the blob is a view, copied once into the message. */
function encodeRawColumn(values: TypedArray, blobs: Uint8Array[]): Json {
  const kind = values.constructor.name;
  if (!(kind in TYPED_ARRAYS)) throw new ValueCodecError(`a ${kind} cannot be sent to another process`);
  blobs.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
  return tagged('raw', { kind, i: blobs.length - 1 });
}

/**
 * A view of the blob as its typed array (decodeValue aligned it to 8 bytes);
 * a copy when the blob is under half of the memory it lies in (a reply
 * parser's pool), so that a column never keeps much more than itself alive.
 */
function decodeRawColumn(kind: Json, blob: Uint8Array | undefined, ownBuffer: boolean): TypedArray {
  const Kind = TYPED_ARRAYS[kind as string] as unknown as { new (buffer: ArrayBufferLike, offset: number, length: number): TypedArray; BYTES_PER_ELEMENT: number } | undefined;
  if (!Kind) throw new ValueCodecError(`unknown column kind '${String(kind)}'`);
  if (!blob) throw new ValueCodecError('a value refers to column bytes that are missing');
  if (blob.byteLength % Kind.BYTES_PER_ELEMENT) throw new ValueCodecError(`a ${String(kind)} of ${blob.byteLength} bytes is cut off`);
  const own = ownBuffer || blob.byteLength * 2 >= blob.buffer.byteLength ? blob : new Uint8Array(blob);
  return new Kind(own.buffer, own.byteOffset, own.byteLength / Kind.BYTES_PER_ELEMENT);
}

function encodeColumn(values: TypedArray | readonly unknown[], blobs: Uint8Array[]): Json {
  const prepared = prepareColumn(values)!;
  const kind = prepared.kind as Json;
  // Arrow infers a column's type from its values: an empty column has none, and needs no bytes.
  if (values.length === 0) return tagged('col', { kind, i: -1 });
  blobs.push(toArrowBlob({ c: prepared.data }));
  return tagged('col', { kind, i: blobs.length - 1 });
}

/**
 * A table goes column by column, as each column would alone: a typed-array
 * column as its own bytes (a view: a table of numeric columns crosses at
 * memory speed), an array of numbers or strings as Arrow, anything else as
 * tagged JSON. (Tables written as one Arrow stream by earlier versions still decode.)
 */
function encodeTable(table: Table, blobs: Uint8Array[], open: Set<object>): Json {
  const columns = tableColumns(table);
  const names = Object.keys(columns);
  const encoded = names.map((name) => encodeTree(columns[name], blobs, open));
  return tagged('table', { names, columns: encoded });
}

function decodeNumber(v: Json): number {
  switch (v) {
    case 'NaN': return NaN;
    case 'Infinity': return Infinity;
    case '-Infinity': return -Infinity;
    case '-0': return -0;
    default: throw new ValueCodecError(`unknown number tag ${JSON.stringify(v)}`);
  }
}

/** A field as data, even one named `__proto__` (an own key of the record): neither side ever changes a prototype. */
function setField<T>(record: Record<string, T>, key: string, value: T): void {
  if (key === '__proto__') Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
  else record[key] = value;
}

function decodeTree(node: Json, blobs: Uint8Array[], own: boolean): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((item) => decodeTree(item, blobs, own));
  const tag = node[TAG];
  if (tag === undefined) {
    const record: Record<string, unknown> = {};
    for (const key of Object.keys(node)) setField(record, key, decodeTree(node[key], blobs, own));
    return record;
  }
  switch (tag) {
    case 'undef': return undefined;
    case 'num': return decodeNumber(node.v);
    case 'bigint': return BigInt(node.v as string);
    case 'date': return new Date(decodeTree(node.v, blobs, own) as number);
    case 'map': return new Map((node.v as Json[][]).map(([k, v]) => [decodeTree(k, blobs, own), decodeTree(v, blobs, own)]));
    case 'set': return new Set((node.v as Json[]).map((v) => decodeTree(v, blobs, own)));
    case 'obj': {
      const record: Record<string, unknown> = {};
      const fields = node.v as Record<string, Json>;
      for (const key of Object.keys(fields)) setField(record, key, decodeTree(fields[key], blobs, own));
      return record;
    }
    case 'raw': return decodeRawColumn(node.kind, blobs[node.i as number], own);
    case 'col': {
      const kind = node.kind as ColumnKind;
      const i = node.i as number;
      if (i < 0) return restoreColumn([], kind);
      return restoreColumn(tableColumns(fromArrowBlob(blobs[i])).c, kind);
    }
    case 'table': {
      const names = node.names as string[];
      const columns: Record<string, unknown> = {};
      if (node.columns) {
        (node.columns as Json[]).forEach((column, c) => {
          columns[names[c]] = decodeTree(column, blobs, own);
        });
      } else {
        const decoded = tableColumns(fromArrowBlob(blobs[node.i as number]));
        const kinds = node.kinds as Record<string, ColumnKind>;
        for (const name of names) columns[name] = restoreColumn(decoded[name], kinds[name]);
      }
      return arqueroTable(columns as Record<string, unknown[]>);
    }
    default: throw new ValueCodecError(`unknown value tag ${JSON.stringify(tag)}`);
  }
}
