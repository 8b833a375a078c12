import * as fs from 'fs';
import * as path from 'path';
import type * as TS from 'typescript';
import { analyseProgram, type AnalysedClass } from './analyse-program';
import { GenerateError } from './codegen-errors';
import { renderGeneratedModule, type ModuleStyle } from './generated-module';
import { projectWiringDiagnostics } from './wiring-report';
import { typedDriverDeclarations } from '../../transformer/typed-declarations';

export const DEFAULT_GENERATED_FILE = 'hamilton.generated.ts';

export interface GenerateOptions {
  /** The project's tsconfig.json (default `tsconfig.json` in the working directory). */
  project?: string;
  /** The generated module (default `hamilton.generated.ts` in the project's rootDir, else beside tsconfig.json). */
  out?: string;
}

export interface Generated {
  outFile: string;
  text: string;
  classes: readonly AnalysedClass[];
  /** The typed driver's declarations (README "Typed driver"), a `.d.ts` beside the module: `hamilton.generated.types.d.ts`. */
  declarations: { outFile: string; text: string };
  /** The compile-time wiring checks' findings (README "Compile-time checks"), as tspc would report them. */
  diagnostics: readonly TS.Diagnostic[];
}

/** The package's own TypeScript 5, whatever compiler the project builds with (tsgo, esbuild, …). */
export function compilerApi(): typeof TS {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('typescript') as typeof TS;
}

/** Reads the project's tsconfig.json; its errors are a GenerateError naming the file. */
export function readProject(ts: typeof TS, project: string): TS.ParsedCommandLine {
  const configFile = path.resolve(project);
  if (!fs.existsSync(configFile)) throw new GenerateError(`cannot find ${project}: pass the project's tsconfig.json with -p`);
  const host: TS.ParseConfigFileHost = {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new GenerateError(`${project}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
    },
  };
  const parsed = ts.getParsedCommandLineOfConfigFile(configFile, {}, host)!;
  const errors = parsed.errors.filter((d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003);
  if (errors.length > 0) throw new GenerateError(`${project}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')}`);
  return parsed;
}

/** Where the generated module goes: --out, else the project's rootDir, else beside tsconfig.json. */
export function outFileOf(parsed: TS.ParsedCommandLine, configFile: string, out: string | undefined): string {
  if (out) return path.resolve(out);
  return path.join(parsed.options.rootDir ?? path.dirname(path.resolve(configFile)), DEFAULT_GENERATED_FILE);
}

/** The generated module of a program (the CLI's, the watcher's). */
export function generateFromProgram(ts: typeof TS, program: TS.Program, outFile: string): Generated {
  const skip = (file: string) => path.resolve(file) === outFile;
  const classes = analyseProgram(ts, program, skip);
  const style = moduleStyle(ts, program.getCompilerOptions(), outFile);
  const text = renderGeneratedModule(classes, outFile, style);
  const declarationsFile = declarationsFileOf(outFile);
  const sources = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f) && !skip(f.fileName));
  const declarations = { outFile: declarationsFile, text: typedDriverDeclarations(ts, program, sources, declarationsFile, { jsExtensions: style.jsExtensions }) };
  return { outFile, text, classes, declarations, diagnostics: projectWiringDiagnostics(ts, program, skip) };
}

/**
 * The declarations' file beside the module: `hamilton.generated.types.d.ts`
 * (not `hamilton.generated.d.ts`, which TypeScript would take for the
 * module's own output and leave out of the program).
 */
export function declarationsFileOf(outFile: string): string {
  return `${outFile.replace(/\.[cm]?tsx?$/, '')}.types.d.ts`;
}

/** `hamilton-ts generate` without --watch: reads the project and renders its module (writing is the caller's). */
export function generate(options: GenerateOptions = {}): Generated {
  const ts = compilerApi();
  const project = options.project ?? 'tsconfig.json';
  const parsed = readProject(ts, project);
  const root = path.dirname(path.resolve(project));
  const outFile = outFileOf(parsed, project, options.out);
  const host = ts.createCompilerHost(parsed.options);
  // Source locations relative to the project, wherever the command runs from: the same text in CI.
  host.getCurrentDirectory = () => root;
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: { ...parsed.options, noEmit: true }, host, projectReferences: parsed.projectReferences });
  return generateFromProgram(ts, program, outFile);
}

/** ES module output for the generated file, as the project compiles it. */
export function moduleStyle(ts: typeof TS, options: TS.CompilerOptions, outFile: string): ModuleStyle {
  const module = options.module ?? ts.ModuleKind.CommonJS;
  const node = module >= ts.ModuleKind.Node16 && module <= ts.ModuleKind.NodeNext;
  if (node) return { esm: outFile.endsWith('.mts') || (!outFile.endsWith('.cts') && packageType(path.dirname(outFile)) === 'module'), jsExtensions: true };
  return { esm: module !== ts.ModuleKind.CommonJS && module !== ts.ModuleKind.AMD && module !== ts.ModuleKind.UMD && module !== ts.ModuleKind.System, jsExtensions: false };
}

function packageType(dir: string): string | undefined {
  for (; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      try {
        return (JSON.parse(fs.readFileSync(file, 'utf8')) as { type?: string }).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}
