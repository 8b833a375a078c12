import { HamiltonError } from '../runtime/errors';
import type { Node } from '../runtime/graph/node';
import { formatType, tupleElement, UNKNOWN, type TypeDescriptor } from '../runtime/contract/type-descriptor';
import { describeValue } from '../runtime/values/values';
import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';
import type { HamiltonMethodDecorator } from './standard-decorators';

/** A tuple shorter than the fields @unpackFields names from it. */
export class MissingTupleElementError extends HamiltonError {
  constructor(readonly tuple: string, readonly field: string, readonly index: number, readonly produced: string) {
    super(`'${tuple}' returned ${produced}, which has no element ${index} for field '${field}'.`);
  }
}

/**
 * `@unpackFields('xTrain', 'xTest')`: a method returning a tuple also yields
 * one node per position, typed from the tuple type (Hamilton's `@unpack_fields`).
 * The names may cover the first positions only; with a rest element
 * (`[A, ...B[]]`) they may go past the fixed ones.
 */
export function unpackFields(...fields: string[]): HamiltonMethodDecorator {
  return recordingDecorator('unpackFields', fields);
}

function elementNode(tuple: Node, field: string, index: number, type: TypeDescriptor): Node {
  return {
    ...tuple,
    name: field,
    dependencies: [{ name: tuple.name, optional: false, type: tuple.type }],
    type,
    fn: (value: unknown) => {
      if (!Array.isArray(value) || index >= value.length) throw new MissingTupleElementError(tuple.name, field, index, describeValue(value));
      return value[index];
    },
  };
}

export const unpackFieldsExpander: NodeExpander<string[]> = {
  kind: 'unpackFields',
  stage: 'expand',
  expand(expansion, [fields], context) {
    if (fields.length === 0) throw context.error('unpackFields', 'names no field');
    const extra = expansion.primary.flatMap((tuple) => {
      const t = tuple.type;
      if (t.kind !== 'tuple' && t.kind !== 'unknown') {
        throw context.error('unpackFields', `needs the method to return a tuple ([A, B] or [A, ...B[]]), but it returns ${formatType(t)}`);
      }
      if (t.kind === 'tuple' && !t.rest && fields.length > t.elements.length) {
        throw context.error('unpackFields', `names ${fields.length} fields, but the return type ${formatType(t)} has ${t.elements.length}`);
      }
      return fields.map((field, i) => elementNode(tuple, field, i, t.kind === 'tuple' ? tupleElement(t, i)! : UNKNOWN));
    });
    return { primary: expansion.primary, extra: [...expansion.extra, ...extra] };
  },
};
