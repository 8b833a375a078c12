import * as fs from 'fs';
import * as path from 'path';
import type * as TS from 'typescript';
import { analyseProgram, type AnalysedClass } from '../analyse-program';
import { GenerateError } from '../codegen-errors';
import { compilerApi, readProject } from '../generate';
import { formatWiringDiagnostics, projectWiringDiagnostics } from '../wiring-report';

const normalised = (fileName: string) => path.resolve(fileName).split(path.sep).join('/');

/**
 * The project as the bundler sees it, for the plugin: a language service over
 * its tsconfig.json that takes each file's text from the bundler as it
 * transforms it (so edits in watch mode are analysed before they are saved
 * elsewhere) and every other file from disk.
 */
export class ProjectAnalyser {
  private readonly ts = compilerApi();
  private readonly texts = new Map<string, { version: number; text: string }>();
  private readonly extraRoots = new Set<string>();
  private readonly service: TS.LanguageService;
  private readonly fileNames: string[];
  private readonly projectDir: string;

  constructor(tsconfig: string | undefined, root = process.cwd()) {
    const ts = this.ts;
    const configFile = tsconfig ? path.resolve(root, tsconfig) : ts.findConfigFile(root, ts.sys.fileExists);
    if (!configFile) throw new GenerateError(`hamilton-ts plugin: no tsconfig.json in ${root} or above it: pass hamiltonTs.vite({ tsconfig: 'path/to/tsconfig.json' })`);
    const parsed = readProject(ts, configFile);
    const projectDir = path.dirname(configFile);
    this.projectDir = projectDir;
    this.fileNames = parsed.fileNames;
    const host: TS.LanguageServiceHost = {
      getScriptFileNames: () => [...this.fileNames, ...this.extraRoots],
      getScriptVersion: (file) => {
        const held = this.texts.get(file);
        if (held) return `t${held.version}`;
        try {
          return String(fs.statSync(file).mtimeMs);
        } catch {
          return '0';
        }
      },
      getScriptSnapshot: (file) => {
        const text = this.texts.get(file)?.text ?? ts.sys.readFile(file);
        return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
      },
      // Source locations relative to the project, as tspc and `hamilton-ts generate` write them.
      getCurrentDirectory: () => projectDir,
      getCompilationSettings: () => ({ ...parsed.options, noEmit: true }),
      getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    };
    this.service = ts.createLanguageService(host, ts.createDocumentRegistry());
  }

  /** The dataflow classes of one file, its text as the bundler hands it over. */
  analyse(fileName: string, text: string): AnalysedClass[] {
    const { file, program } = this.programWith(fileName, text);
    if (!program) return [];
    return analyseProgram(this.ts, program, (f) => normalised(f) !== file);
  }

  /** The compile-time wiring checks' findings in one file (README "Compile-time checks"), as tspc reports them there. */
  wiringDiagnostics(fileName: string, text: string): TS.Diagnostic[] {
    const { file, program } = this.programWith(fileName, text);
    if (!program) return [];
    return projectWiringDiagnostics(this.ts, program, (f) => normalised(f) !== file);
  }

  /** Formats diagnostics as tsc prints them, paths relative to the project. */
  format(diagnostics: readonly TS.Diagnostic[]): string {
    return formatWiringDiagnostics(this.ts, diagnostics, this.projectDir);
  }

  private programWith(fileName: string, text: string): { file: string; program: TS.Program | undefined } {
    const file = normalised(fileName);
    const held = this.texts.get(file);
    if (held?.text !== text) this.texts.set(file, { version: (held?.version ?? 0) + 1, text });
    if (!this.fileNames.includes(file)) this.extraRoots.add(file);
    return { file, program: this.service.getProgram() };
  }
}
