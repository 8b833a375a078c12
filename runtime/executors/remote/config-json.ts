import { RemoteExecutionError } from '../../errors';

/**
 * The config as JSON that loses nothing: numbers JSON cannot hold (NaN,
 * ±Infinity, -0) travel tagged, and values JSON would quietly change (a
 * Date into a string, a Map into {}) are refused with their key, rather
 * than giving workers another config than the driver's.
 */
const NUMBER_TAG = '$number';

function encode(value: unknown, path: string): unknown {
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0) ? value : { [NUMBER_TAG]: String(Object.is(value, -0) ? '-0' : value) };
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || value === undefined) return value;
  if (Array.isArray(value)) return value.map((v, i) => encode(v, `${path}[${i}]`));
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v, `${path}.${k}`)]));
  }
  const kind = typeof value === 'object' ? (value as object).constructor?.name ?? 'object' : typeof value;
  throw new RemoteExecutionError(`config value ${path} is a ${kind}, which cannot be sent to workers: use numbers, strings, booleans, null, arrays and plain objects`);
}

function decode(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === NUMBER_TAG) return Number(record[NUMBER_TAG]);
  return Object.fromEntries(keys.map((k) => [k, decode(record[k])]));
}

export function encodeConfig(config: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(config).map(([k, v]) => [k, encode(v, k)]));
}

export function decodeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return decode(config) as Record<string, unknown>;
}
