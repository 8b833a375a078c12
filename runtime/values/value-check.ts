import type { TypeDescriptor } from '../contract/type-descriptor';
import { describeValue, isColumnLike, isTable, isTypedArray, isBigIntArray } from './values';

/**
 * Whether a run-time value matches a declared type. Returns what is wrong in
 * words, or undefined when it fits. Used on inputs, which TypeScript never saw.
 */
export function checkValue(value: unknown, type: TypeDescriptor): string | undefined {
  switch (type.kind) {
    case 'unknown':
      return undefined;
    case 'number': case 'string': case 'boolean': case 'bigint': case 'function':
      return typeof value === type.kind ? undefined : describeValue(value);
    case 'date':
      return value instanceof Date ? undefined : describeValue(value);
    case 'null':
      return value === null ? undefined : describeValue(value);
    case 'undefined':
      return value === undefined ? undefined : describeValue(value);
    case 'literal':
      return value === type.value ? undefined : describeValue(value);
    case 'table':
      return isTable(value) ? undefined : describeValue(value);
    case 'column': case 'array':
      return checkVector(value, type.element, type.kind === 'column');
    case 'tuple':
      return checkTuple(value, type);
    case 'record': case 'object':
      return typeof value === 'object' && value !== null && !isColumnLike(value) ? undefined : describeValue(value);
    case 'union':
      return type.options.some((o) => checkValue(value, o) === undefined) ? undefined : describeValue(value);
    case 'parallelizable':
      return value !== null && typeof (value as Iterable<unknown>)?.[Symbol.iterator] === 'function' ? undefined : describeValue(value);
    case 'collect':
      return Array.isArray(value) ? undefined : describeValue(value);
  }
}

function checkTuple(value: unknown, type: Extract<TypeDescriptor, { kind: 'tuple' }>): string | undefined {
  if (!Array.isArray(value)) return describeValue(value);
  if (value.length < type.elements.length || (!type.rest && value.length > type.elements.length)) {
    return `${describeValue(value)} of ${value.length} elements`;
  }
  for (let i = 0; i < value.length; i++) {
    const problem = checkValue(value[i], type.elements[i] ?? type.rest!);
    if (problem) return `${describeValue(value)} whose element ${i} is ${problem}`;
  }
  return undefined;
}

function checkVector(value: unknown, element: TypeDescriptor, nullable: boolean): string | undefined {
  if (!isColumnLike(value)) return describeValue(value);
  if (isTypedArray(value)) {
    const isBig = isBigIntArray(value);
    const fitsElement = element.kind === 'unknown' || element.kind === (isBig ? 'bigint' : 'number')
      || (element.kind === 'union' && element.options.some((o) => o.kind === (isBig ? 'bigint' : 'number')));
    return fitsElement ? undefined : describeValue(value);
  }
  if (element.kind === 'unknown') return undefined;
  const values = value as unknown[];
  if (element.kind === 'number' && allNumbersOrMissing(values, nullable)) return undefined;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    // Columns hold missing values as null or undefined, as Arquero does.
    if (nullable && (v === null || v === undefined)) continue;
    const problem = checkValue(v, element);
    if (problem) return `${describeValue(value)} whose value at index ${i} is ${problem}`;
  }
  return undefined;
}

/** The common case, in a tight loop: a plain array of numbers (and, in a column, missing values). */
function allNumbersOrMissing(values: unknown[], nullable: boolean): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' && !(nullable && (v === null || v === undefined))) return false;
  }
  return true;
}
