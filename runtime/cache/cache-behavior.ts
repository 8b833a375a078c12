import type { Node } from '../graph/node';
import { CacheOptionError } from './cache-errors';
import { LOADER_TAG, SAVER_TAG } from '../io/nodes/io-tags';

/**
 * What the cache does with a node (Hamilton's `CachingBehavior`):
 * - `default`: reuse the stored result when the key matches, else run and store;
 * - `recompute`: always run, and store the result (loaders by default);
 * - `disable`: run as if there were no cache, store nothing; its data version
 *   still reaches its dependents' keys;
 * - `ignore`: as disable, and left out of its dependents' keys (a client, a connection).
 */
export type CacheBehavior = 'default' | 'recompute' | 'disable' | 'ignore';
export const CACHE_BEHAVIORS: readonly CacheBehavior[] = ['default', 'recompute', 'disable', 'ignore'];

/** The tags `@cache` writes (Hamilton's `cache.behavior`, `cache.format`). */
export const CACHE_BEHAVIOR_TAG = 'cache.behavior';
export const CACHE_FORMAT_TAG = 'cache.format';
/** Hamilton's tags on loader and saver nodes: loaders default to recompute, savers always run. */
export const DATA_LOADER_TAG = LOADER_TAG;
export const DATA_SAVER_TAG = SAVER_TAG;

/** Node names given to `withCache({ recompute, disable, ignore })`, or `true` for every node. */
export type NodeSelection = boolean | readonly string[];

export interface BehaviorRules {
  defaultBehavior: CacheBehavior;
  recompute: NodeSelection;
  disable: NodeSelection;
  ignore: NodeSelection;
}

const selects = (selection: NodeSelection, name: string) => selection === true || (Array.isArray(selection) && selection.includes(name));
const tagSet = (node: Node, tag: string) => node.tags[tag] !== undefined && node.tags[tag] !== 'false';

/**
 * A node's behaviour, as Hamilton decides it: the Builder's lists first
 * (disable, then ignore, then recompute), then the node's `@cache` tag, then
 * loaders (recompute), then the default. A saver writes somewhere outside the
 * cache, so it always runs: `default` becomes `recompute` for it.
 */
export function behaviorOf(node: Node, rules: BehaviorRules): CacheBehavior {
  const chosen = chooseBehavior(node, rules);
  return chosen === 'default' && tagSet(node, DATA_SAVER_TAG) ? 'recompute' : chosen;
}

function chooseBehavior(node: Node, rules: BehaviorRules): CacheBehavior {
  if (selects(rules.disable, node.name)) return 'disable';
  if (selects(rules.ignore, node.name)) return 'ignore';
  if (selects(rules.recompute, node.name)) return 'recompute';
  const tagged = node.tags[CACHE_BEHAVIOR_TAG];
  if (tagged !== undefined) {
    // Written by @cache (checked there) or by hand with @tag: check the latter too.
    if (!CACHE_BEHAVIORS.includes(tagged as CacheBehavior)) {
      throw new CacheOptionError(`node '${node.name}': tag ${CACHE_BEHAVIOR_TAG}`, `one of ${CACHE_BEHAVIORS.map((b) => `'${b}'`).join(', ')}`, JSON.stringify(tagged));
    }
    return tagged as CacheBehavior;
  }
  if (tagSet(node, DATA_LOADER_TAG)) return 'recompute';
  return rules.defaultBehavior;
}
