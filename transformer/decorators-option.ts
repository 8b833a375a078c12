import type * as TS from 'typescript';
import { isDataflowClass } from './dataflow-syntax';

/** In the range of the wiring diagnostics (91001, 91002), which TypeScript does not use. */
export const MISSING_EXPERIMENTAL_DECORATORS = 91003;

/**
 * hamilton-ts's decorators are TypeScript's legacy ones. Without `experimentalDecorators`
 * TypeScript reads them as standard decorators and reports an error at every one of them,
 * none naming the option: one diagnostic, at the first `@dataflow()` class, names it.
 */
export function missingDecoratorsOption(ts: typeof TS, program: TS.Program, sourceFile: TS.SourceFile): TS.Diagnostic | undefined {
  if (program.getCompilerOptions().experimentalDecorators) return undefined;
  if (!sourceFile.text.includes('dataflow')) return undefined;
  let found: TS.ClassDeclaration | undefined;
  const visit = (node: TS.Node): void => {
    if (found) return;
    if (ts.isClassDeclaration(node) && isDataflowClass(ts, node)) found = node;
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  if (!found) return undefined;
  const at = ts.getDecorators(found)![0];
  return {
    file: sourceFile, start: at.getStart(sourceFile), length: at.getWidth(sourceFile),
    category: ts.DiagnosticCategory.Error, code: MISSING_EXPERIMENTAL_DECORATORS, source: 'hamilton-ts',
    messageText: 'hamilton-ts decorators need "experimentalDecorators": true in compilerOptions (tsconfig.json): '
      + 'without it TypeScript reports an error at every decorator of every @dataflow() class.',
  };
}
