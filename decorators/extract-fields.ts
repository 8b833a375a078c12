import { HamiltonError, OutputTypeError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
import type { Node } from '../runtime/graph/node';
import { fits, formatType, UNKNOWN, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { recordingDecorator } from './decorator-record';
import type { ExpansionContext, NodeExpander } from './expansion';
import { mapResult } from './map-result';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** A field type as written in @extractFields: a word for the common kinds, or a full descriptor. */
export type FieldType = 'number' | 'string' | 'boolean' | 'bigint' | 'date' | 'table' | 'column' | 'array' | 'object' | 'unknown' | TypeDescriptor;

export class MissingFieldError extends HamiltonError {
  constructor(readonly record: string, readonly field: string, readonly available: readonly string[]) {
    super(`the record from '${record}' has no field '${field}'; it has ${available.map((f) => `'${f}'`).join(', ') || 'no fields'}.`);
  }
}

export interface ExtractFieldsOptions {
  /** A value for a field the record lacks (Hamilton's `fill_with`); without it a missing field is a MissingFieldError. */
  fill?: unknown;
  /** Docs of the field nodes, by field (default: the method's doc). */
  docs?: Readonly<Record<string, string>>;
}

interface ExtractFieldsRecord {
  fields: Record<string, FieldType | undefined>;
  fill?: unknown;
  docs: Readonly<Record<string, string>>;
}

/**
 * `@extractFields({ model: 'object', accuracy: 'number' })`: a method returning
 * a record also yields a typed node per field. With field names only
 * (`@extractFields('model', 'accuracy')`) the types come from the method's
 * declared return type; with none (`@extractFields()`), every field of it.
 * A last options argument may give `fill` and `docs`.
 */
export function extractFields(fields: Readonly<Record<string, FieldType>>, options?: ExtractFieldsOptions): HamiltonMethodDecorator;
export function extractFields(...names: (string | ExtractFieldsOptions)[]): HamiltonMethodDecorator;
export function extractFields(...args: unknown[]): HamiltonMethodDecorator {
  const byType = typeof args[0] === 'object' && args[0] !== null;
  const options = ((byType ? args[1] : args.find((a) => typeof a === 'object' && a !== null)) ?? {}) as ExtractFieldsOptions;
  const fields = byType
    ? args[0] as Record<string, FieldType>
    : Object.fromEntries((args.filter((a) => typeof a === 'string') as string[]).map((name) => [name, undefined]));
  return recordingDecorator('extractFields', { fields, fill: options.fill, docs: options.docs ?? {} } satisfies ExtractFieldsRecord);
}

function descriptor(type: FieldType | undefined, declared: TypeDescriptor | undefined): TypeDescriptor {
  if (type === undefined) return declared ?? UNKNOWN;
  if (typeof type !== 'string') return type;
  if (type === 'column') return { kind: 'column', element: UNKNOWN };
  if (type === 'array') return { kind: 'array', element: UNKNOWN };
  if (type === 'object') return { kind: 'object', name: 'object' };
  return { kind: type } as TypeDescriptor;
}

function fieldNode(record: Node, field: string, type: TypeDescriptor, doc: string | undefined): Node {
  return {
    ...record,
    name: field,
    dependencies: [{ name: record.name, optional: false, type: record.type }],
    type,
    doc: doc ?? record.doc,
    fn: (value: unknown) => {
      if (typeof value !== 'object' || value === null) throw new OutputTypeError(record.name, { kind: 'record' }, describeValue(value), '@extractFields');
      if (!Object.hasOwn(value, field)) throw new MissingFieldError(record.name, field, Object.keys(value));
      return (value as Record<string, unknown>)[field];
    },
  };
}

/** The record node, adding each missing field as `fill` (on a copy), as Hamilton's `fill_with` does. */
function filling(record: Node, fields: readonly string[], fill: unknown): Node {
  const fillIn = (value: unknown) => {
    if (typeof value !== 'object' || value === null) return value;
    const missing = fields.filter((f) => !Object.hasOwn(value, f));
    return missing.length ? { ...value, ...Object.fromEntries(missing.map((f) => [f, fill])) } : value;
  };
  return {
    ...record,
    fn: mapResult(record.fn, fillIn),
  };
}

/** `@extractFields()`: every field the declared return type names (Hamilton's extract_fields without fields). */
function allFields(records: readonly Node[], context: ExpansionContext): Record<string, undefined> {
  const t = records[0]?.type ?? UNKNOWN;
  if (t.kind !== 'record' || !t.fields || Object.keys(t.fields).length === 0) {
    throw context.error('extractFields', `names no field, and the return type ${formatType(t)} has no known fields to take them from`);
  }
  return Object.fromEntries(Object.keys(t.fields).map((f) => [f, undefined]));
}

export const extractFieldsExpander: NodeExpander<ExtractFieldsRecord> = {
  kind: 'extractFields',
  stage: 'expand',
  expand(expansion, [{ fields, fill, docs }], context) {
    if (Object.keys(fields).length === 0) fields = allFields(expansion.primary, context);
    const undocumented = Object.keys(docs).filter((f) => !(f in fields));
    if (undocumented.length) {
      throw context.error('extractFields', `documents ${undocumented.map((f) => `'${f}'`).join(', ')}, which it does not extract`);
    }
    const extra: Node[] = [];
    const primary = fill === undefined ? expansion.primary : expansion.primary.map((r) => filling(r, Object.keys(fields), fill));
    for (const record of primary) {
      const t = record.type;
      if (t.kind !== 'record' && t.kind !== 'object' && t.kind !== 'unknown') {
        throw context.error('extractFields', `needs the method to return a record, but it returns ${formatType(t)}`);
      }
      for (const [field, type] of Object.entries(fields)) {
        const declared = t.kind === 'record' ? t.fields?.[field] ?? t.values : undefined;
        if (t.kind === 'record' && t.fields && !declared) {
          throw context.error('extractFields', `names field '${field}', which the return type ${formatType(t)} does not have`);
        }
        const resolved = descriptor(type, declared);
        if (declared && !fits(declared, resolved)) {
          throw context.error('extractFields', `declares field '${field}' as ${formatType(resolved)}, but the return type says ${formatType(declared)}`);
        }
        extra.push(fieldNode(record, field, resolved, docs[field]));
      }
    }
    return { primary, extra: [...expansion.extra, ...extra] };
  },
};
