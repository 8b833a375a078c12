import { isColumnLike, isTable } from '../values/values';
import type { ValueSummary } from './lifecycle-adapter';

/** A value's kind and size, for hooks: O(1), it never reads the elements. */
export function summarizeValue(value: unknown): ValueSummary {
  if (value === null) return { kind: 'null' };
  if (isTable(value)) return { kind: 'table', length: value.numRows(), columns: value.numCols() };
  if (isColumnLike(value)) return { kind: Array.isArray(value) ? 'array' : value.constructor.name, length: value.length };
  if (value instanceof Date) return { kind: 'date' };
  const type = typeof value;
  if (type === 'object') {
    const name = (value as object).constructor?.name;
    return { kind: name && name !== 'Object' ? name : 'object' };
  }
  return { kind: type };
}
