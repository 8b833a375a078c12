import { recordingDecorator } from './decorator-record';
import type { MethodExpansion, NodeExpander } from './expansion';
import { finalNodes, mapNodes, targetNodes, type NodeTarget } from './node-targets';
import type { Node } from '../runtime/graph/node';
import { TIMEOUT_TAG } from '../runtime/execution/node-timeout';
import { EXECUTOR_TAG } from '../runtime/executors/threads/thread-tag';
import type { HamiltonMethodDecorator } from './standard-decorators';

export type TagValue = string | readonly string[];
type Tags = Readonly<Record<string, TagValue>>;

export interface TagOptions {
  /**
   * Which nodes of the method to label (Hamilton's `target_`): by default the
   * final ones (what no other node of the method consumes: the extracted
   * columns, not their table; a checked node, not its checks); `'...'` every
   * node it became; a name or names those nodes only. Without a target,
   * `executor` and `hamilton.timeoutMs` tags (how a node runs) go to every node.
   */
  target?: NodeTarget;
}

interface TagRecord {
  tags: Tags;
  target: NodeTarget;
}

/**
 * `@tag({ owner: 'growth', pii: 'false' })`: labels the nodes the method
 * finally produces (see TagOptions.target). Tags show in
 * `listAvailableVariables()`, which can also select nodes by them.
 */
export function tag(tags: Tags, options: TagOptions = {}): HamiltonMethodDecorator {
  return recordingDecorator('tag', { tags, target: options.target } satisfies TagRecord);
}

/**
 * `@tagOutputs({ spend: { pii: 'false' }, signups: { owner: 'growth' } })`:
 * tags per final node (Hamilton's `@tag_outputs`); a name that is no final
 * node of the method is an error.
 */
export function tagOutputs(tagsByNode: Readonly<Record<string, Tags>>): HamiltonMethodDecorator {
  return recordingDecorator('tagOutputs', tagsByNode);
}

const label = (tags: Tags) => (n: Node): Node => ({ ...n, tags: { ...n.tags, ...tags } });
const nodesOf = (e: MethodExpansion) => [...e.primary, ...e.extra];

/**
 * Tags that say how a node runs (where, how long), not what it is. A method's
 * work sits in its intermediate nodes (`x.raw` of a checked node, the table of
 * extracted columns), so without a target these reach every node it became.
 */
const RUN_TAGS: ReadonlySet<string> = new Set([EXECUTOR_TAG, TIMEOUT_TAG]);

/** The record's tags as (target, tags) pairs: run tags to every node unless a target is given. */
function byTarget({ tags, target }: TagRecord): [NodeTarget, Tags][] {
  if (target !== undefined) return [[target, tags]];
  const run = Object.entries(tags).filter(([key]) => RUN_TAGS.has(key));
  if (run.length === 0) return [[undefined, tags]];
  const rest = Object.entries(tags).filter(([key]) => !RUN_TAGS.has(key));
  return [['...', Object.fromEntries(run)], ...(rest.length ? [[undefined, Object.fromEntries(rest)] as [NodeTarget, Tags]] : [])];
}

export const tagExpander: NodeExpander<TagRecord> = {
  kind: 'tag',
  stage: 'decorate',
  repeatable: true,
  expand(expansion, records, context) {
    return records.flatMap(byTarget).reduce((e, [target, tags]) => mapNodes(e, targetNodes(nodesOf(e), target, 'tag', context), label(tags)), expansion);
  },
};

export const tagOutputsExpander: NodeExpander<Record<string, Tags>> = {
  kind: 'tagOutputs',
  stage: 'decorate',
  repeatable: true,
  expand(expansion, mappings, context) {
    const all = nodesOf(expansion);
    if (all.length === 0) return expansion;
    const final = finalNodes(all, context);
    return mappings.reduce((e, mapping) => {
      const unknown = Object.keys(mapping).filter((name) => !final.some((n) => n.name === name));
      if (unknown.length) {
        throw context.error('tagOutputs', `names ${unknown.map((u) => `'${u}'`).join(', ')}, but the method's final nodes are ${final.map((n) => `'${n.name}'`).join(', ')}`);
      }
      return Object.entries(mapping).reduce((acc, [name, tags]) => mapNodes(acc, nodesOf(acc).filter((n) => n.name === name), label(tags)), e);
    }, expansion);
  },
};
