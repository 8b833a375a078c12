import { formatType, type TypeDescriptor } from '../../contract/type-descriptor';
import { getLoader, getSaver } from '../adapters/adapter-registry';
import { resolveOptions as checkAdapterOptions } from '../adapters/adapter-options';
import type { AdapterRole, AdapterValueKind, DataLoader, DataSaver } from '../adapters/data-adapter';
import { HamiltonError } from '../../errors';
import type { ResolvedOptions } from './adapter-bindings';

/**
 * A surface's graph-build checks of the adapter it names, each failure
 * handed to `problem` so that it names the method or materializer: the
 * name is registered, the options fixed now are ones it takes (with values
 * it accepts; those from `source(...)` are checked when they arrive), and
 * the declared type is of a kind it handles.
 */
function checkAdapter<A extends DataLoader<any, any> | DataSaver<any, any>>(
  role: AdapterRole,
  lookup: () => A,
  options: ResolvedOptions,
  type: TypeDescriptor,
  problem: (detail: string, cause?: unknown) => Error,
): A {
  let adapter: A;
  try {
    adapter = lookup();
    const given = { ...options.fixed, ...Object.fromEntries(options.sources.map(({ option }) => [option, undefined])) };
    checkAdapterOptions(role, adapter, given, { partial: options.sources.length > 0 });
  } catch (error) {
    if (error instanceof HamiltonError) throw problem(`cannot be used: ${error.message}`, error);
    throw error;
  }
  if (!handlesType(adapter.appliesTo, type)) {
    throw problem(`${role === 'loader' ? 'loads into' : 'saves'} a value declared ${formatType(type)}, but the ${adapter.name} ${role} handles ${adapter.appliesTo.join(' or ')} values`);
  }
  return adapter;
}

/** Whether a declared type can be what the adapter handles: unknown, `any`, unions and opaque objects are left to run time. */
function handlesType(kinds: readonly AdapterValueKind[], type: TypeDescriptor): boolean {
  if (kinds.includes('any') || type.kind === 'unknown' || type.kind === 'union' || type.kind === 'object') return true;
  if (type.kind === 'column' || type.kind === 'array') return kinds.includes('column') || kinds.includes('array');
  if (type.kind === 'literal') return kinds.includes(typeof type.value as AdapterValueKind);
  return kinds.includes(type.kind);
}

export function checkedLoader(name: string, options: ResolvedOptions, type: TypeDescriptor, problem: (detail: string, cause?: unknown) => Error): DataLoader<any, any> {
  return checkAdapter('loader', () => getLoader(name), options, type, problem);
}

export function checkedSaver(name: string, options: ResolvedOptions, type: TypeDescriptor, problem: (detail: string, cause?: unknown) => Error): DataSaver<any, any> {
  return checkAdapter('saver', () => getSaver(name), options, type, problem);
}
