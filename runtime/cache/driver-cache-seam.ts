import { CacheNotEnabledError } from './cache-errors';
import { resolveCacheOptions, type CacheOptions } from './cache-options';
import { DriverCache } from './driver-cache';

export type { CacheOptions, DriverCache };

/** Makes a driver's cache from its options; or, given none, the error `dr.cache` raises without `withCache`. */
export function cacheOfDriver(cache: CacheOptions | DriverCache | undefined): DriverCache {
  if (cache instanceof DriverCache) return cache;
  if (cache === undefined) throw new CacheNotEnabledError('dr.cache: this driver was built without a cache; build it with new Builder().withCache({ path })');
  return new DriverCache(resolveCacheOptions(cache));
}
