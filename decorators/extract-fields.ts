import { HamiltonError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { fits, formatType, UNKNOWN, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';

/** A field type as written in @extractFields: a word for the common kinds, or a full descriptor. */
export type FieldType = 'number' | 'string' | 'boolean' | 'bigint' | 'date' | 'table' | 'column' | 'array' | 'object' | 'unknown' | TypeDescriptor;

export class MissingFieldError extends HamiltonError {
  constructor(readonly record: string, readonly field: string, readonly available: readonly string[]) {
    super(`the record from '${record}' has no field '${field}'; it has ${available.map((f) => `'${f}'`).join(', ') || 'no fields'}.`);
  }
}

/**
 * `@extractFields({ model: 'object', accuracy: 'number' })`: a method returning
 * a record also yields a typed node per field. With field names only
 * (`@extractFields('model', 'accuracy')`) the types come from the method's
 * declared return type.
 */
export function extractFields(fields: Readonly<Record<string, FieldType>>): MethodDecorator;
export function extractFields(...names: string[]): MethodDecorator;
export function extractFields(...args: unknown[]): MethodDecorator {
  const fields = typeof args[0] === 'object' && args[0] !== null
    ? args[0] as Record<string, FieldType>
    : Object.fromEntries((args as string[]).map((name) => [name, undefined]));
  return recordingDecorator('extractFields', fields);
}

function descriptor(type: FieldType | undefined, declared: TypeDescriptor | undefined): TypeDescriptor {
  if (type === undefined) return declared ?? UNKNOWN;
  if (typeof type !== 'string') return type;
  if (type === 'column') return { kind: 'column', element: UNKNOWN };
  if (type === 'array') return { kind: 'array', element: UNKNOWN };
  if (type === 'object') return { kind: 'object', name: 'object' };
  return { kind: type } as TypeDescriptor;
}

function fieldNode(record: Node, field: string, type: TypeDescriptor): Node {
  return {
    ...record,
    name: field,
    dependencies: [{ name: record.name, optional: false, type: record.type }],
    type,
    doc: `Field '${field}' of ${record.name}.`,
    fn: (value: unknown) => {
      if (typeof value !== 'object' || value === null) throw new TypeError(`'${record.name}' returned ${String(value)}, not a record`);
      if (!(field in value)) throw new MissingFieldError(record.name, field, Object.keys(value));
      return (value as Record<string, unknown>)[field];
    },
  };
}

export const extractFieldsExpander: NodeExpander<Record<string, FieldType | undefined>> = {
  kind: 'extractFields',
  stage: 'expand',
  expand(expansion, [fields], context) {
    if (Object.keys(fields).length === 0) throw context.error('extractFields', 'names no field');
    const extra: Node[] = [];
    for (const record of expansion.primary) {
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
        extra.push(fieldNode(record, field, resolved));
      }
    }
    return { primary: expansion.primary, extra: [...expansion.extra, ...extra] };
  },
};
