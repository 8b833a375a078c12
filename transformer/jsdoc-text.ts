import type * as TS from 'typescript';

/**
 * The JSDoc text right before a declaration, read from the source text.
 * `tsc` skips parsing JSDoc in .ts files (TypeScript 5.3+), so the checker's
 * documentation comes back empty under `tspc`; the raw comment is always there.
 * Block tags (`@param`, …) are left out: the description is the node's doc.
 */
export function jsDocText(ts: typeof TS, sourceFile: TS.SourceFile, node: TS.Node): string {
  const ranges = ts.getLeadingCommentRanges(sourceFile.text, node.pos) ?? [];
  const docs = ranges.filter((r) => r.kind === ts.SyntaxKind.MultiLineCommentTrivia && sourceFile.text.startsWith('/**', r.pos));
  const last = docs[docs.length - 1];
  if (!last) return '';
  const body = sourceFile.text.slice(last.pos + 3, last.end - 2);
  const lines = body.split(/\r?\n/).map((line) => line.replace(/^\s*\*?\s?/, '').trimEnd());
  const tagStart = lines.findIndex((line) => line.startsWith('@'));
  return (tagStart < 0 ? lines : lines.slice(0, tagStart)).join('\n').trim();
}
