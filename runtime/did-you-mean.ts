/**
 * ` (did you mean 'x'?)` for a name that is close to known ones (same but for
 * case, or two edits away), else ''. Used where a user names something that is not there.
 */
export function suggest(name: string, known: readonly string[]): string {
  const lower = name.toLowerCase();
  const close = known.filter((k) => k.toLowerCase() === lower || editDistance(k.toLowerCase(), lower) <= 2);
  return close.length ? ` (did you mean ${close.slice(0, 3).map((c) => `'${c}'`).join(' or ')}?)` : '';
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
