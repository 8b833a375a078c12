// A throwaway project in the temp directory that resolves hamilton-ts to this repository (its built dist/),
// for the generator's tests: compiled in-process, with or without the transformer, and run by node.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import hamiltonTransformer from '../../transformer/index';

export const repoRoot = path.resolve(__dirname, '../..');
const MAIN = path.join(repoRoot, 'dist/runtime/cli/main.js');

export const TSCONFIG = {
  compilerOptions: {
    target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', rootDir: 'src', outDir: 'dist',
    strict: true, skipLibCheck: true, experimentalDecorators: true, types: ['node'],
  },
  include: ['src'],
};

/** Writes the files (paths relative to the project) into a new project directory and links its packages. */
export function localProject(files: Record<string, string>, tsconfig: object = TSCONFIG): string {
  if (!fs.existsSync(MAIN)) throw new Error('dist/ is missing: run `npm run build` first (npm test does).');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hamilton-codegen-'));
  fs.mkdirSync(path.join(dir, 'node_modules/@types'), { recursive: true });
  fs.symlinkSync(repoRoot, path.join(dir, 'node_modules/hamilton-ts'), 'dir');
  fs.symlinkSync(path.join(repoRoot, 'node_modules/arquero'), path.join(dir, 'node_modules/arquero'), 'dir');
  fs.symlinkSync(path.join(repoRoot, 'node_modules/@types/node'), path.join(dir, 'node_modules/@types/node'), 'dir');
  writeFiles(dir, { 'tsconfig.json': JSON.stringify(tsconfig, null, 2), ...files });
  return dir;
}

export function writeFiles(dir: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
}

/** Compiles the project as plain `tsc` does, or as `tspc` does with the transformer; type errors fail. */
export function compile(dir: string, { transformer = false } = {}): void {
  const parsed = ts.getParsedCommandLineOfConfigFile(path.join(dir, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(parsed.options);
  host.getCurrentDirectory = () => dir;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host });
  const errors = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  if (errors.length > 0) throw new Error(`compile errors:\n${errors.join('\n')}`);
  const before = transformer ? [hamiltonTransformer(program, {}, { ts })] : [];
  program.emit(undefined, undefined, undefined, false, { before });
}

export interface Ran {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function node(dir: string, args: string[]): Ran {
  const result = spawnSync(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `hamilton-ts generate …` in the project's directory. */
export function generateCli(dir: string, args: string[] = []): Ran {
  return node(dir, [MAIN, 'generate', ...args]);
}
