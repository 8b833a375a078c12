import { createHash } from 'node:crypto';
import type * as TS from 'typescript';

/**
 * A node method's code version, stamped into its metadata at build time
 * (`MethodMetadata.codeVersion`): the first 16 hex digits of the sha256 of the
 * method as TypeScript prints it without comments — its decorators and their
 * arguments, parameters, types and body. Comments, JSDoc and layout do not
 * change it; any token that could change the result does. The transformer and
 * `hamilton-ts generate` both call this, so they stamp the same version.
 */
export function methodCodeVersion(ts: typeof TS, method: TS.MethodDeclaration, sourceFile: TS.SourceFile): string {
  const printer = ts.createPrinter({ removeComments: true, newLine: ts.NewLineKind.LineFeed });
  const text = printer.printNode(ts.EmitHint.Unspecified, method, sourceFile);
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}
