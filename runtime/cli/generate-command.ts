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

function describe(outFile: string, count: number): string {
  return `${path.relative(process.cwd(), outFile) || outFile} (${count} dataflow class${count === 1 ? '' : 'es'})`;
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
  const current = fs.existsSync(generated.outFile) ? fs.readFileSync(generated.outFile, 'utf8') : undefined;
  if (options.check) {
    if (current === generated.text) {
      process.stdout.write(`hamilton-ts generate: ${describe(generated.outFile, generated.classes.length)} is up to date\n`);
      return wiringFailed ? ExitCode.checkFailed : ExitCode.ok;
    }
    process.stderr.write(`hamilton-ts generate: ${describe(generated.outFile, generated.classes.length)} is `
      + `${current === undefined ? 'missing' : 'out of date'}: run \`npx hamilton-ts generate${options.project === 'tsconfig.json' ? '' : ` -p ${options.project}`}\` and commit it\n`);
    return ExitCode.checkFailed;
  }
  if (current !== generated.text) {
    fs.mkdirSync(path.dirname(generated.outFile), { recursive: true });
    fs.writeFileSync(generated.outFile, generated.text);
  }
  process.stdout.write(`hamilton-ts generate: wrote ${describe(generated.outFile, generated.classes.length)}\n`);
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
      process.stdout.write(`hamilton-ts generate: wrote ${describe(generated.outFile, generated.classes.length)}\n`);
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
    .description('write the metadata of the project\'s @dataflow() classes to a module, for toolchains that run no transformer (tsgo, tsx, esbuild, vitest)')
    .option('-p, --project <tsconfig>', 'the project\'s tsconfig.json', 'tsconfig.json')
    .option('--out <file>', 'the generated module (default: hamilton.generated.ts in the rootDir, else beside tsconfig.json)')
    .option('--check', 'write nothing; exit 1 when the generated module is missing or out of date (for CI)')
    .option('--watch', 'regenerate whenever the project changes, until interrupted')
    .showHelpAfterError(usageHint('generate'));
}
