import { fromArrow, table, toArrowIPC } from 'arquero';
import { types } from 'node:util';
import { isTable, isTypedArray, tableColumns, type Table } from '../../values/values';
import { isPlainRecord } from '../remote/sendable';
import type { SharedColumns } from './shared-columns';

/**
 * Values on their way between threads. Structured clone copies typed arrays
 * and cannot carry Arquero tables, so: inputs go as views of shared memory
 * (see SharedColumns), results go with their buffers transferred (moved, not
 * copied), and tables go as Arrow IPC bytes, rebuilt on the other side.
 * Arrays and plain records are walked for typed arrays and tables inside;
 * scalars and everything else go by structured clone.
 */

const TABLE = '$hamiltonArrowIPC';
/** A table as Arrow IPC, with the names of its columns that were plain arrays (Arrow gives typed arrays back). */
type EncodedTable = { [TABLE]: Uint8Array; arrays?: string[] };

/**
 * The columns held as plain JS arrays. Arrow stores small integers as Int8 or
 * Int32, and decoded they would be typed arrays, where `x * 100` wraps and
 * `.map` truncates: these come back as arrays, as the node would see them in-process.
 */
function arrayColumns(table: Table): string[] | undefined {
  const names = table.columnNames().filter((name) => Array.isArray(table.column(name)));
  return names.length ? names : undefined;
}

const encodedTable = (bytes: Uint8Array, table: Table): EncodedTable => {
  const arrays = arrayColumns(table);
  return arrays ? { [TABLE]: bytes, arrays } : { [TABLE]: bytes };
};

/** Driver side, before posting a task: columns into shared memory, tables into Arrow IPC. */
export function encodeInput(value: unknown, shared: SharedColumns): unknown {
  return walk(value, (v) => {
    if (isTypedArray(v)) return Buffer.isBuffer(v) ? v : shared.column(v);
    if (isTable(v)) return encodedTable(shared.table(v), v);
    return undefined;
  });
}

/** Worker side, before posting results: collects the buffers to transfer; tables into Arrow IPC. */
export function encodeResult(value: unknown, transfer: Set<ArrayBuffer>): unknown {
  return walk(value, (v) => {
    if (isTypedArray(v)) {
      // Shared memory is shared already; Node's pooled Buffers must not be detached.
      if (!types.isSharedArrayBuffer(v.buffer) && !Buffer.isBuffer(v)) transfer.add(v.buffer as ArrayBuffer);
      return v;
    }
    if (isTable(v)) {
      const bytes = toArrowIPC(v) as Uint8Array;
      transfer.add(bytes.buffer as ArrayBuffer);
      return encodedTable(bytes, v);
    }
    return undefined;
  });
}

/** Either side, on receipt: rebuilds tables from their Arrow IPC bytes. */
export function decodeValue(value: unknown): unknown {
  return walk(value, (v) => (isEncodedTable(v) ? tableOfIPC(v[TABLE], v.arrays) : isTypedArray(v) ? v : undefined));
}

/**
 * A table whose columns are arrays again, as the sender's were: `column(name)[i]`
 * reads the same on either thread. Numeric columns without nulls stay views
 * of the received bytes.
 */
function tableOfIPC(bytes: Uint8Array, arrays: readonly string[] = []): Table {
  // int64 columns came from BigInt values (Arquero writes other numbers narrower): BigInt again, not numbers.
  const columns: Record<string, ArrayLike<unknown>> = tableColumns(fromArrow(bytes, { useBigInt: true }));
  for (const name of arrays) if (!Array.isArray(columns[name])) columns[name] = Array.from(columns[name]);
  return table(columns);
}

/**
 * Applies `leaf` to the value and, where it declines (undefined), to the
 * elements of arrays and plain records, copying a container only if one of
 * its elements changed.
 */
function walk(value: unknown, leaf: (v: object) => unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const replaced = leaf(value);
  if (replaced !== undefined) return replaced;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const element = value[i];
      if (typeof element !== 'object' || element === null) continue;
      const mapped = walk(element, leaf);
      if (mapped !== element) (out ??= value.slice())[i] = mapped;
    }
    return out ?? value;
  }
  if (isPlainRecord(value)) {
    let out: Record<string, unknown> | undefined;
    for (const key of Object.keys(value)) {
      const element = (value as Record<string, unknown>)[key];
      const mapped = walk(element, leaf);
      if (mapped !== element) (out ??= { ...value })[key] = mapped;
    }
    return out ?? value;
  }
  return value;
}

function isEncodedTable(value: object): value is EncodedTable {
  return TABLE in value && isTypedArray((value as EncodedTable)[TABLE]);
}
