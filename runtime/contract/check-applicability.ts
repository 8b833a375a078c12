import { formatType, type TypeDescriptor } from './type-descriptor';

/**
 * Which types each built-in `@checkOutput` check can read, shared by the
 * graph build (a validator's `unsuitableFor`) and the transformer, which
 * reports an unsuitable check at compile time.
 */
const NUMERIC = new Set(['number', 'unknown']);
const STRINGS = new Set(['string', 'unknown']);

/** The element (or scalar) type a check reads: `Column<number>` reads numbers. */
function elementType(type: TypeDescriptor): TypeDescriptor {
  if (type.kind === 'column' || type.kind === 'array') return type.element;
  return type;
}

function elementKinds(type: TypeDescriptor): Set<string> {
  const t = elementType(type);
  if (t.kind === 'union') return new Set(t.options.map((o) => (o.kind === 'literal' ? typeof o.value : o.kind)));
  return new Set([t.kind === 'literal' ? typeof t.value : t.kind]);
}

function unsuitable(allowed: Set<string>, what: string) {
  return (type: TypeDescriptor): string | undefined => {
    if (type.kind === 'table') return `checks ${what}, but the node returns a Table: put column checks in a schema`;
    const kinds = elementKinds(type);
    if ([...kinds].some((k) => allowed.has(k))) return undefined;
    return `checks ${what}, but the node returns ${formatType(type)}`;
  };
}

export const numericOnly = unsuitable(NUMERIC, 'numbers');
export const stringsOnly = unsuitable(STRINGS, 'strings');

export function uniqueUnsuitable(type: TypeDescriptor): string | undefined {
  return type.kind === 'column' || type.kind === 'array' || type.kind === 'unknown' ? undefined : `checks uniqueness, but the node returns ${formatType(type)}`;
}

export function schemaUnsuitable(type: TypeDescriptor): string | undefined {
  return type.kind === 'table' || type.kind === 'unknown' ? undefined : 'checks a table schema, but the node does not return a Table';
}

/**
 * Why the check under `key` of a CheckSpec (with `value`) cannot apply to a
 * node of `type`, or undefined when it can (or the check is not known here).
 */
export function checkUnsuitableFor(key: string, value: unknown, type: TypeDescriptor): string | undefined {
  switch (key) {
    case 'range': case 'maxNaNFraction': case 'meanRange': case 'maxStd':
      return numericOnly(type);
    case 'allowNaN':
      return value === false ? numericOnly(type) : undefined;
    case 'contains': case 'notContains': case 'length':
      return stringsOnly(type);
    case 'unique':
      return value ? uniqueUnsuitable(type) : undefined;
    case 'schema':
      return schemaUnsuitable(type);
    default:
      return undefined;
  }
}
