import { ColumnLengthError, ResultBuilderError } from '../errors';
import { columnArray, isArrowColumn, isColumnLike, isTable, tableColumns } from '../values/values';

/** A scalar output, repeated once the number of rows is known. */
class Scalar {
  constructor(readonly scalar: unknown) {}
}

/**
 * Lines outputs up as named columns of one length, in request order: a column
 * is itself (an Arrow column object, its array), any other value (a scalar)
 * is repeated on every row, and a table output gives its columns. As in
 * Hamilton's pandas result, a table requested alone is the result, its columns
 * as they are; beside other outputs every table's columns are named
 * `<output>.<column>` (`features.spend`), so tables never collide with each
 * other or with a column output. A name still given twice is an error.
 * Shared by the table, matrix and Arrow result builders.
 */
export function columnsOfOutputs(outputs: Readonly<Record<string, unknown>>): Record<string, ArrayLike<unknown>> {
  const entries = Object.entries(outputs);
  const prefixTables = entries.length > 1;
  // Maps, not records: an output may be named `constructor` or `toString`.
  const columns = new Map<string, ArrayLike<unknown> | Scalar>();
  const from = new Map<string, string>();
  const lengths = new Map<string, number>();
  const add = (name: string, value: ArrayLike<unknown> | Scalar, output: string) => {
    if (columns.has(name)) {
      throw new ResultBuilderError(`column '${name}' appears twice in the result: from output '${from.get(name)}' and from output '${output}'.`);
    }
    columns.set(name, value);
    from.set(name, output);
    if (!(value instanceof Scalar)) lengths.set(name, value.length);
  };
  for (const [name, value] of entries) {
    if (isTable(value)) {
      for (const [column, data] of Object.entries(tableColumns(value))) add(prefixTables ? `${name}.${column}` : column, data, name);
    } else if (isColumnLike(value) || isArrowColumn(value)) {
      add(name, columnArray(value), name);
    } else {
      add(name, new Scalar(value), name);
    }
  }
  const distinct = new Set(lengths.values());
  if (distinct.size > 1) throw new ColumnLengthError(Object.fromEntries(lengths), 'the columns of a result table');
  const rows = distinct.size ? [...distinct][0] : 1;
  return Object.fromEntries([...columns].map(([name, c]) => [name, c instanceof Scalar ? broadcast(c.scalar, rows) : c]));
}

function broadcast(value: unknown, rows: number): ArrayLike<unknown> {
  return typeof value === 'number' ? new Float64Array(rows).fill(value) : new Array(rows).fill(value);
}
