import { HamiltonError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { formatType } from '../runtime/contract/type-descriptor';
import { isTable, type Table } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { DependencySource } from './dependency-source';
import type { NodeExpander } from './expansion';
import { columnNode } from './extract-columns';
import { parameterizeOne } from './parameterize';
import { mapResult } from './map-result';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** One parameterisation of @parameterizeExtractColumns: the columns it yields, and how the method's parameters are bound. */
export interface ParameterizedExtract {
  readonly outputs: readonly string[];
  readonly inputMapping: Readonly<Record<string, DependencySource>>;
}

/** `parameterizedExtract(['sumA', 'productA'], { x: source('a') })`: Hamilton's `ParameterizedExtract(outputs, input_mapping)`. */
export function parameterizedExtract(outputs: readonly string[], inputMapping: Readonly<Record<string, DependencySource>>): ParameterizedExtract {
  return { outputs, inputMapping };
}

export interface ParameterizeExtractOptions {
  /** Rename the table's columns, in order, to each parameterisation's outputs (default `true`, as Hamilton's `reassign_columns`). */
  reassignColumns?: boolean;
}

interface ParameterizeExtractRecord {
  extracts: readonly ParameterizedExtract[];
  reassignColumns: boolean;
}

/** A table whose columns cannot be renamed to the outputs: it has another number of them. */
export class ColumnCountError extends HamiltonError {
  constructor(readonly table: string, readonly outputs: readonly string[], readonly columns: readonly string[]) {
    super(`the table from '${table}' has ${columns.length} columns (${columns.map((c) => `'${c}'`).join(', ') || 'none'}), `
      + `but ${outputs.length} outputs rename them: ${outputs.map((o) => `'${o}'`).join(', ')}.`);
  }
}

/**
 * `@parameterizeExtractColumns(parameterizedExtract(['sumA', 'productA'], { x: source('a') }), …)`:
 * @parameterize, then @extractColumns per parameterisation (Hamilton's
 * `@parameterize_extract_columns`). Parameterisation `i` is the table node
 * `<method>__i`; its columns are renamed to the outputs in order, unless
 * `{ reassignColumns: false }`.
 */
export function parameterizeExtractColumns(...args: (ParameterizedExtract | ParameterizeExtractOptions)[]): HamiltonMethodDecorator {
  const extracts = args.filter((a): a is ParameterizedExtract => 'outputs' in a);
  const options = (args.find((a) => !('outputs' in a)) ?? {}) as ParameterizeExtractOptions;
  return recordingDecorator('parameterizeExtractColumns', { extracts, reassignColumns: options.reassignColumns ?? true } satisfies ParameterizeExtractRecord);
}

function renamed(table: Node, outputs: readonly string[]): Node {
  const rename = (value: unknown) => {
    if (!isTable(value)) return value;
    const columns = value.columnNames();
    if (columns.length !== outputs.length) throw new ColumnCountError(table.name, outputs, columns);
    return (value as Table).rename(Object.fromEntries(columns.map((c, i) => [c, outputs[i]])));
  };
  return {
    ...table,
    fn: mapResult(table.fn, rename),
  };
}

export const parameterizeExtractColumnsExpander: NodeExpander<ParameterizeExtractRecord> = {
  kind: 'parameterizeExtractColumns',
  stage: 'expand',
  expand(expansion, [{ extracts, reassignColumns }], context) {
    const kind = 'parameterizeExtractColumns';
    if (extracts.length === 0) throw context.error(kind, 'names no parameterisation');
    const seen = new Set<string>();
    for (const { outputs } of extracts) {
      if (!Array.isArray(outputs) || outputs.length === 0) throw context.error(kind, 'has a parameterisation that names no output column');
      for (const output of outputs) {
        if (seen.has(output)) throw context.error(kind, `names output column '${output}' more than once`);
        seen.add(output);
      }
    }
    const primary: Node[] = [];
    const extra: Node[] = [];
    for (const base of expansion.primary) {
      if (base.type.kind !== 'table' && base.type.kind !== 'unknown') {
        throw context.error(kind, `needs the method to return an Arquero Table, but it returns ${formatType(base.type)}`);
      }
      extracts.forEach(({ outputs, inputMapping }, i) => {
        const parameterized = parameterizeOne(base, `${base.name}__${i}`, inputMapping as Record<string, DependencySource>, context, kind);
        const table = reassignColumns ? renamed(parameterized, outputs) : parameterized;
        primary.push(table);
        extra.push(...outputs.map((column) => columnNode(table, column)));
      });
    }
    return { primary, extra: [...expansion.extra, ...extra] };
  },
};
