import * as aq from 'arquero';
import { HamiltonError, OutputTypeError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { fits, formatType, presentValues, UNKNOWN, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { describeValue, isTable, tableColumn, type Table } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';
import { mapResult } from './map-result';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** A table missing a column that @extractColumns promised. */
export class MissingColumnError extends HamiltonError {
  constructor(readonly table: string, readonly column: string, readonly available: readonly string[]) {
    super(`the table from '${table}' has no column '${column}'; it has ${available.map((c) => `'${c}'`).join(', ') || 'no columns'}.`);
  }
}

/** A column whose values are not of the element type @extractColumns declares (judged by its first non-null value). */
export class ColumnElementError extends HamiltonError {
  constructor(readonly table: string, readonly column: string, readonly expected: TypeDescriptor, readonly got: string, readonly first: string) {
    super(`the table from '${table}' has a column '${column}' of ${got} values (first: ${first}), but @extractColumns declares ${formatType({ kind: 'column', element: expected })}.`);
  }
}

/** A column to extract: its name, or `[name, doc]` to give the column node its own doc. */
export type ColumnSpec = string | readonly [name: string, doc: string];

/** A column's element type as written in @extractColumns: a word for the scalar kinds, or a full descriptor. */
export type ColumnType = 'number' | 'string' | 'boolean' | 'bigint' | 'date' | 'unknown' | TypeDescriptor;
const TYPE_WORDS = ['number', 'string', 'boolean', 'bigint', 'date', 'unknown'];

export interface ExtractColumnsOptions {
  /** A value for every row of a column the table lacks (Hamilton's `fill_with`); without it a missing column is a MissingColumnError. */
  fill?: unknown;
  /** Docs of the column nodes, by column (default: the method's doc); or give `[name, doc]` pairs. */
  docs?: Readonly<Record<string, string>>;
}

interface ExtractColumnsRecord {
  columns: { name: string; doc?: string; type?: ColumnType }[];
  fill?: unknown;
  /** Docs by column, for the columns taken from the return type (`@extractColumns({ docs })`). */
  docs?: Readonly<Record<string, string>>;
}

/**
 * `@extractColumns('spend', ['signups', 'New accounts per day.'], { fill: 0 })`:
 * a method returning an Arquero table also yields one node per named column.
 * `@extractColumns({ spend: 'number', region: 'string' })` types the column
 * nodes; with names only they are typed from a `Table<{ spend: number; … }>`
 * return type, and with no argument every column of that type is extracted.
 * A column node's doc is the method's, or the one given beside its name or in `docs`.
 */
export function extractColumns(columns: Readonly<Record<string, ColumnType>>, options?: ExtractColumnsOptions): HamiltonMethodDecorator;
export function extractColumns(...args: (ColumnSpec | ExtractColumnsOptions)[]): HamiltonMethodDecorator;
export function extractColumns(...args: unknown[]): HamiltonMethodDecorator {
  const isSpec = (a: unknown): a is ColumnSpec => typeof a === 'string' || Array.isArray(a);
  const byType = typeof args[0] === 'object' && args[0] !== null && !Array.isArray(args[0]) && !isOptionsOnly(args[0]);
  const options = ((byType ? args[1] : args.find((a) => !isSpec(a))) ?? {}) as ExtractColumnsOptions;
  const docs = options.docs ?? {};
  const columns = byType
    ? Object.entries(args[0] as Record<string, ColumnType>).map(([name, type]) => ({ name, type, doc: docs[name] }))
    : args.filter(isSpec).map((c) => (typeof c === 'string' ? { name: c, doc: docs[c] } : { name: c[0], doc: c[1] }));
  return recordingDecorator('extractColumns', { columns, fill: options.fill, docs: options.docs } satisfies ExtractColumnsRecord);
}

/** A column type as written: a type word or a type descriptor. */
const isColumnType = (v: unknown): boolean => TYPE_WORDS.includes(v as never) || (typeof v === 'object' && v !== null && typeof (v as { kind?: unknown }).kind === 'string');

/**
 * `@extractColumns({ fill: 0 })`: options alone (every column from the return type),
 * not a column named `fill`. A map whose values are all column types is a type map.
 */
function isOptionsOnly(arg: object): boolean {
  const entries = Object.entries(arg);
  return entries.length > 0 && entries.every(([key]) => key === 'fill' || key === 'docs') && !entries.every(([, v]) => isColumnType(v));
}

/** The kind of one value, as the element check names it ('date' for a Date, else its typeof). */
function valueKind(value: unknown): string {
  if (value instanceof Date) return 'date';
  return typeof value;
}

/**
 * O(1) in practice: a typed array's kind is its class; a plain array is
 * judged by its first non-null value (among the first 64), not row by row.
 */
function checkElements(table: string, column: string, data: ArrayLike<unknown>, element: TypeDescriptor): void {
  if (!['number', 'string', 'boolean', 'bigint', 'date'].includes(element.kind)) return;
  let first: unknown;
  for (let i = 0; i < Math.min(data.length, 64); i++) {
    if (data[i] !== null && data[i] !== undefined) {
      first = data[i];
      break;
    }
  }
  if (first === undefined) return;
  const got = valueKind(first);
  if (got === element.kind) return;
  const shown = typeof first === 'string' ? JSON.stringify(first) : first instanceof Date ? first.toISOString() : String(first);
  throw new ColumnElementError(table, column, element, got, shown);
}

/** The node of one column of the table node's value: typed a column of `element`, documented as the table unless `doc` is given. */
export function columnNode(table: Node, column: string, doc?: string, element: TypeDescriptor = UNKNOWN): Node {
  return {
    ...table,
    name: column,
    dependencies: [{ name: table.name, optional: false, type: { kind: 'table' } }],
    type: { kind: 'column', element },
    doc: doc ?? table.doc,
    fn: (value: unknown) => {
      if (!isTable(value)) throw new OutputTypeError(table.name, { kind: 'table' }, describeValue(value), '@extractColumns');
      const data = tableColumn(value, column);
      if (!data) throw new MissingColumnError(table.name, column, value.columnNames());
      checkElements(table.name, column, data, element);
      return data;
    },
  };
}

/** The table node, adding each missing column filled with `fill`, as Hamilton's `fill_with` does. */
function filling(table: Node, columns: readonly string[], fill: unknown): Node {
  const fillIn = (value: unknown) => {
    if (!isTable(value)) return value;
    const missing = columns.filter((c) => !value.column(c));
    if (missing.length === 0) return value;
    return (value as Table).derive(Object.fromEntries(missing.map((c) => [c, aq.escape(() => fill)])));
  };
  return {
    ...table,
    fn: mapResult(table.fn, fillIn),
  };
}

function elementOf(type: ColumnType | undefined, column: string, context: ExpansionContext): TypeDescriptor | undefined {
  if (type === undefined) return type;
  if (typeof type === 'object') {
    if (isColumnType(type)) return type;
    throw context.error('extractColumns', `gives column '${column}' the type ${JSON.stringify(type)}; use ${TYPE_WORDS.map((w) => `'${w}'`).join(', ')} or a type descriptor`);
  }
  if (!TYPE_WORDS.includes(type)) {
    throw context.error('extractColumns', `gives column '${column}' the type '${type}'; use ${TYPE_WORDS.map((w) => `'${w}'`).join(', ')} or a type descriptor`);
  }
  return { kind: type } as TypeDescriptor;
}

/** `@extractColumns()`: every column the declared `Table<{ … }>` names. */
function allColumns(tables: readonly Node[], docs: Readonly<Record<string, string>>, context: ExpansionContext): ExtractColumnsRecord['columns'] {
  const t = tables[0]?.type ?? UNKNOWN;
  if (t.kind !== 'table' || !t.columns || Object.keys(t.columns).length === 0) {
    throw context.error('extractColumns', `names no column, and the return type ${formatType(t)} declares none (write Table<{ spend: number; … }>)`);
  }
  return Object.keys(t.columns).map((name) => ({ name, doc: Object.hasOwn(docs, name) ? docs[name] : undefined }));
}

export const extractColumnsExpander: NodeExpander<ExtractColumnsRecord> = {
  kind: 'extractColumns',
  stage: 'expand',
  expand(expansion, [record], context) {
    for (const node of expansion.primary) {
      if (node.type.kind !== 'table' && node.type.kind !== 'unknown') {
        throw context.error('extractColumns', `needs the method to return an Arquero Table, but it returns ${formatType(node.type)}`);
      }
    }
    const columns = record.columns.length ? record.columns : allColumns(expansion.primary, record.docs ?? {}, context);
    const names = columns.map((c) => c.name);
    const primary = record.fill === undefined ? expansion.primary : expansion.primary.map((t) => filling(t, names, record.fill));
    const extra = primary.flatMap((table) => columns.map((c) => {
      const declaredColumns = table.type.kind === 'table' ? table.type.columns : undefined;
      const declared = declaredColumns?.[c.name];
      if (declaredColumns && !Object.hasOwn(declaredColumns, c.name)) {
        throw context.error('extractColumns', `names column '${c.name}', which the return type ${formatType(table.type)} does not have`);
      }
      const given = elementOf(c.type, c.name, context);
      if (given && declared && !fits(presentValues(declared), given)) {
        throw context.error('extractColumns', `declares column '${c.name}' as ${formatType(given)}, but the return type says ${formatType(declared)}`);
      }
      return columnNode(table, c.name, c.doc, given ?? declared ?? UNKNOWN);
    }));
    return { primary, extra: [...expansion.extra, ...extra] };
  },
};
