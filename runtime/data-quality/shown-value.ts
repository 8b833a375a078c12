import { describeValue } from '../values/values';

/**
 * A value as a check's message names it. JSON.stringify would write NaN as
 * `null`, a Date as a quoted string, and throws on a bigint.
 */
export function shownValue(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? describeValue(value);
  } catch {
    return describeValue(value);
  }
}
