import { describeValue } from '../values/values';
import type { Variable } from './variable';

/**
 * Selects by tags: every key must match; a value or any of a list of values,
 * or `true` / `null` for any value (`null` as Hamilton's `None`).
 */
export type TagFilter = Readonly<Record<string, string | readonly string[] | true | null>>;

/** What is wrong with a tag filter (Hamilton: "All tag query values must be a string or list of strings"), or undefined. */
export function tagFilterProblem(filter: unknown): string | undefined {
  if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) {
    return `tags must be a record of tag keys to wanted values ({ owner: 'growth' }), got ${describeValue(filter)}`;
  }
  for (const [key, wanted] of Object.entries(filter)) {
    const fits = wanted === true || wanted === null || typeof wanted === 'string'
      || (Array.isArray(wanted) && wanted.every((w) => typeof w === 'string'));
    if (!fits) {
      const got = Array.isArray(wanted) ? `an array holding ${describeValue(wanted.find((w) => typeof w !== 'string'))}` : describeValue(wanted);
      return `tags.${key} is ${got}: a tag filter value is a string, an array of strings (any of them), or true or null (any value)`;
    }
  }
  return undefined;
}

export function matchesTags(tags: Variable['tags'], filter: TagFilter): boolean {
  return Object.entries(filter).every(([key, wanted]) => {
    const actual = tags[key];
    if (actual === undefined) return false;
    if (wanted === true || wanted === null) return true;
    const have = typeof actual === 'string' ? [actual] : actual;
    const want = typeof wanted === 'string' ? [wanted] : wanted;
    return want.some((w) => have.includes(w));
  });
}
