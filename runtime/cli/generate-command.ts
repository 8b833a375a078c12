import * as fs from 'fs';
import * as path from 'path';
import type { Command } from 'commander';
import type * as Codegen from '../codegen/generate';
import type * as CodegenWatch from '../codegen/watch';
import type * as WiringReport from '../codegen/wiring-report';
import { ExitCode } from './exit-codes';
import { usageHint } from './report-error';
import { UsageError } from './usage-error';

interface GenerateCommandOptions {
  project: string;
  out?: string;
  check?: boolean;
  watch?: boolean;
}

function describe(generated: Codegen.Generated): string {
  const count = generated.classes.length;
  const relative = (file: string) => path.relative(process.cwd(), file) || file;
  return `${relative(generated.outFile)} and ${relative(generated.declarations.outFile)} (${count} dataflow class${count === 1 ? '' : 'es'})`;
}

/** The module and the typed driver's declarations, as generated, against what is on disk. */
function filesOf(generated: Codegen.Generated): { file: string; text: string; current: string | undefined }[] {
  return [{ file: generated.outFile, text: generated.text }, { file: generated.declarations.outFile, text: generated.declarations.text }]
    .map((f) => ({ ...f, current: fs.existsSync(f.file) ? fs.readFileSync(f.file, 'utf8') : undefined }));
}

/** Writes the generated module, or with --check says whether the one on disk is current (exit 1 when not). */
export async function generateCommand(options: GenerateCommandOptions): Promise<number> {
  // The compiler API loads only for this command.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { generate } = require('../codegen/generate') as typeof Codegen;
  if (options.watch) {
    if (options.check) throw new UsageError('--check and --watch do not go together: --check is for CI, --watch for editing');
    return watchCommand(options);
  }
  const generated = generate({ project: options.project, out: options.out });
  const wiringFailed = reportWiring(generated.diagnostics);
  const files = filesOf(generated);
  if (options.check) {
    if (files.every((f) => f.current === f.text)) {
      process.stdout.write(`hamilton-ts generate: ${describe(generated)} are up to date\n`);
      return wiringFailed ? ExitCode.checkFailed : ExitCode.ok;
    }
    process.stderr.write(`hamilton-ts generate: ${describe(generated)}: `
      + `${files.filter((f) => f.current !== f.text).map((f) => `${path.relative(process.cwd(), f.file) || f.file} is ${f.current === undefined ? 'missing' : 'out of date'}`).join(', ')}: run \`npx hamilton-ts generate${options.project === 'tsconfig.json' ? '' : ` -p ${options.project}`}\` and commit them\n`);
    return ExitCode.checkFailed;
  }
  for (const f of files) {
    if (f.current === f.text) continue;
    fs.mkdirSync(path.dirname(f.file), { recursive: true });
    fs.writeFileSync(f.file, f.text);
  }
  process.stdout.write(`hamilton-ts generate: wrote ${describe(generated)}\n`);
  return wiringFailed ? ExitCode.checkFailed : ExitCode.ok;
}

/** Prints the wiring checks' diagnostics as tsc does; true when any is an error (the module is still written, as tsc emits). */
function reportWiring(diagnostics: Codegen.Generated['diagnostics']): boolean {
  if (diagnostics.length === 0) return false;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { formatWiringDiagnostics, hasErrors } = require('../codegen/wiring-report') as typeof WiringReport;
  const { compilerApi } = require('../codegen/generate') as typeof Codegen; // eslint-disable-line @typescript-eslint/no-require-imports
  const ts = compilerApi();
  process.stderr.write(formatWiringDiagnostics(ts, diagnostics));
  process.stderr.write(`hamilton-ts generate: found ${diagnostics.length} wiring diagnostic${diagnostics.length === 1 ? '' : 's'}`
    + ' (README "Compile-time checks": `// hamilton-ts-ignore` turns one off)\n');
  return hasErrors(ts, diagnostics);
}

function watchCommand(options: GenerateCommandOptions): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { watchProject } = require('../codegen/watch') as typeof CodegenWatch;
  return new Promise((resolve) => {
    // Listening first: the first program can take a while, and a signal meanwhile must still stop cleanly.
    let watcher: CodegenWatch.Watcher | undefined;
    const stop = () => {
      watcher?.close();
      resolve(ExitCode.ok);
    };
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    watcher = watchProject(options.project, options.out, (generated) => {
      process.stdout.write(`hamilton-ts generate: wrote ${describe(generated)}\n`);
    }, (generated) => {
      reportWiring(generated.diagnostics);
    }, (error) => {
      process.stderr.write(`hamilton-ts generate: ${error.message}\n`);
    });
    process.stdout.write(`hamilton-ts generate: watching ${options.project} (Ctrl-C stops)\n`);
  });
}

/** `hamilton-ts generate` and its options; the program adds the action, with its exit code. */
export function defineGenerateCommand(program: Command): Command {
  return program.command('generate')
    .description('write the metadata of the project\'s @dataflow() classes to a module (and the typed driver\'s declarations beside it), for toolchains that run no transformer (tsgo, tsx, esbuild, vitest)')
    .option('-p, --project <tsconfig>', 'the project\'s tsconfig.json', 'tsconfig.json')
    .option('--out <file>', 'the generated module (default: hamilton.generated.ts in the rootDir, else beside tsconfig.json)')
    .option('--check', 'write nothing; exit 1 when the generated files are missing or out of date, or the wiring checks find errors (for CI)')
    .option('--watch', 'regenerate whenever the project changes, until interrupted')
    .showHelpAfterError(usageHint('generate'));
}
