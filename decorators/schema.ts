import { HamiltonError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { fits, formatType, presentValues, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { builtinValidators, specProblems } from '../runtime/data-quality/builtin-validators';
import type { DataType } from '../runtime/data-quality/check-spec';
import { schemaValidator } from '../runtime/data-quality/table-schema';
import { ValidationContext, type Validator } from '../runtime/data-quality/validator';
import { formatSchemaTag, SCHEMA_OUTPUT_TAG } from '../runtime/graph/output-schema';
import { recordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';
import { mapResult } from './map-result';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** A node's table did not fit its `@schema.output`: a column missing, or values of another type. */
export class OutputSchemaError extends HamiltonError {
  constructor(readonly nodeName: string, readonly problems: string) {
    super(`'${nodeName}' returned a table that does not fit its @schema.output: ${problems}.`);
  }
}

const DATA_TYPES: readonly DataType[] = ['number', 'integer', 'string', 'boolean', 'bigint', 'date'];
const DECORATOR = 'schema.output';

type SchemaRecord = readonly (readonly [column: string, type: DataType])[];

/**
 * `@schema.output(['spend', 'number'], ['region', 'string'])` (Hamilton's
 * `@schema.output(("spend", "float"), …)`): the columns of the table the
 * method returns, as node metadata (the `hamilton.internal.schema_output`
 * tag, `schema` in listings, the node's label in drawings), checked when
 * the node runs: a table that lacks a column or holds values of another
 * type is an OutputSchemaError. Types are @checkOutput's data types.
 */
export const schema = {
  output: (...columns: (readonly [column: string, type: DataType])[]): HamiltonMethodDecorator =>
    recordingDecorator('schema.output', columns satisfies SchemaRecord),
};

/** The element type a data type stands for, to compare with a `Table<{ … }>` return type. */
function elementOf(type: DataType): TypeDescriptor {
  return { kind: type === 'integer' ? 'number' : type };
}

function checkArguments(columns: SchemaRecord, node: Node, context: ExpansionContext): void {
  if (columns.length === 0) throw context.error(DECORATOR, 'names no column');
  const seen = new Set<string>();
  for (const entry of columns) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || entry[0] === '' || entry[0].includes(',') || entry[0].includes('=')) {
      throw context.error(DECORATOR, `takes [column, type] pairs with a column name free of ',' and '=', not ${JSON.stringify(entry)}`);
    }
    const [name, type] = entry;
    if (!DATA_TYPES.includes(type)) {
      throw context.error(DECORATOR, `gives column '${name}' the type '${type}'; use ${DATA_TYPES.slice(0, -1).map((t) => `'${t}'`).join(', ')} or '${DATA_TYPES.at(-1)}'`);
    }
    if (seen.has(name)) throw context.error(DECORATOR, `names column '${name}' twice`);
    seen.add(name);
    const declared = node.type.kind === 'table' ? node.type.columns?.[name] : undefined;
    if (declared && !fits(presentValues(declared), elementOf(type))) {
      throw context.error(DECORATOR, `gives column '${name}' the type ${type}, but the return type says ${formatType(declared)}`);
    }
  }
  if (node.type.kind !== 'table' && node.type.kind !== 'unknown') {
    throw context.error(DECORATOR, `describes a table, but the method returns ${formatType(node.type)}`);
  }
}

/** The node, tagged with its schema, its value checked by table-schema's validator before anything reads it. */
function withSchema(node: Node, columns: SchemaRecord, validator: Validator): Node {
  const check = (value: unknown) => {
    const verdict = validator.validate(value, ValidationContext.for([validator]));
    if (!verdict.passed) throw new OutputSchemaError(node.name, verdict.message);
    return value;
  };
  return {
    ...node,
    tags: { ...node.tags, [SCHEMA_OUTPUT_TAG]: formatSchemaTag(columns) },
    fn: mapResult(node.fn, check),
  };
}

export const schemaOutputExpander: NodeExpander<SchemaRecord> = {
  kind: 'schema.output',
  stage: 'transform',
  expand(expansion, [columns], context) {
    for (const node of expansion.primary) checkArguments(columns, node, context);
    const validator = schemaValidator(
      { columns: Object.fromEntries(columns.map(([name, type]) => [name, { type }])) },
      builtinValidators,
      specProblems,
    );
    return { primary: expansion.primary.map((node) => withSchema(node, columns, validator)), extra: expansion.extra };
  },
};
