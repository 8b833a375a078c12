import { isPlainRecord } from '../executors/remote/sendable';
import { columnArray, isArrowColumn, isTable, isTypedArray, tableColumn } from '../values/values';
import { bytesOf, xxhash64 } from './xxhash';

/**
 * Data versions (Hamilton's `fingerprinting.hash_value`): a value's identity by
 * content, so a node's cache key changes exactly when what it reads changes.
 * Typed arrays hash their bytes in place (xxHash64), numeric arrays as float64
 * bytes, tables column by column, arrays, records (keys sorted), Maps and Sets
 * structurally. Anything else (a class instance, a function, a cycle) has no
 * version: the caller must never let it hit (see CacheRun).
 *
 * `memo` remembers the versions of objects already hashed in one run: a run's
 * values are not mutated while it runs, but between runs they may be, so the
 * memo never outlives a run.
 */
export function dataVersion(value: unknown, memo: WeakMap<object, string> = new WeakMap()): string | undefined {
  const token = tokenOf(value, memo, new Set());
  return token === undefined ? undefined : xxhash64(token);
}

/** A short text that stands for the value: the value itself for scalars, a hash for containers. */
function tokenOf(value: unknown, memo: WeakMap<object, string>, open: Set<object>): string | undefined {
  switch (typeof value) {
    case 'undefined': return 'u';
    case 'boolean': return value ? 'b1' : 'b0';
    case 'number': return Object.is(value, -0) ? 'n-0' : `n${value}`;
    case 'bigint': return `i${value}`;
    case 'string': return `s${value.length}:${value}`;
    case 'object': break;
    default: return undefined; // functions and symbols
  }
  if (value === null) return 'z';
  if (value instanceof Date) return `d${value.getTime()}`;
  const known = memo.get(value);
  if (known !== undefined) return known;
  if (open.has(value)) return undefined;
  open.add(value);
  const token = containerToken(value, memo, open);
  open.delete(value);
  if (token !== undefined) memo.set(value, token);
  return token;
}

function containerToken(value: object, memo: WeakMap<object, string>, open: Set<object>): string | undefined {
  if (isTypedArray(value)) return `${value.constructor.name}:${xxhash64(bytesOf(value))}`;
  if (isTable(value)) {
    const parts: string[] = [];
    for (const name of value.columnNames()) {
      const column = tokenOf(tableColumn(value, name), memo, open);
      if (column === undefined) return undefined;
      parts.push(`${name.length}:${name}=${column}`);
    }
    return `table:${xxhash64(parts.join(','))}`;
  }
  if (Array.isArray(value)) return arrayToken(value, memo, open);
  if (isArrowColumn(value)) return tokenOf(columnArray(value), memo, open);
  if (value instanceof Map) return listToken('map', [...value].flat(), memo, open);
  if (value instanceof Set) return listToken('set', [...value], memo, open);
  if (isPlainRecord(value)) {
    const keys = Object.keys(value).sort();
    const entries = keys.flatMap((key) => [key, (value as Record<string, unknown>)[key]]);
    return listToken('record', entries, memo, open);
  }
  return undefined; // a class instance: no content we can vouch for
}

/** Arrays of plain numbers (a column) hash as float64 bytes in one pass; others element by element. */
function arrayToken(array: unknown[], memo: WeakMap<object, string>, open: Set<object>): string | undefined {
  let numeric = array.length > 0;
  for (let i = 0; i < array.length && numeric; i++) numeric = typeof array[i] === 'number';
  if (numeric) return `array-f64:${xxhash64(bytesOf(Float64Array.from(array as number[])))}`;
  return listToken('array', array, memo, open);
}

function listToken(kind: string, items: readonly unknown[], memo: WeakMap<object, string>, open: Set<object>): string | undefined {
  const parts = new Array<string>(items.length);
  for (let i = 0; i < items.length; i++) {
    const token = tokenOf(items[i], memo, open);
    if (token === undefined) return undefined;
    parts[i] = `${token.length}:${token}`;
  }
  return `${kind}:${xxhash64(parts.join(''))}`;
}
