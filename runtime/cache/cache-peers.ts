import { MissingPeerDependencyError } from '../executors/distributed/distributed-peers';

/**
 * The packages only the cache needs, optional peer dependencies of hamilton-ts
 * (package.json's peerDependencies hold the same versions): loaded on the first
 * cached run, so a project without `withCache` installs neither.
 */
export const CACHE_PEERS: Readonly<Record<string, string>> = { 'better-sqlite3': '12.11.1', '@node-rs/xxhash': '1.7.8' };

const loaded = new Map<string, unknown>();

/** Requires one cache peer, or throws MissingPeerDependencyError naming what to install. */
export function requireCachePeer<T>(name: keyof typeof CACHE_PEERS & string): T {
  if (loaded.has(name)) return loaded.get(name) as T;
  let module: unknown;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    module = require(name);
  } catch (error) {
    if ((error as { code?: string }).code !== 'MODULE_NOT_FOUND') throw error;
    const install = `npm i ${Object.entries(CACHE_PEERS).map(([peer, version]) => `${peer}@${version}`).join(' ')}`;
    throw new MissingPeerDependencyError('the cache (Builder.withCache)', [name], install);
  }
  loaded.set(name, module);
  return module as T;
}
