import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'dist/runtime/cli/main.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI from the repository root, as a user or a CI job would. */
export function cli(args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  if (!fs.existsSync(MAIN)) throw new Error(`${MAIN} is missing: run \`npm run build\` first (npm test does).`);
  return new Promise((resolve) => {
    const options = { cwd: ROOT, encoding: 'utf8' as const, env: { ...process.env, HAMILTON_TS_DEBUG: '', ...env } };
    execFile(process.execPath, [MAIN, ...args], options, (error, stdout, stderr) => {
      // A non-zero exit is an error whose code is the exit status.
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr });
    });
  });
}

/** A stack trace line, which no error the CLI explains should print. */
export const STACK_LINE = /^\s+at /m;
