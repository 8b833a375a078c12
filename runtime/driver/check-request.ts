import { describeValue, isTable } from '../values/values';
import type { ExecuteOptions } from './driver';
import { InvalidRequestError } from './request-error';

/** Every option of ExecuteOptions: the compiler keeps this in step with the interface. */
const OPTION_KEYS = Object.keys({
  inputs: true, overrides: true, onFailedCheck: true, timeoutMs: true,
} satisfies Record<keyof ExecuteOptions, true>);
const ON_FAILED_CHECK = ['stop', 'skipDependents'];

/**
 * Checks the shape of a request before anything reads it, so that a string
 * for `outputs`, a `null` for `inputs` or a misspelt option fails with what
 * is wrong rather than a TypeError from deep inside, or a silently empty run.
 */
export function checkRequest(method: string, outputs: unknown, options: unknown): void {
  const refuse = (argument: string, detail: string) => new InvalidRequestError(method, argument, detail);
  if (!Array.isArray(outputs)) {
    const hint = typeof outputs === 'string' && outputs ? `; write ['${outputs}']` : '';
    throw refuse('outputs', `outputs must be an array of node names, but got ${describe(outputs)}${hint}`);
  }
  outputs.forEach((name, i) => {
    if (typeof name !== 'string' || name === '') throw refuse('outputs', `outputs[${i}] must be a non-empty string (a node name), but got ${describe(name)}`);
  });
  if (options === undefined) return;
  if (!isRecord(options)) throw refuse('options', `options must be an object ({ ${OPTION_KEYS.join(', ')} }), but got ${describe(options)}`);
  for (const key of Object.keys(options)) {
    if (OPTION_KEYS.includes(key)) continue;
    const close = OPTION_KEYS.find((k) => k.toLowerCase().startsWith(key.toLowerCase()) || key.toLowerCase().startsWith(k.toLowerCase()));
    throw refuse('options', `options has no '${key}'${close ? ` (did you mean '${close}'?)` : ''}: it takes ${OPTION_KEYS.join(', ')}`);
  }
  const { inputs, overrides, onFailedCheck } = options;
  if (inputs !== undefined && !isRecord(inputs) && !isTable(inputs)) {
    throw refuse('options.inputs', `options.inputs must be a record of values or an Arquero table, but got ${describe(inputs)}`);
  }
  if (overrides !== undefined && !isRecord(overrides)) {
    throw refuse('options.overrides', `options.overrides must be a record of values, but got ${describe(overrides)}`);
  }
  if (onFailedCheck !== undefined && !ON_FAILED_CHECK.includes(onFailedCheck as string)) {
    throw refuse('options.onFailedCheck', `options.onFailedCheck must be ${ON_FAILED_CHECK.map((o) => `'${o}'`).join(' or ')}, but got ${describe(onFailedCheck)}`);
  }
}

/** A plain object (`{ … }` or `Object.create(null)`), from any realm: not an array, a Map, a table or a class instance. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto = Object.getPrototypeOf(value) as object | null;
  return proto === null || Object.getPrototypeOf(proto) === null;
}

function describe(value: unknown): string {
  return value === '' ? 'an empty string' : describeValue(value);
}
