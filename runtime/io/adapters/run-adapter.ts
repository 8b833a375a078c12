import { HamiltonError } from '../../errors';
import { FileFormatError, TableEncodeError } from '../io-errors';
import { describeValue, isTable } from '../../values/values';
import { AdapterValueError, ColumnTypeError, LoadError, SaveError } from './adapter-errors';
import { getLoader, getSaver } from './adapter-registry';
import { resolveOptions } from './adapter-options';
import type { AdapterContext, AdapterDefinition, AdapterFacts, AdapterValueKind, DataLoader, DataSaver, LoadMetadata, SaveMetadata } from './data-adapter';
import { schemaMismatch } from './table-schema';

type MaybePromise<T> = T | Promise<T>;

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as PromiseLike<unknown>)?.then === 'function';

/** `f` of a value or of what a promise resolves to, staying synchronous when the value is. */
function after<T, U>(value: MaybePromise<T>, f: (v: T) => U, fail: (error: unknown) => never): MaybePromise<U> {
  if (isThenable(value)) return (value as Promise<T>).then(f, fail);
  return f(value as T);
}

function attempt<T>(run: () => MaybePromise<T>, fail: (error: unknown) => never): MaybePromise<T> {
  try {
    return run();
  } catch (error) {
    return fail(error);
  }
}

/** Where an adapter reads or writes with these options, as its errors say. */
export function adapterLocation(adapter: AdapterDefinition<any>, options: object): string {
  if (adapter.location) return adapter.location(options);
  const path = (options as { path?: unknown }).path;
  return typeof path === 'string' ? path : `(${adapter.name})`;
}

const detailOf = (error: unknown): string => (error instanceof FileFormatError
  ? error.message.slice(error.message.indexOf(': ') + 2)
  : (error as Error)?.message ?? String(error));

/** Whether a value is of a kind the adapter lists (`'any'` takes everything). */
export function handlesValue(kinds: readonly AdapterValueKind[], value: unknown): boolean {
  if (kinds.includes('any')) return true;
  if (isTable(value)) return kinds.includes('table');
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return kinds.includes('column') || kinds.includes('array');
  if (value instanceof Date) return kinds.includes('date');
  if (value === null) return kinds.includes('null');
  if (typeof value === 'object') return kinds.includes('record') || kinds.includes('object');
  return kinds.includes(typeof value as AdapterValueKind);
}

const metadata = (name: string, started: number, facts: AdapterFacts): LoadMetadata => ({ ...facts, adapter: facts.adapter ?? name, ms: facts.ms ?? performance.now() - started });

/**
 * Runs a loader as surfaces do: options merged over its defaults and checked, the value
 * checked against the kinds it declares and any declared table schema (context.expected),
 * metadata completed with the adapter's name and the time taken. A failure that is not
 * already one of ours becomes a LoadError naming the node, the adapter and the path.
 * Synchronous when the loader is.
 */
export function runLoader<Value = unknown>(
  loader: DataLoader<any, any> | string,
  given: Readonly<Record<string, unknown>>,
  context: AdapterContext = {},
): MaybePromise<[Value, LoadMetadata]> {
  const adapter = typeof loader === 'string' ? getLoader(loader, context.node) : loader;
  const options = resolveOptions('loader', adapter, given, { node: context.node });
  const where = adapterLocation(adapter, options);
  const fail = (error: unknown): never => {
    if (error instanceof HamiltonError && !(error instanceof FileFormatError)) throw error;
    throw new LoadError(adapter.name, where, detailOf(error), context.node, { cause: error });
  };
  const started = performance.now();
  return after(attempt(() => adapter.load(options, context), fail), ([value, facts]) => {
    if (!handlesValue(adapter.appliesTo, value)) throw new AdapterValueError('loader', adapter.name, adapter.appliesTo, describeValue(value), context.node);
    const mismatch = isTable(value) ? schemaMismatch(value, context.expected) : undefined;
    if (mismatch) throw new ColumnTypeError('loader', adapter.name, where, mismatch.column, mismatch.expected, mismatch.got, context.node);
    return [value as Value, metadata(adapter.name, started, facts)] as [Value, LoadMetadata];
  }, fail);
}

/**
 * Runs a saver as surfaces do: options merged and checked, the value checked against the
 * kinds it declares (and a declared table schema), metadata completed; a failure that is
 * not already one of ours becomes a SaveError naming the node, the adapter and the path.
 */
export function runSaver(
  saver: DataSaver<any, any> | string,
  value: unknown,
  given: Readonly<Record<string, unknown>>,
  context: AdapterContext = {},
): MaybePromise<SaveMetadata> {
  const adapter = typeof saver === 'string' ? getSaver(saver, context.node) : saver;
  const options = resolveOptions('saver', adapter, given, { node: context.node });
  const where = adapterLocation(adapter, options);
  if (!handlesValue(adapter.appliesTo, value)) throw new AdapterValueError('saver', adapter.name, adapter.appliesTo, describeValue(value), context.node);
  const mismatch = isTable(value) ? schemaMismatch(value, context.expected) : undefined;
  if (mismatch) throw new ColumnTypeError('saver', adapter.name, where, mismatch.column, mismatch.expected, mismatch.got, context.node);
  const fail = (error: unknown): never => {
    if (error instanceof TableEncodeError && error.node === undefined && context.node) throw error.atNode(context.node);
    if (error instanceof HamiltonError) throw error;
    throw new SaveError(adapter.name, where, detailOf(error), context.node, { cause: error });
  };
  const started = performance.now();
  return after(attempt(() => adapter.save(value, options, context), fail), (facts) => metadata(adapter.name, started, facts), fail);
}
