import { HamiltonError } from '../errors';

/** A `withCache` option or an `@cache` argument that is not what it must be: names the option and what it got. */
export class CacheOptionError extends HamiltonError {
  constructor(readonly option: string, readonly expected: string, readonly got: string) {
    super(`${option} must be ${expected}, but got ${got}`);
  }
}

/** A node's `cache.format` names a format the cache cannot write, or its value does not fit the format. */
export class CacheFormatError extends HamiltonError {
  constructor(readonly node: string, readonly format: string, reason: string) {
    super(`node '${node}': cannot store its result as '${format}': ${reason}`);
  }
}

/** `dr.cache` on a driver built without `Builder.withCache()`, or logs of a run it never made. */
export class CacheNotEnabledError extends HamiltonError {}
