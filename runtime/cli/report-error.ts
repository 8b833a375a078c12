import { DataQualityError, HamiltonError, MissingInputsError, NodeExecutionError } from '../errors';
import { ExitCode } from './exit-codes';

const DEBUG_HINT = 'Set HAMILTON_TS_DEBUG=1 to see where it came from.';

export const usageHint = (command?: string) => `Run 'hamilton-ts ${command ? `${command} ` : ''}--help' for usage.`;

/** The stack of an error and of each cause behind it: only for HAMILTON_TS_DEBUG=1. */
function stacks(error: unknown): string[] {
  const lines: string[] = [];
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    lines.push(depth === 0 ? e.stack ?? e.message : `caused by: ${e.stack ?? e.message}`);
  }
  return lines;
}

/** What to do next, on the command line, after an error hamilton-ts raised on purpose. */
function advice(error: HamiltonError, command: string | undefined, debugging: boolean): string[] {
  const lines: string[] = [];
  // The runtime's message speaks of the API (`inputs`, config): say where those are on the command line.
  if (error instanceof MissingInputsError) lines.push('On the command line: columns of an --inputs file, or --config name=value.');
  // A node's own error is a bug in the node, not in the arguments: its stack is what helps.
  if (error instanceof NodeExecutionError && !debugging) lines.push(DEBUG_HINT);
  lines.push(usageHint(command));
  return lines;
}

/**
 * Says on stderr what went wrong in a command and returns its exit code.
 * Errors hamilton-ts raises on purpose (and argument and file problems)
 * explain themselves: they print as their message and a usage hint. Stack
 * traces only with HAMILTON_TS_DEBUG=1.
 */
export function reportError(error: unknown, command?: string): number {
  const debugging = process.env.HAMILTON_TS_DEBUG === '1';
  const lines = [`error: ${error instanceof Error ? error.message : String(error)}`, ...(debugging ? stacks(error) : [])];
  let code: number = ExitCode.usage;
  if (error instanceof DataQualityError) {
    lines.push("Run 'hamilton-ts check' with the same options for the full data-quality report.");
    code = ExitCode.checkFailed;
  } else if (error instanceof HamiltonError) {
    lines.push(...advice(error, command, debugging));
  } else if (!debugging) {
    lines.push(DEBUG_HINT);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
  return code;
}
