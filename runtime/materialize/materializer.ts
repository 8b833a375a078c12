import { DecoratorArgumentError } from '../errors';
import type { ResultBuilder } from '../results/result-builder';
import { describeValue } from '../values/values';
import type { LoaderOptionTypes, SaverOptionTypes, SurfaceOptions } from '../io/nodes/adapter-option-types';

/**
 * `from.<adapter>({ target, …options })` (Hamilton's `from_.<adapter>`): at
 * `materialize` (or `Builder.withMaterializers`), a loader gives the node or
 * input `target` its value: `load_data.<target>` gives `[value, metadata]`,
 * `<target>` the value (replacing a node of that name), `load_metadata.<target>` the metadata.
 */
export class LoaderMaterializer {
  readonly kind = 'from';
  constructor(readonly adapter: string, readonly target: string, readonly options: Readonly<Record<string, unknown>>) {}
}

/**
 * `to.<adapter>({ id, dependencies, combine, …options })` (Hamilton's
 * `to.<adapter>`): a saver node `<id>` saving the one dependency, or the
 * dependencies joined by `combine` (a result builder) in a node
 * `<id>_build_result`; `materialize` returns its metadata under `id`.
 */
export class SaverMaterializer {
  readonly kind = 'to';
  constructor(
    readonly adapter: string,
    readonly id: string,
    readonly dependencies: readonly string[],
    readonly combine: ResultBuilder<unknown> | undefined,
    readonly options: Readonly<Record<string, unknown>>,
  ) {}
}

export type Materializer = LoaderMaterializer | SaverMaterializer;

export function isMaterializer(value: unknown): value is Materializer {
  return value instanceof LoaderMaterializer || value instanceof SaverMaterializer;
}

export type FromOptions = Readonly<Record<string, unknown>> & { readonly target: string };
export type ToOptions = Readonly<Record<string, unknown>> & {
  readonly id: string;
  /** The nodes (or inputs) to save: one, or several joined by `combine`. */
  readonly dependencies: readonly string[];
  /** Joins several dependencies into the one value saved (`new TableResult()`), Hamilton's `combine`. */
  readonly combine?: ResultBuilder<unknown>;
};

const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

function fromAdapter(adapter: string, options: FromOptions): LoaderMaterializer {
  const where = `from.${adapter}`;
  if (typeof options !== 'object' || options === null) throw new DecoratorArgumentError(where, `takes { target, …options }, got ${describeValue(options)}`);
  const { target, ...rest } = options;
  if (!nonEmpty(target)) throw new DecoratorArgumentError(where, `needs target, the node or input to load (a non-empty string), got ${describeValue(target)}`);
  return new LoaderMaterializer(adapter, target, rest);
}

function toAdapter(adapter: string, options: ToOptions): SaverMaterializer {
  const where = `to.${adapter}`;
  if (typeof options !== 'object' || options === null) throw new DecoratorArgumentError(where, `takes { id, dependencies, combine?, …options }, got ${describeValue(options)}`);
  const { id, dependencies, combine, ...rest } = options;
  if (!nonEmpty(id)) throw new DecoratorArgumentError(where, `needs id, the saver node's name (a non-empty string), got ${describeValue(id)}`);
  if (!Array.isArray(dependencies) || dependencies.length === 0 || !dependencies.every(nonEmpty)) {
    throw new DecoratorArgumentError(where, `'${id}' needs dependencies, the names of the nodes to save (a non-empty array of names), got ${describeValue(dependencies)}`);
  }
  if (combine !== undefined && typeof (combine as ResultBuilder<unknown>)?.build !== 'function') {
    throw new DecoratorArgumentError(where, `'${id}': combine must be a result builder (an object with build(outputs)), got ${describeValue(combine)}`);
  }
  if (combine === undefined && dependencies.length > 1) {
    throw new DecoratorArgumentError(where, `'${id}' saves ${dependencies.length} dependencies (${dependencies.join(', ')}): pass combine (a result builder such as new TableResult()) to join them into one value`);
  }
  return new SaverMaterializer(adapter, id, [...dependencies], combine, rest);
}

const OWN = new Set(['apply', 'call', 'bind', 'length', 'name', 'prototype', 'toString', 'constructor']);

function byAdapter<F extends (adapter: string, options: never) => unknown>(make: F): F & { readonly [adapter: string]: (options: Parameters<F>[1]) => ReturnType<F> } {
  return new Proxy(make, {
    get(target, property, receiver) {
      if (typeof property !== 'string' || OWN.has(property)) return Reflect.get(target, property, receiver);
      return (options: Parameters<F>[1]) => make(property, options as never);
    },
  }) as never;
}

type ToOwn = { readonly id: string; readonly dependencies: readonly string[]; readonly combine?: ResultBuilder<unknown> };

/** `from.<loader>(…)`: typed for the built-in loaders (LoaderOptionTypes), untyped for any other registered name. */
export type From = ((adapter: string, options: FromOptions) => LoaderMaterializer)
  & { readonly [K in keyof LoaderOptionTypes]: (options: SurfaceOptions<LoaderOptionTypes[K], { readonly target: string }>) => LoaderMaterializer }
  & { readonly [adapter: string]: (options: FromOptions) => LoaderMaterializer };

/** `to.<saver>(…)`: typed for the built-in savers (SaverOptionTypes), untyped for any other registered name. */
export type To = ((adapter: string, options: ToOptions) => SaverMaterializer)
  & { readonly [K in keyof SaverOptionTypes]: (options: SurfaceOptions<SaverOptionTypes[K], ToOwn>) => SaverMaterializer }
  & { readonly [adapter: string]: (options: ToOptions) => SaverMaterializer };

/** `from.parquet({ target: 'raw', path: 'raw.parquet' })`, or `from('myAdapter', { target, … })`. */
export const from: From = byAdapter(fromAdapter) as unknown as From;
/** `to.parquet({ id: 'saveFeatures', dependencies: ['a', 'b'], combine: new TableResult(), path })`, or `to('myAdapter', { … })`. */
export const to: To = byAdapter(toAdapter) as unknown as To;

/** `Builder.withMaterializers(...)`'s arguments, each a materializer, or an error naming the first that is not. */
export function checkedMaterializers(values: readonly unknown[]): Materializer[] {
  values.forEach((m, i) => {
    if (!isMaterializer(m)) throw new DecoratorArgumentError('Builder.withMaterializers', `takes from.<adapter>(…) and to.<adapter>(…) materializers, but argument ${i + 1} is ${describeValue(m)}`);
  });
  return values as Materializer[];
}
