import type * as TS from 'typescript';

/**
 * Every compile-time diagnostic hamilton-ts reports, by code. The codes sit
 * in a range TypeScript does not use (tspc prints them as `error TS91004`);
 * 91001-91003 are the in-class wiring checks and the decorators option
 * (wiring-check.ts, decorators-option.ts).
 */
export const DIAGNOSTIC_CODES = {
  /** `@parameterize` / `@parameterizeValues` / `@parameterizeSources` / `@inject` binds a parameter the method lacks. */
  bindingUnknownParameter: 91004,
  /** `@extractColumns` on a method whose declared return type is not a Table. */
  extractColumnsNotTable: 91005,
  /** `@extractFields` on a method whose declared return type is not a record or object. */
  extractFieldsNotRecord: 91006,
  /** A `@checkOutput` check that cannot read the method's declared type. */
  checkUnsuitable: 91007,
  /** `group(...)` bound to a parameter that is not an array (or `group({...})` to one that is not a record). */
  groupShapeMismatch: 91008,
  /** A driver's modules: a producer in one class does not fit a consumer's parameter in another. */
  crossModuleTypeMismatch: 91009,
  /** A driver's modules: the nodes form a cycle through several classes. */
  crossModuleCycle: 91010,
  /** A driver's modules: two classes define one node. */
  duplicateNode: 91011,
  /** `execute` / `rawExecute` / `validateExecution` names a literal that none of the driver's modules define. */
  unknownRequestedName: 91012,
} as const;

/** A hamilton-ts error diagnostic at a node of a source file. */
export function hamiltonDiagnostic(ts: typeof TS, file: TS.SourceFile, at: TS.Node, code: number, messageText: string): TS.Diagnostic {
  return {
    file, start: at.getStart(file), length: at.getWidth(file),
    category: ts.DiagnosticCategory.Error, code, messageText, source: 'hamilton-ts',
  };
}

/** `file.ts:12`, for messages that point at a place in another file. */
export function placeOf(node: TS.Node): string {
  const file = node.getSourceFile();
  const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
  return `${file.fileName.split(/[\\/]/).pop()}:${line}`;
}

const IGNORE_COMMENT = /\/\/\s*hamilton-ts-ignore\b([^\n]*)/;

/**
 * A `// hamilton-ts-ignore` comment on the diagnostic's line or the line
 * above turns it off; followed by codes (`// hamilton-ts-ignore 91004 91011`)
 * it turns off only those.
 */
export function isIgnoredByComment(diagnostic: TS.Diagnostic): boolean {
  const file = diagnostic.file;
  if (!file || diagnostic.start === undefined) return false;
  const line = file.getLineAndCharacterOfPosition(diagnostic.start).line;
  const starts = file.getLineStarts();
  for (const l of [line, line - 1]) {
    if (l < 0) continue;
    const text = file.text.slice(starts[l], l + 1 < starts.length ? starts[l + 1] : file.text.length);
    const match = IGNORE_COMMENT.exec(text);
    if (!match) continue;
    const codes = match[1].match(/\d+/g);
    if (!codes || codes.map(Number).includes(diagnostic.code)) return true;
  }
  return false;
}
