import { toArrowIPC } from 'arquero';
import { types } from 'node:util';
import type { Table, TypedArray } from '../../values/values';

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray;

/** How many columns and tables an executor copied into shared memory for workers, over all its runs. */
export interface SharedCopies {
  copies: number;
}

/**
 * One run's inputs for worker threads, read in place. A column already in
 * shared memory (backed by a SharedArrayBuffer) is posted as it is: no copy,
 * and workers see the caller's memory. Any other typed-array column is
 * copied into shared memory once per run, the first time a task needs it,
 * and every task of the run reads that copy: the next run copies again, so
 * workers always see the caller's current values, and a node writing into
 * its input cannot reach the caller's array or later runs. Tables travel as
 * Arrow IPC bytes, encoded into shared memory once per run.
 */
export class SharedColumns {
  private readonly columns = new Map<TypedArray, TypedArray>();
  private readonly tables = new Map<Table, Uint8Array>();

  constructor(private readonly count: SharedCopies = { copies: 0 }) {}

  /** The column itself if it already lives in shared memory, else this run's shared copy. */
  column<T extends TypedArray>(array: T): T {
    if (types.isSharedArrayBuffer(array.buffer)) return array;
    let shared = this.columns.get(array);
    if (!shared) {
      shared = toSharedColumn(array);
      this.columns.set(array, shared);
      this.count.copies++;
    }
    return shared as T;
  }

  /** The table as Arrow IPC bytes in shared memory (Arquero tables do not survive structured clone). */
  table(table: Table): Uint8Array {
    let bytes = this.tables.get(table);
    if (!bytes) {
      bytes = toSharedColumn(toArrowIPC(table) as Uint8Array);
      this.tables.set(table, bytes);
      this.count.copies++;
    }
    return bytes;
  }
}

/**
 * A copy of a typed array in a new SharedArrayBuffer, of the same element
 * type. Pass it as an input and worker threads read it in place in every
 * run, with no copy: it is your memory, so a change you make to it is seen
 * by the next run, and a node that writes into it writes into your array.
 */
export function toSharedColumn<T extends TypedArray>(array: T): T {
  const Type = array.constructor as TypedArrayConstructor;
  const shared = new Type(new SharedArrayBuffer(array.byteLength), 0, array.length);
  (shared as unknown as { set(source: ArrayLike<unknown>): void }).set(array as ArrayLike<unknown>);
  return shared as T;
}
