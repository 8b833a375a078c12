import { recordingDecorator } from './decorator-record';
import type { MethodExpansion, NodeExpander } from './expansion';
import { finalNodes, mapNodes, targetNodes, type NodeTarget } from './node-targets';
import type { Node } from '../runtime/graph/node';

export type TagValue = string | readonly string[];
type Tags = Readonly<Record<string, TagValue>>;

export interface TagOptions {
  /**
   * Which nodes of the method to label (Hamilton's `target_`): by default the
   * final ones (what no other node of the method consumes: the extracted
   * columns, not their table; a checked node, not its checks); `'...'` every
   * node it became; a name or names those nodes only.
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
export function tag(tags: Tags, options: TagOptions = {}): MethodDecorator {
  return recordingDecorator('tag', { tags, target: options.target } satisfies TagRecord);
}

/**
 * `@tagOutputs({ spend: { pii: 'false' }, signups: { owner: 'growth' } })`:
 * tags per final node (Hamilton's `@tag_outputs`); a name that is no final
 * node of the method is an error.
 */
export function tagOutputs(tagsByNode: Readonly<Record<string, Tags>>): MethodDecorator {
  return recordingDecorator('tagOutputs', tagsByNode);
}

const label = (tags: Tags) => (n: Node): Node => ({ ...n, tags: { ...n.tags, ...tags } });
const nodesOf = (e: MethodExpansion) => [...e.primary, ...e.extra];

export const tagExpander: NodeExpander<TagRecord> = {
  kind: 'tag',
  stage: 'decorate',
  repeatable: true,
  expand(expansion, records, context) {
    return records.reduce((e, { tags, target }) => mapNodes(e, targetNodes(nodesOf(e), target, 'tag', context), label(tags)), expansion);
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
