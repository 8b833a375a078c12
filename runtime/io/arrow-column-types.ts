import * as flechette from '@uwdata/flechette';
import type { Table } from '../values/values';

const TYPED_ARROW: Readonly<Record<string, () => flechette.DataType>> = {
  Float64Array: flechette.float64, Float32Array: flechette.float32, Int32Array: flechette.int32, Int16Array: flechette.int16,
  Int8Array: flechette.int8, Uint32Array: flechette.uint32, Uint16Array: flechette.uint16, Uint8Array: flechette.uint8,
  Uint8ClampedArray: flechette.uint8, BigInt64Array: flechette.int64, BigUint64Array: flechette.uint64,
};

// Typed arrays Arrow's type inference does not know: typed here whatever their length.
const UNKNOWN_TO_ARROW = new Set(['Uint8ClampedArray']);

const hasValue = (values: ArrayLike<unknown>): boolean => {
  for (let i = 0; i < values.length; i++) if (values[i] !== null && values[i] !== undefined) return true;
  return false;
};

/**
 * Arrow types for the columns Arrow cannot type by itself: those without a
 * value to infer one from (a table without rows, a column of nulls) get a typed
 * array's own type, else nullable text; a Uint8ClampedArray is uint8. Left to
 * Arrow, an empty typed column or a Uint8ClampedArray gets no type at all (the
 * table fails on first use), and an all-null column gets Arrow's Null type,
 * which Parquet writers refuse and databases cannot append values to.
 */
export function untypedColumnTypes(table: Table): Record<string, flechette.DataType> {
  const data = table.data() as unknown as Record<string, ArrayLike<unknown>>;
  const types: Record<string, flechette.DataType> = {};
  for (const name of table.columnNames()) {
    const values = data[name];
    const array = (values as object)?.constructor?.name;
    const typed = TYPED_ARROW[array];
    if (typed) {
      if (table.numRows() === 0 || UNKNOWN_TO_ARROW.has(array)) types[name] = typed();
    } else if (!hasValue(values)) {
      types[name] = flechette.utf8();
    }
  }
  return types;
}
