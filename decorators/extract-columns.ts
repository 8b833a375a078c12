import * as aq from 'arquero';
import { HamiltonError, OutputTypeError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { formatType, UNKNOWN } from '../runtime/contract/type-descriptor';
import { describeValue, isTable, tableColumn, type Table } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';

/** A table missing a column that @extractColumns promised. */
export class MissingColumnError extends HamiltonError {
  constructor(readonly table: string, readonly column: string, readonly available: readonly string[]) {
    super(`the table from '${table}' has no column '${column}'; it has ${available.map((c) => `'${c}'`).join(', ') || 'no columns'}.`);
  }
}

/** A column to extract: its name, or `[name, doc]` to give the column node its own doc. */
export type ColumnSpec = string | readonly [name: string, doc: string];

export interface ExtractColumnsOptions {
  /** A value for every row of a column the table lacks (Hamilton's `fill_with`); without it a missing column is a MissingColumnError. */
  fill?: unknown;
}

interface ExtractColumnsRecord {
  columns: { name: string; doc?: string }[];
  fill?: unknown;
}

/**
 * `@extractColumns('spend', ['signups', 'New accounts per day.'], { fill: 0 })`:
 * a method returning an Arquero table also yields one node per named column.
 * A column node's doc is the method's, or the one given beside its name.
 */
export function extractColumns(...args: (ColumnSpec | ExtractColumnsOptions)[]): MethodDecorator {
  const isSpec = (a: unknown): a is ColumnSpec => typeof a === 'string' || Array.isArray(a);
  const options = (args.find((a) => !isSpec(a)) ?? {}) as ExtractColumnsOptions;
  const columns = args.filter(isSpec).map((c) => (typeof c === 'string' ? { name: c } : { name: c[0], doc: c[1] }));
  return recordingDecorator('extractColumns', { columns, fill: options.fill } satisfies ExtractColumnsRecord);
}

/** The node of one column of the table node's value: typed a column, documented as the table unless `doc` is given. */
export function columnNode(table: Node, column: string, doc?: string): Node {
  return {
    ...table,
    name: column,
    dependencies: [{ name: table.name, optional: false, type: { kind: 'table' } }],
    type: { kind: 'column', element: UNKNOWN },
    doc: doc ?? table.doc,
    fn: (value: unknown) => {
      if (!isTable(value)) throw new OutputTypeError(table.name, { kind: 'table' }, describeValue(value), '@extractColumns');
      const data = tableColumn(value, column);
      if (!data) throw new MissingColumnError(table.name, column, value.columnNames());
      return data;
    },
  };
}

/** The table node, adding each missing column filled with `fill`, as Hamilton's `fill_with` does. */
function filling(table: Node, columns: readonly string[], fill: unknown): Node {
  const inner = table.fn;
  const fillIn = (value: unknown) => {
    if (!isTable(value)) return value;
    const missing = columns.filter((c) => !value.column(c));
    if (missing.length === 0) return value;
    return (value as Table).derive(Object.fromEntries(missing.map((c) => [c, aq.escape(() => fill)])));
  };
  return {
    ...table,
    fn: (...args: unknown[]) => {
      const result = inner(...args);
      return result instanceof Promise ? result.then(fillIn) : fillIn(result);
    },
  };
}

export const extractColumnsExpander: NodeExpander<ExtractColumnsRecord> = {
  kind: 'extractColumns',
  stage: 'expand',
  expand(expansion, [{ columns, fill }], context) {
    if (columns.length === 0) throw context.error('extractColumns', 'names no column');
    for (const node of expansion.primary) {
      if (node.type.kind !== 'table' && node.type.kind !== 'unknown') {
        throw context.error('extractColumns', `needs the method to return an Arquero Table, but it returns ${formatType(node.type)}`);
      }
    }
    const names = columns.map((c) => c.name);
    const primary = fill === undefined ? expansion.primary : expansion.primary.map((t) => filling(t, names, fill));
    const extra = primary.flatMap((table) => columns.map((c) => columnNode(table, c.name, c.doc)));
    return { primary, extra: [...expansion.extra, ...extra] };
  },
};
