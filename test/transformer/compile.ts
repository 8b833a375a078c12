import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import hamiltonTransformer from '../../transformer/index';

/** Local stand-ins, on the source's first line so that line numbers stay as written: the transformer knows `dataflow` and `Column` by name. */
const PRELUDE = 'declare function dataflow(): ClassDecorator; type Column<T> = T[];';

export interface Compiled {
  js: string;
  diagnostics: { code: number; line: number; message: string }[];
}

/** Compiles one source file as `tspc` would with the plugin, returning its JavaScript and the plugin's diagnostics. */
export function compileWithPlugin(source: string, options: ts.CompilerOptions = {}): Compiled {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-transformer-'));
  const file = path.join(dir, 'module.ts');
  fs.writeFileSync(file, PRELUDE + source);
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, experimentalDecorators: true,
    strict: true, noEmitOnError: false, types: [], lib: ['lib.es2022.d.ts'], ...options,
  });
  const diagnostics: Compiled['diagnostics'] = [];
  const addDiagnostic = (d: ts.Diagnostic) => {
    const line = d.file!.getLineAndCharacterOfPosition(d.start!).line + 1;
    diagnostics.push({ code: d.code, line, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
    return diagnostics.length;
  };
  let js = '';
  program.emit(undefined, (name, text) => {
    if (name.endsWith('.js') || name.endsWith('.mjs')) js = text;
  }, undefined, false, { before: [hamiltonTransformer(program, {}, { ts, addDiagnostic })] });
  fs.rmSync(dir, { recursive: true, force: true });
  return { js, diagnostics };
}

/**
 * Stand-ins for the hamilton-ts API a project's files use, on one line: the
 * plugin knows decorators, Builder and Driver by name, so checks read as they
 * would against the package, and line numbers stay as written.
 */
const API_PRELUDE = 'declare function dataflow(): ClassDecorator; type Column<T> = T[]; interface Table { numRows(): number; columnNames(): string[] } '
  + 'declare function parameterize(spec: object): MethodDecorator; declare function parameterizeValues(p: string, v: object): MethodDecorator; '
  + 'declare function parameterizeSources(spec: object): MethodDecorator; declare function inject(spec: object): MethodDecorator; '
  + 'declare function extractColumns(...a: unknown[]): MethodDecorator; declare function extractFields(...a: unknown[]): MethodDecorator; '
  + 'declare function checkOutput(spec: object): MethodDecorator; declare function group(...m: unknown[]): unknown; '
  + 'declare function source(n: string): unknown; declare function value(v: unknown): unknown; '
  + 'declare class Driver { constructor(config: object, modules: unknown, options?: object); execute(names: string[]): Promise<unknown>; rawExecute(names: string[]): Promise<unknown>; validateExecution(names: string[]): unknown } '
  + 'declare class Builder { withModules(...m: unknown[]): Builder; withConfig(c: object): Builder; allowModuleOverrides(a?: boolean): Builder; build(): Driver }';

/**
 * Compiles a project of several files (`{ 'a.ts': source }`, each given the
 * API stand-ins as a global script) with the plugin, as tspc would, returning
 * the plugin's diagnostics with their file and line.
 */
export function compileProject(
  files: Record<string, string>, config: Record<string, unknown> = {},
): { code: number; file: string; line: number; message: string }[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-project-'));
  fs.writeFileSync(path.join(dir, 'hamilton-api.d.ts'), API_PRELUDE);
  const names = Object.entries(files).map(([name, text]) => {
    fs.writeFileSync(path.join(dir, name), text);
    return path.join(dir, name);
  });
  const program = ts.createProgram([path.join(dir, 'hamilton-api.d.ts'), ...names], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, experimentalDecorators: true,
    strict: true, noEmitOnError: false, types: [], lib: ['lib.es2022.d.ts'],
  });
  const diagnostics: { code: number; file: string; line: number; message: string }[] = [];
  const addDiagnostic = (d: ts.Diagnostic) => {
    const line = d.file!.getLineAndCharacterOfPosition(d.start!).line + 1;
    diagnostics.push({ code: d.code, file: path.basename(d.file!.fileName), line, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') });
    return diagnostics.length;
  };
  program.emit(undefined, () => undefined, undefined, false, { before: [hamiltonTransformer(program, config, { ts, addDiagnostic })] });
  fs.rmSync(dir, { recursive: true, force: true });
  return diagnostics;
}
