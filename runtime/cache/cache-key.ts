import { xxhash64 } from './xxhash';

/**
 * A node's cache key (Hamilton's `create_cache_key`): its name, its code
 * version and the data version of each dependency it reads, by parameter
 * name. Equal keys mean the same code ran on the same data, so its stored
 * result may stand in for running it. Ignored dependencies are left out.
 */
export function cacheKey(node: string, codeVersion: string, dependencies: ReadonlyArray<readonly [string, string]>): string {
  let text = `${node.length}:${node}|${codeVersion}`;
  for (const [name, version] of dependencies) text += `|${name.length}:${name}=${version}`;
  return `${xxhash64(text)}${xxhash64(`salt|${text}`)}`;
}
