import { describeValue } from '../runtime/values/values';

/** Hamilton's tag keys: dot-separated parts, each a Python identifier (`owner`, `cache.behavior`). */
const KEY_PART = /^[\p{ID_Start}_][\p{ID_Continue}]*$/u;

const showValue = (value: unknown): string => (typeof value === 'string' || Array.isArray(value) ? JSON.stringify(value) : describeValue(value));

/**
 * What is wrong with a set of tags, as Hamilton's `tag.validate` sees it: a
 * key is identifiers joined by dots, a value a string or a non-empty list of
 * distinct strings (a listing and a tag filter compare strings only). Unlike
 * Hamilton, keys under `hamilton.` are allowed: hamilton-ts's own run tags
 * (`hamilton.timeoutMs`, `hamilton.task`) are written with @tag.
 */
export function tagProblem(tags: unknown): string | undefined {
  if (typeof tags !== 'object' || tags === null || Array.isArray(tags)) return `takes a record of tags ({ owner: 'growth' }), got ${describeValue(tags)}`;
  for (const [key, value] of Object.entries(tags)) {
    if (!key.split('.').every((part) => KEY_PART.test(part))) {
      return `has the tag key ${JSON.stringify(key)}: a key is one or more identifiers joined by dots (owner, cache.behavior)`;
    }
    const strings = typeof value === 'string'
      || (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string') && new Set(value).size === value.length);
    if (!strings) {
      return `gives the tag '${key}' ${showValue(value)}: a tag value is a string or a non-empty array of distinct strings (write 5 as '5')`;
    }
  }
  return undefined;
}
