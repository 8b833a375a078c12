import { isDeepStrictEqual } from 'node:util';
import { DecoratorArgumentError } from '../runtime/errors';
import { describeValue } from '../runtime/values/values';
import type { Node } from '../runtime/graph/node';
import { recordingDecorator, type RecordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';

type ConfigPredicate = (config: Readonly<Record<string, unknown>>) => boolean;

/** One @config.when… test (also gating a pipe step). */
export type Condition = { name?: string } & (
  | { op: 'when'; values: Record<string, unknown> }
  | { op: 'whenNot'; values: Record<string, unknown> }
  | { op: 'whenIn'; values: Record<string, readonly unknown[]> }
  | { op: 'whenNotIn'; values: Record<string, readonly unknown[]> }
  | { op: 'predicate'; resolves: ConfigPredicate });

export interface ConfigOptions {
  /** The node's name under this condition (Hamilton's `name` / `target_name`); default: the method's name without its `__variant` suffix. */
  name?: string;
}

/** Hamilton compares with Python's `==`: an array or record in the config matches one written alike. */
const equal = (a: unknown, b: unknown): boolean => a === b || isDeepStrictEqual(a, b);

export function holds(condition: Condition, config: Readonly<Record<string, unknown>>): boolean {
  if (condition.op === 'predicate') return decided(condition.resolves(config));
  return Object.entries(condition.values).every(([key, expected]) => {
    const actual = Object.hasOwn(config, key) ? config[key] : undefined;
    switch (condition.op) {
      case 'when': return equal(actual, expected);
      case 'whenNot': return !equal(actual, expected);
      case 'whenIn': return (expected as readonly unknown[]).some((e) => equal(actual, e));
      case 'whenNotIn': return !(expected as readonly unknown[]).some((e) => equal(actual, e));
    }
  });
}

/** A predicate's result counts by truthiness, as in Hamilton; a promise would always be truthy, so it is refused. */
function decided(result: unknown): boolean {
  if (typeof (result as { then?: unknown } | null)?.then === 'function') {
    throw new TypeError('the predicate returned a promise: the graph is built synchronously, so it must decide at once (no async function)');
  }
  return Boolean(result);
}

export function describeCondition(conditions: readonly Condition[]): string {
  return conditions.map((c) => (c.op === 'predicate'
    ? `config(${c.resolves.name || 'a predicate'})`
    : `${c.op}(${Object.entries(c.values).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')})`)).join(' and ');
}

const record = (condition: Condition) => recordingDecorator('config', condition);

/**
 * `@config.when({ clf: 'logistic' })`: the method is a node only under
 * matching config. Write several implementations of one node as
 * `name__variant` methods; the suffix is dropped from the node name, or
 * `{ name }` gives it. `@config(cfg => …)` decides from the whole config
 * (Hamilton's `@config(resolves)`). Several config decorators on one method
 * must all hold.
 */
export const config = Object.assign(
  (resolves: ConfigPredicate, options: ConfigOptions = {}): RecordingDecorator => {
    if (typeof resolves !== 'function') throw new DecoratorArgumentError('@config', `takes a function from the config to true or false, got ${describeValue(resolves)}`);
    return record({ op: 'predicate', resolves, name: options.name });
  },
  {
    when: (values: Record<string, unknown>, options: ConfigOptions = {}) => record({ op: 'when', values, name: options.name }),
    whenNot: (values: Record<string, unknown>, options: ConfigOptions = {}) => record({ op: 'whenNot', values, name: options.name }),
    whenIn: (values: Record<string, readonly unknown[]>, options: ConfigOptions = {}) => record({ op: 'whenIn', values, name: options.name }),
    whenNotIn: (values: Record<string, readonly unknown[]>, options: ConfigOptions = {}) => record({ op: 'whenNotIn', values, name: options.name }),
  },
);

/**
 * The node name a method stands for: `prefitClf__logreg` is a variant of
 * `prefitClf`. As Hamilton's `sanitize_function_name`, the suffix follows the
 * last `__`: `total__v1__fast` is a variant of `total__v1`.
 */
export function variantBaseName(method: string): string {
  const cut = method.lastIndexOf('__');
  return cut > 0 ? method.slice(0, cut) : method;
}

export const configExpander: NodeExpander<Condition> = {
  kind: 'config',
  stage: 'resolve',
  repeatable: true,
  expand(expansion, conditions, context) {
    const names = [...new Set(conditions.flatMap((c) => (c.name === undefined ? [] : [c.name])))];
    if (names.length > 1) throw context.error('config', `names the node ${names.map((n) => `'${n}'`).join(' and ')}: give one name`);
    if (names.length === 1 && (typeof names[0] !== 'string' || names[0].length === 0)) {
      throw context.error('config', `names the node ${JSON.stringify(names[0])}: a name is a non-empty string`);
    }
    if (context.method.endsWith('__')) {
      // Hamilton's config.validate refuses it too: `total__` reads as a variant without a name.
      throw context.error('config', `(at ${context.location}) decorates '${context.method}', whose name ends in '__': a variant is named <node>__<variant>, the node being what comes before the last '__'; name the variant after it ('${context.method}v1') or drop the trailing '__'`);
    }
    const condition = describeCondition(conditions);
    const name = names[0] ?? variantBaseName(context.method);
    let kept: boolean;
    try {
      kept = conditions.every((c) => holds(c, context.config));
    } catch (error) {
      throw context.error('config', `failed to decide from the config: ${(error as Error)?.message ?? error}`);
    }
    if (!kept) {
      context.removedVariants.push({ name, className: context.className, method: context.method, condition });
      return { primary: [], extra: [] };
    }
    const rename = (n: Node): Node => ({ ...n, name: n.name === context.method ? name : n.name, variant: condition });
    return { primary: expansion.primary.map(rename), extra: expansion.extra };
  },
};
