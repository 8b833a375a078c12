import { types } from 'node:util';
import { describeValue, isTable, isTypedArray } from '../../values/values';

/**
 * What crosses to a worker thread or a BullMQ worker and arrives as itself,
 * for both executors. Anything else is refused before it is sent: a
 * function, or a class instance (a fitted model), which would arrive as a
 * bare record without its methods (`model.predict is not a function`).
 */
export const SENDABLE_VALUES = 'scalars, Dates, arrays, typed arrays, plain objects, Maps, Sets and Arquero tables';

/** `{ … }` or `Object.create(null)`, from this realm or another (values arrive from other threads). */
export function isPlainRecord(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
  return proto === null || (Object.getPrototypeOf(proto) === null && proto.constructor?.name === 'Object');
}

/**
 * What would not arrive as itself in a value, as the value or inside its
 * arrays, plain objects, Maps and Sets: 'a function at options.round',
 * 'a LinearModel', 'a LinearModel at models[1]'; undefined if all of it travels.
 */
export function unsendable(value: unknown, at = '', open = new Set<object>()): string | undefined {
  const type = typeof value;
  const where = at ? ` at ${at}` : '';
  if (type === 'function' || type === 'symbol') return `a ${type}${where}`;
  if (type !== 'object' || value === null || isTypedArray(value) || isTable(value)) return undefined;
  const object = value as object;
  // Structured clone keeps cycles; walk each container once.
  if (open.has(object)) return undefined;
  open.add(object);
  if (Array.isArray(object)) {
    for (let i = 0; i < object.length; i++) {
      const element: unknown = object[i];
      if (typeof element === 'number' || typeof element === 'string') continue;
      const found = unsendable(element, `${at}[${i}]`, open);
      if (found) return found;
    }
    return undefined;
  }
  if (isPlainRecord(object)) {
    for (const key of Object.keys(object)) {
      const found = unsendable((object as Record<string, unknown>)[key], at ? `${at}.${key}` : key, open);
      if (found) return found;
    }
    return undefined;
  }
  const kind = (Object.getPrototypeOf(object) as { constructor?: { name?: string } }).constructor?.name;
  if (types.isDate(object) && kind === 'Date') return undefined;
  if ((types.isMap(object) && kind === 'Map') || (types.isSet(object) && kind === 'Set')) {
    let i = 0;
    for (const entry of (object as Map<unknown, unknown> | Set<unknown>).entries()) {
      const found = unsendable(types.isMap(object) ? entry : entry[0], `${at}<entry ${i++}>`, open);
      if (found) return found;
    }
    return undefined;
  }
  return `${describeValue(object)}${where}`;
}

/** Why what unsendable found is refused, for a message: '…, which would not arrive as itself in a worker thread (…): only … travel'. */
export function unsendableReason(found: string, destination: string): string {
  return `${found}, which would not arrive as itself in ${destination} (a class instance loses its methods, a function cannot be copied): only ${SENDABLE_VALUES} travel`;
}
