import { Command, CommanderError, Option } from 'commander';
import { checkCommand } from './check-command';
import { ExitCode } from './exit-codes';
import { defineGenerateCommand, generateCommand } from './generate-command';
import { addDataflowOptions, integerArg } from './options';
import { reportError, usageHint } from './report-error';
import { REPORT_FORMATS } from './report-format';
import { runCommand } from './run-command';
import { listCommand, registerListCommand } from './list-command';
import { registerViewCommand, viewCommand } from './view-command';

function version(): string {
  try {
    // The package's own name resolves to itself, from the repository and from node_modules alike.
    return (require('hamilton-ts/package.json') as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

const rowCount = integerArg(0, 'expected a whole number of rows');

/** An action that reports its own errors and hands back its exit code. */
function guarded<O>(name: string, command: (options: O) => Promise<number>, done: (code: number) => void) {
  return async (options: O): Promise<void> => {
    try {
      done(await command(options));
    } catch (error) {
      done(reportError(error, name));
    }
  };
}

/** Adds a command to the program (the worker command, kept in its own file, comes in this way). */
export type RegisterCommand = (program: Command) => unknown;

function buildProgram(done: (code: number) => void, extraCommands: readonly RegisterCommand[] = []): Command {
  // exitOverride before the subcommands: they inherit it, so commander throws instead of exiting.
  const program = new Command('hamilton-ts')
    .description('Run hamilton-ts dataflows and check their data quality.')
    .version(version())
    .exitOverride()
    .showHelpAfterError(usageHint());

  addDataflowOptions(program.command('run').description('compute the outputs and print them as a table, or write them to --out'))
    .option('--out <file>', 'write the result table to a .csv, .json, .arrow, .feather or .parquet file')
    .addOption(new Option('--limit <rows>', 'rows to print when there is no --out').argParser(rowCount).default(20))
    .option('--materialize', "also run every saver of the modules' exported `materializers` (from.… / to.…) and print what each wrote")
    .showHelpAfterError(usageHint('run'))
    .action(guarded('run', runCommand, done));

  addDataflowOptions(program.command('check').description('run the data-quality checks and print their report; exit 1 if a `fail` check failed'))
    .addOption(new Option('--format <format>', 'how to print the report').choices(REPORT_FORMATS).default('table'))
    .option('--report-file <file>', 'also write the report there (.json: JSON, .md: Markdown, else as --format)')
    .showHelpAfterError(usageHint('check'))
    .action(guarded('check', checkCommand, done));

  defineGenerateCommand(program).action(guarded('generate', generateCommand, done));
  registerViewCommand(program, guarded('view', viewCommand, done));
  registerListCommand(program, guarded('list', listCommand, done));

  for (const register of extraCommands) register(program);
  return program;
}

/**
 * Runs the command line and returns the exit code: 0 ok, 1 a `fail` check
 * failed, 2 the run could not be made (see ExitCode).
 */
export async function runCli(argv: readonly string[], extraCommands: readonly RegisterCommand[] = []): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = buildProgram((code) => {
    exitCode = code;
  }, extraCommands);
  try {
    await program.parseAsync(argv as string[]);
  } catch (error) {
    // Commander has printed its message (and the hint): only the code is left to choose.
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    return reportError(error);
  }
  return exitCode;
}
