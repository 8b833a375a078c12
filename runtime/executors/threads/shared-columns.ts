import { toArrowIPC } from 'arquero';
import { types } from 'node:util';
import type { Table, TypedArray } from '../../values/values';

type TypedArrayConstructor = new (buffer: ArrayBufferLike, byteOffset: number, length: number) => TypedArray;

/**
 * Inputs that worker threads read in place. A typed-array column is copied
 * into a SharedArrayBuffer once, the first time a task needs it; every later
 * task and run reuses that copy (cached by the original array), and posting a
 * view of shared memory to a thread copies no data. Tables travel as Arrow
 * IPC bytes, encoded into shared memory once per table.
 */
export class SharedColumns {
  private readonly columns = new WeakMap<TypedArray, TypedArray>();
  private readonly tables = new WeakMap<Table, Uint8Array>();
  /** How many columns and tables were copied into shared memory so far. */
  copies = 0;

  /** The column itself if it already lives in shared memory, else its shared copy. */
  column<T extends TypedArray>(array: T): T {
    if (types.isSharedArrayBuffer(array.buffer)) return array;
    let shared = this.columns.get(array);
    if (!shared) {
      shared = toSharedMemory(array);
      this.columns.set(array, shared);
      this.copies++;
    }
    return shared as T;
  }

  /** The table as Arrow IPC bytes in shared memory (Arquero tables do not survive structured clone). */
  table(table: Table): Uint8Array {
    let bytes = this.tables.get(table);
    if (!bytes) {
      bytes = toSharedMemory(toArrowIPC(table) as Uint8Array);
      this.tables.set(table, bytes);
      this.copies++;
    }
    return bytes;
  }
}

/** A copy of a typed array in a new SharedArrayBuffer, of the same element type. */
function toSharedMemory<T extends TypedArray>(array: T): T {
  const Type = array.constructor as TypedArrayConstructor;
  const shared = new Type(new SharedArrayBuffer(array.byteLength), 0, array.length);
  (shared as unknown as { set(source: ArrayLike<unknown>): void }).set(array as ArrayLike<unknown>);
  return shared as T;
}
