import { HamiltonError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { formatType, UNKNOWN } from '../runtime/contract/type-descriptor';
import { isTable } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';

/** A table missing a column that @extractColumns promised. */
export class MissingColumnError extends HamiltonError {
  constructor(readonly table: string, readonly column: string, readonly available: readonly string[]) {
    super(`the table from '${table}' has no column '${column}'; it has ${available.map((c) => `'${c}'`).join(', ') || 'no columns'}.`);
  }
}

/** `@extractColumns('spend', 'signups')`: a method returning an Arquero table also yields one node per named column. */
export function extractColumns(...columns: string[]): MethodDecorator {
  return recordingDecorator('extractColumns', columns);
}

export function columnNode(table: Node, column: string): Node {
  return {
    ...table,
    name: column,
    dependencies: [{ name: table.name, optional: false, type: { kind: 'table' } }],
    type: { kind: 'column', element: UNKNOWN },
    doc: `Column '${column}' of ${table.name}.`,
    fn: (value: unknown) => {
      if (!isTable(value)) throw new TypeError(`'${table.name}' returned ${typeof value}, not an Arquero table`);
      const data = value.column(column);
      if (!data) throw new MissingColumnError(table.name, column, value.columnNames());
      // A filtered or ordered view keeps all rows in its raw columns.
      return value.isFiltered() || value.isOrdered() ? value.array(column) : data;
    },
  };
}

export const extractColumnsExpander: NodeExpander<string[]> = {
  kind: 'extractColumns',
  stage: 'expand',
  expand(expansion, [columns], context) {
    if (columns.length === 0) throw context.error('extractColumns', 'names no column');
    for (const node of expansion.primary) {
      if (node.type.kind !== 'table' && node.type.kind !== 'unknown') {
        throw context.error('extractColumns', `needs the method to return an Arquero Table, but it returns ${formatType(node.type)}`);
      }
    }
    const extra = expansion.primary.flatMap((table) => columns.map((column) => columnNode(table, column)));
    return { primary: expansion.primary, extra: [...expansion.extra, ...extra] };
  },
};
