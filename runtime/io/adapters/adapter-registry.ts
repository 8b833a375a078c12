import { AdapterDefinitionError, DuplicateAdapterError, UnknownAdapterError } from './adapter-errors';
import type { AdapterDefinition, AdapterRole, DataLoader, DataSaver } from './data-adapter';
import { BUILTIN_LOADERS, BUILTIN_SAVERS } from './builtin-adapters';

/** Options of registerLoader / registerSaver. */
export interface RegisterOptions {
  /** Replace an adapter already registered under the name (a built-in too); otherwise that is an error (default false). */
  override?: boolean;
}

const LOADERS = new Map<string, DataLoader<any, any>>();
const SAVERS = new Map<string, DataSaver<any, any>>();

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

function checkDefinition(role: AdapterRole, adapter: AdapterDefinition<any>, run: 'load' | 'save'): void {
  const name = String((adapter as { name?: unknown })?.name ?? '');
  // A JavaScript identifier, so that `loadFrom.<name>` and `to.<name>` can name it.
  if (!IDENTIFIER.test(name)) throw new AdapterDefinitionError(role, name, 'its name must be a JavaScript identifier (letters, digits, _ and $, not starting with a digit)');
  if (typeof (adapter as unknown as Record<string, unknown>)[run] !== 'function') throw new AdapterDefinitionError(role, name, `it has no ${run}(…) function`);
  if (!Array.isArray(adapter.appliesTo) || adapter.appliesTo.length === 0) throw new AdapterDefinitionError(role, name, "appliesTo must list the kinds of value it handles (e.g. ['table'], or ['any'])");
  if (typeof adapter.defaults !== 'object' || adapter.defaults === null) throw new AdapterDefinitionError(role, name, 'defaults must be an object of its optional options (may be {})');
  if (!Array.isArray(adapter.required)) throw new AdapterDefinitionError(role, name, 'required must list the options that have no default (may be [])');
  const both = adapter.required.find((option) => Object.hasOwn(adapter.defaults, option));
  if (both) throw new AdapterDefinitionError(role, name, `option '${both}' is both required and given a default`);
}

function register<A extends AdapterDefinition<any>>(role: AdapterRole, registry: Map<string, A>, adapter: A, run: 'load' | 'save', override: boolean): void {
  checkDefinition(role, adapter, run);
  if (registry.has(adapter.name) && !override) throw new DuplicateAdapterError(role, adapter.name);
  registry.set(adapter.name, adapter);
}

/** Makes a loader available by its name to `@loadFrom.<name>`, `from.<name>` and the CLI. */
export function registerLoader(loader: DataLoader<any, any>, { override = false }: RegisterOptions = {}): void {
  register('loader', LOADERS, loader, 'load', override);
}

/** Makes a saver available by its name to `@saveTo.<name>`, `to.<name>` and the CLI. */
export function registerSaver(saver: DataSaver<any, any>, { override = false }: RegisterOptions = {}): void {
  register('saver', SAVERS, saver, 'save', override);
}

/** Removes a loader; true if one was registered under the name. */
export const unregisterLoader = (name: string): boolean => LOADERS.delete(name);
/** Removes a saver; true if one was registered under the name. */
export const unregisterSaver = (name: string): boolean => SAVERS.delete(name);

export const hasLoader = (name: string): boolean => LOADERS.has(name);
export const hasSaver = (name: string): boolean => SAVERS.has(name);
/** The registered loader names, sorted. */
export const loaderNames = (): string[] => [...LOADERS.keys()].sort();
/** The registered saver names, sorted. */
export const saverNames = (): string[] => [...SAVERS.keys()].sort();

/** The loader registered under `name`, or an UnknownAdapterError naming it, close names and every registered one. */
export function getLoader(name: string, node?: string): DataLoader<any, any> {
  const loader = LOADERS.get(name);
  if (!loader) throw new UnknownAdapterError('loader', name, loaderNames(), node);
  return loader;
}

/** The saver registered under `name`, or an UnknownAdapterError naming it, close names and every registered one. */
export function getSaver(name: string, node?: string): DataSaver<any, any> {
  const saver = SAVERS.get(name);
  if (!saver) throw new UnknownAdapterError('saver', name, saverNames(), node);
  return saver;
}

for (const loader of BUILTIN_LOADERS) registerLoader(loader);
for (const saver of BUILTIN_SAVERS) registerSaver(saver);
