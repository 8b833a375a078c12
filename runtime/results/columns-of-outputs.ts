import { ColumnLengthError, ResultBuilderError } from '../errors';
import { columnArray, isArrowColumn, isColumnLike, isTable, tableColumns } from '../values/values';

/**
 * Lines outputs up as named columns of one length: a table output gives its
 * columns, a column is itself (an Arrow column object, its array), and any
 * other value (a scalar) is repeated on every row. Shared by the table and
 * matrix result builders.
 */
export function columnsOfOutputs(outputs: Readonly<Record<string, unknown>>): Record<string, ArrayLike<unknown>> {
  // Maps, not records: an output may be named `constructor` or `toString`.
  const columns = new Map<string, ArrayLike<unknown>>();
  const from = new Map<string, string>();
  const add = (name: string, column: ArrayLike<unknown>, output: string) => {
    if (columns.has(name)) {
      throw new ResultBuilderError(`column '${name}' appears twice in the result: from output '${from.get(name)}' and from output '${output}'.`);
    }
    columns.set(name, column);
    from.set(name, output);
  };
  const scalars = new Map<string, unknown>();
  for (const [name, value] of Object.entries(outputs)) {
    if (isTable(value)) for (const [column, data] of Object.entries(tableColumns(value))) add(column, data, name);
    else if (isColumnLike(value) || isArrowColumn(value)) add(name, columnArray(value), name);
    else scalars.set(name, value);
  }
  const lengths = Object.fromEntries([...columns].map(([name, c]) => [name, c.length]));
  const distinct = new Set(Object.values(lengths));
  if (distinct.size > 1) throw new ColumnLengthError(lengths, 'the columns of a result table');
  const rows = distinct.size ? [...distinct][0] : 1;
  const result = new Map<string, ArrayLike<unknown>>();
  // Keep the order the outputs were requested in.
  for (const name of Object.keys(outputs)) {
    if (columns.has(name)) result.set(name, columns.get(name)!);
    else if (scalars.has(name)) result.set(name, broadcast(scalars.get(name), rows));
  }
  for (const [name, column] of columns) if (!result.has(name)) result.set(name, column);
  return Object.fromEntries(result);
}

function broadcast(value: unknown, rows: number): ArrayLike<unknown> {
  return typeof value === 'number' ? new Float64Array(rows).fill(value) : new Array(rows).fill(value);
}
