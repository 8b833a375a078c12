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
