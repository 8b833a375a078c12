import { OutputTypeError } from '../errors';
import type { Node } from '../graph/node';
import { columnArray, describeValue, isArrowColumn, isColumnLike, isTable } from '../values/values';

/**
 * A node's value as it is stored for its consumers, checked against the kind
 * its declared `Column<T>` or `Table` return type promises — O(1), not per
 * element — so that undefined or a scalar is never repeated down the rows.
 * An Arrow column object is handed on as its array, as columns of tables are.
 * Every runner passes its results through here: in-process, on threads, on
 * BullMQ workers. Throws OutputTypeError; other types are not checked.
 */
export function nodeOutput(node: Node, value: unknown): unknown {
  switch (node.type.kind) {
    case 'column':
      if (isColumnLike(value)) return value;
      if (isArrowColumn(value)) return columnArray(value);
      throw new OutputTypeError(node.name, node.type, describeValue(value));
    case 'table':
      if (isTable(value)) return value;
      throw new OutputTypeError(node.name, node.type, describeValue(value));
    default:
      return value;
  }
}
