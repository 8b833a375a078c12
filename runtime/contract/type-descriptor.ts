/**
 * A small, serialisable description of a TypeScript type, emitted by the
 * transformer for every node parameter and return type. It is richer than
 * `design:paramtypes` (which says `Array` for `Column<number>`), and simple
 * enough to travel to worker processes as JSON.
 */
export type TypeDescriptor =
  | { kind: 'unknown' }
  | { kind: 'number' }
  | { kind: 'string' }
  | { kind: 'boolean' }
  | { kind: 'bigint' }
  | { kind: 'date' }
  | { kind: 'null' }
  | { kind: 'undefined' }
  | { kind: 'literal'; value: string | number | boolean }
  /** A column of the dataflow's table (`Column<T>`): every column in one run has the same length. */
  | { kind: 'column'; element: TypeDescriptor }
  /** A free-sized vector: `T[]`, `readonly T[]` or a typed array (`typed` names it). */
  | { kind: 'array'; element: TypeDescriptor; typed?: string }
  /** A tuple (`[A, B]`, `[A, ...B[]]`): a type per position, and `rest` for the positions after them. */
  | { kind: 'tuple'; elements: TypeDescriptor[]; rest?: TypeDescriptor }
  /**
   * An Arquero table; `columns` gives element types when declared (`Table<{ spend: number }>`).
   * Optional, so metadata without it (an older transformer) still reads right: no METADATA_VERSION bump.
   */
  | { kind: 'table'; columns?: Record<string, TypeDescriptor> }
  /** An object literal type or `Record<string, T>`: named fields, or one type for every value. */
  | { kind: 'record'; fields?: Record<string, TypeDescriptor>; values?: TypeDescriptor }
  /** A class instance or interface, known by name only (a fitted model, a client). */
  | { kind: 'object'; name: string }
  | { kind: 'function' }
  | { kind: 'union'; options: TypeDescriptor[] }
  /** `Parallelizable<T>`: the items of a dynamic fan-out; what follows runs once per item. */
  | { kind: 'parallelizable'; element: TypeDescriptor }
  /** `Collect<T>`: a parameter that gathers one value per item of a fan-out. */
  | { kind: 'collect'; element: TypeDescriptor };

export const UNKNOWN: TypeDescriptor = { kind: 'unknown' };

/** Prints a descriptor as the TypeScript a user wrote, for error messages and listings. */
export function formatType(t: TypeDescriptor): string {
  switch (t.kind) {
    case 'literal':
      return JSON.stringify(t.value);
    case 'column':
      return `Column<${formatType(t.element)}>`;
    case 'array':
      if (t.typed) return t.typed;
      return t.element.kind === 'union' ? `(${formatType(t.element)})[]` : `${formatType(t.element)}[]`;
    case 'tuple':
      return `[${[...t.elements.map(formatType), ...(t.rest ? [`...${formatType({ kind: 'array', element: t.rest })}`] : [])].join(', ')}]`;
    case 'table':
      return t.columns ? `Table<${formatType({ kind: 'record', fields: t.columns })}>` : 'Table';
    case 'date':
      return 'Date';
    case 'record':
      if (t.fields) {
        const fields = Object.entries(t.fields).map(([k, v]) => `${k}: ${formatType(v)}`);
        return `{ ${fields.join('; ')} }`;
      }
      return `Record<string, ${formatType(t.values ?? UNKNOWN)}>`;
    case 'object':
      return t.name;
    case 'function':
      return 'Function';
    case 'union':
      return t.options.map(formatType).join(' | ');
    case 'parallelizable':
      return `Parallelizable<${formatType(t.element)}>`;
    case 'collect':
      return `Collect<${formatType(t.element)}>`;
    default:
      return t.kind;
  }
}

/**
 * A column's declared element type without its `null` / `undefined` options:
 * columns hold missing values whatever their type (`number | null` is a number column).
 */
export function presentValues(t: TypeDescriptor): TypeDescriptor {
  if (t.kind !== 'union') return t;
  const options = t.options.filter((o) => o.kind !== 'null' && o.kind !== 'undefined');
  return options.length === t.options.length ? t : options.length === 1 ? options[0] : options.length ? { kind: 'union', options } : t;
}

/** The element type of a column or array, or undefined for other kinds. */
function vectorElement(t: TypeDescriptor): TypeDescriptor | undefined {
  return t.kind === 'column' || t.kind === 'array' ? t.element : undefined;
}

