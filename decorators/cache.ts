import { CACHE_BEHAVIOR_TAG, CACHE_FORMAT_TAG, type CacheBehavior } from '../runtime/cache/cache-behavior';
import { CacheOptionError } from '../runtime/cache/cache-errors';
import { checkBehavior } from '../runtime/cache/cache-options';
import { checkFormat, type ResultFormat } from '../runtime/cache/result-format';
import { describeValue } from '../runtime/values/values';
import type { HamiltonMethodDecorator } from './standard-decorators';
import { tag } from './tag';

export interface CacheDecoratorOptions {
  /** How the cache treats the method's nodes (default: the Builder's `defaultBehavior`). */
  behavior?: CacheBehavior;
  /** How its results are written: `auto` (default), `arrow`, `json`. */
  format?: ResultFormat;
}

/**
 * `@cache({ behavior: 'recompute', format: 'json' })` (Hamilton's `@cache`):
 * how the cache treats every node the method becomes. It writes Hamilton's
 * tags `cache.behavior` and `cache.format`, so listings show them.
 */
export function cache(options: CacheDecoratorOptions): HamiltonMethodDecorator {
  if (typeof options !== 'object' || options === null) throw new CacheOptionError('@cache(options)', 'an object such as { behavior: \'recompute\' }', describeValue(options));
  const unknown = Object.keys(options).filter((key) => key !== 'behavior' && key !== 'format');
  if (unknown.length) throw new CacheOptionError(`@cache option '${unknown[0]}'`, 'behavior or format', 'an unknown option');
  const tags: Record<string, string> = {};
  if (options.behavior !== undefined) {
    checkBehavior('@cache option behavior', options.behavior);
    tags[CACHE_BEHAVIOR_TAG] = options.behavior;
  }
  if (options.format !== undefined) {
    checkFormat('@cache option format', options.format);
    tags[CACHE_FORMAT_TAG] = options.format;
  }
  return tag(tags, { target: '...' });
}
