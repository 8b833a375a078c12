import { ColumnLengthError, ResultBuilderError } from '../errors';
import { columnArray, isArrowColumn, isColumnLike, isTable, tableColumns } from '../values/values';

/**
 * Lines outputs up as named columns of one length: a table output gives its
 * columns, a column is itself (an Arrow column object, its array), and any
 * other value (a scalar) is repeated on every row. Shared by the table and
 * matrix result builders.
 */
export function columnsOfOutputs(outputs: Readonly<Record<string, unknown>>): Record<string, ArrayLike<unknown>> {
  const columns: Record<string, ArrayLike<unknown>> = {};
  const from: Record<string, string> = {};
  const add = (name: string, column: ArrayLike<unknown>, output: string) => {
    if (name in columns) {
      throw new ResultBuilderError(`column '${name}' appears twice in the result: from output '${from[name]}' and from output '${output}'.`);
    }
    columns[name] = column;
    from[name] = output;
  };
  const scalars = new Map<string, unknown>();
  for (const [name, value] of Object.entries(outputs)) {
    if (isTable(value)) for (const [column, data] of Object.entries(tableColumns(value))) add(column, data, name);
    else if (isColumnLike(value) || isArrowColumn(value)) add(name, columnArray(value), name);
    else scalars.set(name, value);
  }
  const lengths = Object.fromEntries(Object.entries(columns).map(([name, c]) => [name, c.length]));
  const distinct = new Set(Object.values(lengths));
  if (distinct.size > 1) throw new ColumnLengthError(lengths, 'the columns of a result table');
  const rows = distinct.size ? [...distinct][0] : 1;
  const result: Record<string, ArrayLike<unknown>> = {};
  // Keep the order the outputs were requested in.
  for (const name of Object.keys(outputs)) {
    if (name in columns) result[name] = columns[name];
    else if (scalars.has(name)) result[name] = broadcast(scalars.get(name), rows);
  }
  for (const name of Object.keys(columns)) if (!(name in result)) result[name] = columns[name];
  return result;
}

function broadcast(value: unknown, rows: number): ArrayLike<unknown> {
  return typeof value === 'number' ? new Float64Array(rows).fill(value) : new Array(rows).fill(value);
}
