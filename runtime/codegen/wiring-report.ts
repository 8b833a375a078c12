import type * as TS from 'typescript';
import { wiringDiagnostics, type WiringDiagnosticsOptions } from '../../transformer/wiring-diagnostics';

/** The plugin entry's options (`ignore`, `checkWiring`) as tspc reads them from `compilerOptions.plugins`. */
export function wiringOptionsOf(options: TS.CompilerOptions): WiringDiagnosticsOptions {
  const plugins = ((options as { plugins?: unknown }).plugins ?? []) as readonly Record<string, unknown>[];
  const entry = plugins.find((p) => typeof p.transform === 'string' && /(^|[/\\])(hamilton-ts([/\\]transformer)?|transformer([/\\]index(\.[cm]?[jt]s)?)?)$/.test(p.transform));
  if (!entry) return {};
  const ignore = Array.isArray(entry.ignore) ? entry.ignore.filter((c): c is number => typeof c === 'number') : undefined;
  return { checkWiring: entry.checkWiring !== false, ...(ignore ? { ignore } : {}) };
}

/**
 * The compile-time wiring checks tspc reports (README "Compile-time checks")
 * over the project's own files, for toolchains that run no transformer; the
 * same off-switches hold (`// hamilton-ts-ignore`, the plugin entry's options).
 */
export function projectWiringDiagnostics(ts: typeof TS, program: TS.Program, skip: (fileName: string) => boolean = () => false): TS.Diagnostic[] {
  const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !program.isSourceFileFromExternalLibrary(f) && !skip(f.fileName));
  return wiringDiagnostics(ts, program, files, wiringOptionsOf(program.getCompilerOptions()));
}

/** As tsc prints them: `src/driver.ts(8,42): error TS91009: …`, paths relative to `cwd`. */
export function formatWiringDiagnostics(ts: typeof TS, diagnostics: readonly TS.Diagnostic[], cwd = process.cwd()): string {
  return ts.formatDiagnostics(diagnostics, {
    getCurrentDirectory: () => cwd,
    getCanonicalFileName: (f) => f,
    getNewLine: () => '\n',
  });
}

export function hasErrors(ts: typeof TS, diagnostics: readonly TS.Diagnostic[]): boolean {
  return diagnostics.some((d) => d.category === ts.DiagnosticCategory.Error);
}
