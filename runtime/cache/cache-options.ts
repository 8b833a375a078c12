import { describeValue } from '../values/values';
import { CACHE_BEHAVIORS, type BehaviorRules, type CacheBehavior, type NodeSelection } from './cache-behavior';
import { CacheOptionError } from './cache-errors';

/** `Builder.withCache(options)` (Hamilton's `Builder.with_cache(...)`). */
export interface CacheOptions {
  /** The cache directory: SQLite metadata and result files (default `.hamilton_cache`). */
  path?: string;
  /** Nodes that always run and store their result; `true` for all (default none). */
  recompute?: NodeSelection;
  /** Nodes run as if there were no cache; `true` for all (default none). */
  disable?: NodeSelection;
  /** Nodes run uncached and left out of their dependents' keys; `true` for all (default none). */
  ignore?: NodeSelection;
  /** What a node with no other rule does (default `'default'`: reuse on a hit). */
  defaultBehavior?: CacheBehavior;
  /** Where the cache's warnings go (corrupt result, unversionable value); default `process.emitWarning`. */
  warn?: (message: string) => void;
}

export type ResolvedCacheOptions = Required<Omit<CacheOptions, 'warn'>> & BehaviorRules & { warn: (message: string) => void };

export const CACHE_DEFAULTS: Omit<ResolvedCacheOptions, 'warn'> = {
  path: '.hamilton_cache', recompute: false, disable: false, ignore: false, defaultBehavior: 'default',
};

const emit = (message: string) => process.emitWarning(message, { code: 'HAMILTON_TS_CACHE' });

/** Lays the defaults under the user's options (an explicit `undefined` keeps the default) and checks each one. */
export function resolveCacheOptions(options: CacheOptions = {}): ResolvedCacheOptions {
  if (typeof options !== 'object' || options === null) throw new CacheOptionError('withCache(options)', 'an object', describeValue(options));
  const known = new Set(['path', 'recompute', 'disable', 'ignore', 'defaultBehavior', 'warn']);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new CacheOptionError(`withCache option '${key}'`, `one of ${[...known].join(', ')}`, 'an unknown option');
  }
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as CacheOptions;
  const resolved = { ...CACHE_DEFAULTS, warn: emit, ...given } as ResolvedCacheOptions;
  if (typeof resolved.path !== 'string' || resolved.path === '') throw new CacheOptionError('withCache option path', 'a directory path', describeValue(resolved.path));
  checkBehavior('withCache option defaultBehavior', resolved.defaultBehavior);
  for (const key of ['recompute', 'disable', 'ignore'] as const) {
    const value = resolved[key];
    const ok = typeof value === 'boolean' || (Array.isArray(value) && value.every((n) => typeof n === 'string'));
    if (!ok) throw new CacheOptionError(`withCache option ${key}`, 'true, false or an array of node names', describeValue(value));
  }
  if (typeof resolved.warn !== 'function') throw new CacheOptionError('withCache option warn', 'a function', describeValue(resolved.warn));
  return resolved;
}

export function checkBehavior(option: string, value: unknown): asserts value is CacheBehavior {
  if (!CACHE_BEHAVIORS.includes(value as CacheBehavior)) {
    throw new CacheOptionError(option, `one of ${CACHE_BEHAVIORS.map((b) => `'${b}'`).join(', ')}`, typeof value === 'string' ? `'${value}'` : describeValue(value));
  }
}
