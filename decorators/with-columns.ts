import { ColumnLengthError, OutputTypeError } from '../runtime/errors';
import type { Dependency, Node } from '../runtime/graph/node';
import { formatType, UNKNOWN } from '../runtime/contract/type-descriptor';
import { columnArray, describeValue, isArrowColumn, isColumnLike, isTable, tableColumn, type Table } from '../runtime/values/values';
import { bindParameters } from './bind-parameters';
import { recordingDecorator } from './decorator-record';
import { source, type DependencySource } from './dependency-source';
import type { ExpansionContext, MethodExpansion, NodeExpander } from './expansion';
import { MissingColumnError } from './extract-columns';
import type { HamiltonMethodDecorator } from './standard-decorators';

const DECORATOR = 'withColumns';

export interface WithColumnsOptions {
  /** Columns of the table the subdag reads, each as a node `<namespace>.<column>` its methods take by the column's name. */
  columnsToPass?: readonly string[];
  /** Or: the whole table, as the subdag's input of this name (Hamilton's `pass_dataframe_as`). */
  passTableAs?: string;
  /** The subdag's nodes to append as columns (default: its sink nodes, which no other of its nodes reads). */
  select?: readonly string[];
  /** Prefix of the subdag's node names (default: the method name): `<namespace>.<node>`. */
  namespace?: string;
  /** The method's parameter that holds the table (default: its first). */
  onInput?: string;
}

interface WithColumnsRecord extends WithColumnsOptions {
  modules: readonly unknown[];
}

/**
 * `@withColumns(Features, { columnsToPass: ['spend', 'signups'], select: ['perSignup'] })`
 * (Hamilton's `with_columns`): the column-level methods of `Features` run as a
 * subdag on the columns of the method's table parameter; the selected
 * results are appended to the table (replacing a column of the same name),
 * and the method receives the wider table.
 */
export function withColumns(modules: unknown | readonly unknown[], options: WithColumnsOptions): HamiltonMethodDecorator {
  return recordingDecorator(DECORATOR, { ...options, modules: Array.isArray(modules) ? modules : [modules] } satisfies WithColumnsRecord);
}

/** A node `<namespace>.<column>`: one column of the outer table, typed from a `Table<{ … }>` parameter when it says. */
function passedColumn(tableDep: Dependency, column: string, name: string, origin: Node): Node {
  const element = tableDep.type.kind === 'table' ? tableDep.type.columns?.[column] ?? UNKNOWN : UNKNOWN;
  return {
    ...origin,
    name,
    dependencies: [{ name: tableDep.name, optional: false, type: { kind: 'table' } }],
    type: { kind: 'column', element },
    doc: `Column '${column}' of '${tableDep.name}', for @withColumns.`,
    fn: (value: unknown) => {
      if (!isTable(value)) throw new OutputTypeError(tableDep.name, { kind: 'table' }, describeValue(value), '@withColumns');
      const data = tableColumn(value, column);
      if (!data) throw new MissingColumnError(tableDep.name, column, value.columnNames());
      return data;
    },
  };
}

/** The node `<namespace>._append`: the outer table with the selected subdag outputs as columns. */
function appender(tableDep: Dependency, selected: readonly string[], qualified: (n: string) => string, origin: Node): Node {
  return {
    ...origin,
    name: qualified('_append'),
    dependencies: [
      { name: tableDep.name, optional: false, type: { kind: 'table' } },
      ...selected.map((s) => ({ name: qualified(s), optional: false, type: { kind: 'column', element: UNKNOWN } as const })),
    ],
    type: { kind: 'table' },
    doc: `'${tableDep.name}' with the columns ${selected.map((s) => `'${s}'`).join(', ')} appended by @withColumns.`,
    fn: (value: unknown, ...given: unknown[]) => {
      if (!isTable(value)) throw new OutputTypeError(tableDep.name, { kind: 'table' }, describeValue(value), '@withColumns');
      const table: Table = value.isFiltered() || value.isOrdered() ? value.reify() : value;
      // Untyped nodes pass the build-time check: a string or a number would be spread or miscounted as a column.
      const columns = given.map((c, i) => {
        if (isArrowColumn(c)) return columnArray(c);
        if (!isColumnLike(c)) throw new OutputTypeError(qualified(selected[i]), { kind: 'column', element: UNKNOWN }, describeValue(c), '@withColumns');
        return c;
      });
      const lengths = Object.fromEntries(selected.map((s, i) => [qualified(s), (columns[i] as ArrayLike<unknown>).length]));
      if (Object.values(lengths).some((n) => n !== table.numRows())) {
        throw new ColumnLengthError({ [tableDep.name]: table.numRows(), ...lengths }, `the rows of '${tableDep.name}' and the columns @withColumns appends`);
      }
      return table.assign(Object.fromEntries(selected.map((s, i) => [s, columns[i]])) as unknown as Parameters<Table['assign']>[0]);
    },
  };
}

