import { recordingDecorator } from './decorator-record';
import type { ExpansionContext, MethodExpansion, NodeExpander } from './expansion';
import { tagProblem } from './tag-check';
import { describeValue } from '../runtime/values/values';
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

/** @tagOutputs records as kind 'tag' too: stacked with @tag, the written order decides which value wins. */
interface TagOutputsRecord {
  outputs: Readonly<Record<string, Tags>>;
}

type AnyTagRecord = TagRecord | TagOutputsRecord;

/**
 * `@tag({ owner: 'growth', pii: 'false' })`: labels the nodes the method
 * finally produces (see TagOptions.target). Tags show in
 * `listAvailableVariables()`, which can also select nodes by them. As
 * Hamilton's `tag.validate`, checked at graph build: a value is a string or a
 * non-empty array of distinct strings, a key identifiers joined by dots.
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
  return recordingDecorator('tag', { outputs: tagsByNode } satisfies TagOutputsRecord);
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

/** Refuses tags Hamilton's `tag.validate` refuses, naming the decorator, where the method is, the key and what a tag is. */
function checkTags(record: AnyTagRecord, context: ExpansionContext): void {
  const refuse = (decorator: string, detail: string) => context.error(decorator, `(at ${context.location}) ${detail}`);
  if (!('outputs' in record)) {
    const problem = tagProblem(record.tags);
    if (problem) throw refuse('tag', problem);
    return;
  }
  if (typeof record.outputs !== 'object' || record.outputs === null) {
    throw refuse('tagOutputs', `takes a record of tags per node ({ spend: { pii: 'false' } }), got ${describeValue(record.outputs)}`);
  }
  for (const [name, tags] of Object.entries(record.outputs)) {
    const problem = tagProblem(tags);
    if (problem) throw refuse('tagOutputs', `for '${name}' ${problem}`);
  }
}

function labelOutputs(expansion: MethodExpansion, mapping: Readonly<Record<string, Tags>>, context: ExpansionContext): MethodExpansion {
  const all = nodesOf(expansion);
  if (all.length === 0) return expansion;
  const final = finalNodes(all, context);
  const unknown = Object.keys(mapping).filter((name) => !final.some((n) => n.name === name));
  if (unknown.length) {
    throw context.error('tagOutputs', `names ${unknown.map((u) => `'${u}'`).join(', ')}, but the method's final nodes are ${final.map((n) => `'${n.name}'`).join(', ')}`);
  }
  return Object.entries(mapping).reduce((acc, [name, tags]) => mapNodes(acc, nodesOf(acc).filter((n) => n.name === name), label(tags)), expansion);
}

/**
 * @tag and @tagOutputs. Decorators apply bottom-up, as in Hamilton, where
 * each one updates the node's tags: the outermost (topmost) decorator is
 * applied last, so its value wins. Records are stored top-down: reversed here.
 */
export const tagExpander: NodeExpander<AnyTagRecord> = {
  kind: 'tag',
  stage: 'decorate',
  repeatable: true,
  expand(expansion, records, context) {
    for (const record of records) checkTags(record, context);
    return [...records].reverse().reduce((e, record) => ('outputs' in record
      ? labelOutputs(e, record.outputs, context)
      : byTarget(record).reduce((acc, [target, tags]) => mapNodes(acc, targetNodes(nodesOf(acc), target, 'tag', context), label(tags)), e)), expansion);
  },
};
