import { recordingDecorator } from './decorator-record';
import type { NodeExpander } from './expansion';

export type TagValue = string | readonly string[];

/**
 * `@tag({ owner: 'growth', pii: 'false' })`: labels every node the method
 * becomes (parameterized copies, extracted columns, validators). Tags show in
 * `listAvailableVariables()`, which can also select nodes by them.
 */
export function tag(tags: Readonly<Record<string, TagValue>>): MethodDecorator {
  return recordingDecorator('tag', tags);
}

export const tagExpander: NodeExpander<Record<string, TagValue>> = {
  kind: 'tag',
  stage: 'decorate',
  repeatable: true,
  expand(expansion, tagSets) {
    const tags = Object.assign({}, ...tagSets) as Record<string, TagValue>;
    const label = <N extends { tags: Readonly<Record<string, TagValue>> }>(n: N): N => ({ ...n, tags: { ...n.tags, ...tags } });
    return { primary: expansion.primary.map(label), extra: expansion.extra.map(label) };
  },
};