function expandWithColumns(expansion: MethodExpansion, options: WithColumnsRecord, context: ExpansionContext): MethodExpansion {
  if (options.modules.length === 0) throw context.error(DECORATOR, 'names no dataflow to run on the columns');
  const passing = options.columnsToPass !== undefined;
  if (passing === (options.passTableAs !== undefined)) {
    throw context.error(DECORATOR, 'needs columnsToPass (columns of the table) or passTableAs (the table as an input), one of them');
  }
  const [method, ...others] = expansion.primary;
  if (!method || others.length) throw context.error(DECORATOR, 'needs the method to be one node');
  const params = method.dependencies.map((d) => d.name);
  const tableDep = options.onInput === undefined ? method.dependencies[0] : method.dependencies.find((d) => d.name === options.onInput);
  if (!tableDep) {
    throw context.error(DECORATOR, options.onInput === undefined
      ? `needs the method to take the table as a parameter, but ${method.name}() has none`
      : `takes the table from parameter '${options.onInput}', which ${method.name}(${params.join(', ')}) does not have`);
  }
  if (tableDep.type.kind !== 'table' && tableDep.type.kind !== 'unknown') {
    throw context.error(DECORATOR, `needs parameter '${tableDep.name}' to be a Table, but it is ${formatType(tableDep.type)}`);
  }
  const namespace = options.namespace ?? context.method;
  const qualified = (name: string) => `${namespace}.${name}`;
  const inner = context.loadModules(options.modules, context.config);
  const innerNames = new Set(inner.map((n) => n.name));
  const columns = new Set(options.columnsToPass ?? []);
  const tableAs = options.passTableAs;
  if (tableAs !== undefined && !inner.some((n) => n.dependencies.some((d) => d.name === tableAs))) {
    throw context.error(DECORATOR, `passes the table as '${tableAs}', which no node of the subdag takes as a parameter`);
  }
  const namespaced = inner.map((node): Node => {
    const bindings: Record<string, DependencySource> = {};
    for (const d of node.dependencies) {
      if (innerNames.has(d.name) || columns.has(d.name)) bindings[d.name] = source(qualified(d.name));
      else if (d.name === tableAs) bindings[d.name] = source(tableDep.name);
    }
    return { ...node, ...bindParameters(node, bindings, context, DECORATOR), name: qualified(node.name) };
  });
  const read = new Set(inner.flatMap((n) => n.dependencies.map((d) => d.name)));
  const selected = options.select ?? inner.filter((n) => !read.has(n.name)).map((n) => n.name);
  for (const name of selected) {
    const node = inner.find((n) => n.name === name);
    if (!node) throw context.error(DECORATOR, `selects '${name}', which the subdag does not compute (it computes ${inner.map((n) => `'${n.name}'`).join(', ')})`);
    if (node.type.kind !== 'column' && node.type.kind !== 'unknown') {
      throw context.error(DECORATOR, `selects '${name}', which returns ${formatType(node.type)}, not a column to append`);
    }
  }
  const passed = [...columns].map((c) => passedColumn(tableDep, c, qualified(c), method));
  const append = appender(tableDep, selected, qualified, method);
  const rewired: Node = {
    ...method,
    dependencies: method.dependencies.map((d) => (d === tableDep ? { ...d, name: append.name } : d)),
  };
  return { primary: [rewired], extra: [...expansion.extra, ...passed, ...namespaced, append] };
}

export const withColumnsExpander: NodeExpander<WithColumnsRecord> = {
  kind: DECORATOR,
  stage: 'inject',
  expand: (expansion, [options], context) => expandWithColumns(expansion, options, context),
};