/** The type at a tuple's position `index`: its own, else its rest type; undefined past its end. */
export function tupleElement(t: Extract<TypeDescriptor, { kind: 'tuple' }>, index: number): TypeDescriptor | undefined {
  return t.elements[index] ?? t.rest;
}

/** A tuple seen as an array of any of its element types (where an array or column is expected). */
function tupleAsArray(t: Extract<TypeDescriptor, { kind: 'tuple' }>): TypeDescriptor {
  const options = [...t.elements, ...(t.rest ? [t.rest] : [])];
  const element: TypeDescriptor = options.length === 1 ? options[0] : options.length ? { kind: 'union', options } : UNKNOWN;
  return { kind: 'array', element };
}

/** The widened kind of a literal (`'a'` is a string). */
function widen(t: TypeDescriptor): TypeDescriptor {
  if (t.kind !== 'literal') return t;
  return { kind: typeof t.value as 'string' | 'number' | 'boolean' };
}

/**
 * Whether a value of type `produced` may be passed where `expected` is declared.
 * Deliberately lenient: `unknown` fits everything, and objects are only told
 * apart from scalars and vectors. The errors it catches are the ones that
 * matter in dataflows: a scalar where a column is expected, numbers where
 * strings are expected, a table where a column is expected.
 */
export function fits(produced: TypeDescriptor, expected: TypeDescriptor): boolean {
  if (produced.kind === 'unknown' || expected.kind === 'unknown') return true;
  // Across a fan-out, consumers see one item; a collector sees one value per item.
  if (produced.kind === 'parallelizable') return fits(produced.element, expected);
  if (expected.kind === 'collect') return fits(produced, expected.element);
  if (produced.kind === 'union') return produced.options.every((p) => fits(p, expected));
  if (expected.kind === 'union') return expected.options.some((e) => fits(produced, e));
  if (produced.kind === 'literal' && expected.kind === 'literal') return produced.value === expected.value;
  if (produced.kind === 'tuple' && expected.kind === 'tuple') return tupleFits(produced, expected);
  if (produced.kind === 'tuple') return fits(tupleAsArray(produced), expected);
  if (expected.kind === 'tuple') return fits(produced, tupleAsArray(expected));
  const p = widen(produced);
  const e = widen(expected);
  const pe = vectorElement(p);
  const ee = vectorElement(e);
  if (pe && ee) return fits(pe, ee);
  if (pe || ee) return false;
  if (p.kind === 'object' || e.kind === 'object') {
    // Names are not compared: an interface may be satisfied by another class
    // or by a plain record, and the checker already saw both declarations.
    return isObjectLike(p) && isObjectLike(e);
  }
  if (p.kind === 'record' && e.kind === 'record') return recordFits(p, e);
  if (p.kind === 'table' && e.kind === 'table') return tableFits(p, e);
  return p.kind === e.kind;
}

function isObjectLike(t: TypeDescriptor): boolean {
  return t.kind === 'object' || t.kind === 'record';
}

/** Columns both sides declare must agree in element type; a column one side does not declare is not checked. */
function tableFits(
  p: Extract<TypeDescriptor, { kind: 'table' }>,
  e: Extract<TypeDescriptor, { kind: 'table' }>,
): boolean {
  if (!p.columns || !e.columns) return true;
  return Object.entries(e.columns).every(([name, t]) =>
    !Object.prototype.hasOwnProperty.call(p.columns, name) || fits(p.columns![name], t));
}

function recordFits(
  p: Extract<TypeDescriptor, { kind: 'record' }>,
  e: Extract<TypeDescriptor, { kind: 'record' }>,
): boolean {
  if (!e.fields) return true;
  if (!p.fields) return true;
  return Object.entries(e.fields).every(([name, t]) => {
    // Own fields only (a field named `toString` is no inherited function); the transformer targets ES2020: no Object.hasOwn.
    const produced = Object.prototype.hasOwnProperty.call(p.fields, name) ? p.fields![name] : undefined;
    if (produced === undefined) return fits({ kind: 'undefined' }, t);
    return fits(produced, t);
  });
}

function tupleFits(
  p: Extract<TypeDescriptor, { kind: 'tuple' }>,
  e: Extract<TypeDescriptor, { kind: 'tuple' }>,
): boolean {
  const positions = Math.max(p.elements.length, e.elements.length);
  for (let i = 0; i < positions; i++) {
    const produced = tupleElement(p, i);
    const expected = tupleElement(e, i);
    // A position one side lacks is checked by the type checker, not here.
    if (produced && expected && !fits(produced, expected)) return false;
  }
  return !p.rest || !e.rest || fits(p.rest, e.rest);
}
