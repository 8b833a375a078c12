import { formatType, presentValues, type TypeDescriptor } from '../../contract/type-descriptor';
import { checkValue } from '../../values/value-check';
import { isBigIntArray, isTypedArray, tableColumn, type Table } from '../../values/values';

/** A declared column that does not match the table: its name, what was declared, what it holds. */
export interface SchemaMismatch {
  column: string;
  expected: string;
  got: string;
}

const shown = (value: unknown): string => (typeof value === 'string' ? JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value) : String(value));

/** The first value of a column that is not the declared element type (missing values fit any type). */
function misfit(values: ArrayLike<unknown>, element: TypeDescriptor): string | undefined {
  if (element.kind === 'unknown') return undefined;
  // A typed array holds one kind of value throughout: judge it by that kind, not value by value.
  if (isTypedArray(values)) {
    const kind = isBigIntArray(values) ? 'bigint' : 'number';
    return checkValue(kind === 'bigint' ? 0n : 0, element) === undefined ? undefined : `${values.constructor.name} values`;
  }
  for (let row = 0; row < values.length; row++) {
    const value = values[row];
    if (value === null || value === undefined) continue;
    if (checkValue(value, element) !== undefined) return `${typeof value === 'object' ? (value instanceof Date ? 'a Date' : 'an object') : `${typeof value} ${shown(value)}`} at row ${row + 1}`;
  }
  return undefined;
}

/**
 * Checks a table against a declared `Table<{ … }>` schema: every declared column must be
 * there and hold values of its type (`number | null` columns may hold nulls; every
 * column may). Undeclared columns pass. Returns the first mismatch, in declared order.
 */
export function schemaMismatch(table: Table, expected: TypeDescriptor | undefined): SchemaMismatch | undefined {
  if (expected?.kind !== 'table' || !expected.columns) return undefined;
  for (const [column, declared] of Object.entries(expected.columns)) {
    const element = presentValues(declared.kind === 'column' || declared.kind === 'array' ? declared.element : declared);
    const values = tableColumn(table, column);
    const type = formatType(element);
    if (values === undefined) {
      const optional = declared.kind === 'union' && declared.options.some((o) => o.kind === 'undefined');
      if (optional) continue;
      return { column, expected: type, got: 'missing' };
    }
    const got = misfit(values, element);
    if (got) return { column, expected: type, got };
  }
  return undefined;
}
