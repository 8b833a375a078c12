import type * as TS from 'typescript';
import { isDataflowClass, isNodeMethod } from './dataflow-syntax';
import { checkDecoratorArguments } from './decorator-arguments';
import { isIgnoredByComment } from './diagnostic-codes';
import { checkModuleWiring } from './module-wiring';
import { TypeDescriber } from './type-describer';
import { checkWiring } from './wiring-check';

export { DIAGNOSTIC_CODES } from './diagnostic-codes';
export { WIRING_CYCLE, WIRING_TYPE_MISMATCH } from './wiring-check';

/** Which compile-time checks run; the plugin's options (`compilerOptions.plugins`) and `hamilton-ts generate` share them. */
export interface WiringDiagnosticsOptions {
  /** Run the wiring and decorator checks at all (default true). */
  checkWiring?: boolean;
  /** Codes never to report (`[91011]`); a `// hamilton-ts-ignore` comment turns one off at its line. */
  ignore?: readonly number[];
}

/**
 * Every wiring diagnostic of some source files: inside each `@dataflow()`
 * class (wiring-check.ts), its decorators' arguments (decorator-arguments.ts),
 * and across the modules of each driver built with its modules written out
 * (module-wiring.ts). Used by the tspc plugin, file by file, and callable by
 * `hamilton-ts generate` over a whole program.
 */
export function wiringDiagnostics(
  ts: typeof TS, program: TS.Program, sourceFiles: readonly TS.SourceFile[], options: WiringDiagnosticsOptions = {},
): TS.Diagnostic[] {
  if (options.checkWiring === false) return [];
  const describer = new TypeDescriber(ts, program.getTypeChecker());
  const ignored = new Set(options.ignore ?? []);
  const all: TS.Diagnostic[] = [];
  for (const file of sourceFiles) {
    if (file.isDeclarationFile) continue;
    all.push(...checkWiring(ts, program, file), ...decoratorDiagnostics(ts, describer, file), ...checkModuleWiring(ts, program, describer, file));
  }
  return all.filter((d) => !ignored.has(d.code) && !isIgnoredByComment(d));
}

function decoratorDiagnostics(ts: typeof TS, describer: TypeDescriber, file: TS.SourceFile): TS.Diagnostic[] {
  if (!file.text.includes('dataflow')) return [];
  const diagnostics: TS.Diagnostic[] = [];
  const visit = (node: TS.Node): void => {
    if (ts.isClassDeclaration(node) && isDataflowClass(ts, node)) {
      for (const member of node.members) {
        if (ts.isMethodDeclaration(member) && isNodeMethod(ts, member)) {
          diagnostics.push(...checkDecoratorArguments(ts, describer, file, node.name?.text ?? 'default', member));
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return diagnostics;
}
