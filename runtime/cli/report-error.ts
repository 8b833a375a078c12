import { DataQualityError, HamiltonError } from '../errors';
import { ExitCode } from './exit-codes';
import { UsageError } from './usage-error';

const debugging = () => process.env.HAMILTON_TS_DEBUG === '1';

export const usageHint = (command?: string) => `Run 'hamilton-ts ${command ? `${command} ` : ''}--help' for usage.`;

/** The stack of an error and of each cause behind it: only for HAMILTON_TS_DEBUG=1. */
function stacks(error: unknown): string[] {
  const lines: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    lines.push(depth === 0 ? e.stack ?? e.message : `caused by: ${e.stack ?? e.message}`);
  }
  return lines;
}

/**
 * Says on stderr what went wrong in a command and returns its exit code.
 * Errors hamilton-ts raises on purpose (and argument and file problems)
 * explain themselves, so they print as their message and a usage hint;
 * stack traces only with HAMILTON_TS_DEBUG=1.
 */
export function reportError(error: unknown, command?: string): number {
  const write = (line: string) => process.stderr.write(`${line}\n`);
  write(`error: ${error instanceof Error ? error.message : String(error)}`);
  const debug = debugging() ? stacks(error) : [];
  debug.forEach(write);
  if (error instanceof DataQualityError) {
    write("Run 'hamilton-ts check' with the same options for the full data-quality report.");
    return ExitCode.checkFailed;
  }
  if (error instanceof UsageError || error instanceof HamiltonError) {
    write(usageHint(command));
    return ExitCode.usage;
  }
  if (debug.length === 0) write('(an unexpected error: set HAMILTON_TS_DEBUG=1 to see where it came from)');
  return ExitCode.usage;
}
