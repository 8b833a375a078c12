import { spawnSync } from 'child_process';

/**
 * Runs a compiled example script and returns what it printed. A script that
 * fails or runs out of time is a plain Error with its exit and the end of
 * its output: the error spawnSync gives refers to itself, which jest's
 * `--json` report cannot serialise (the whole run's summary was lost).
 */
export function runExample(script: string, options: { env?: NodeJS.ProcessEnv; timeoutMs: number }): string {
  const result = spawnSync(process.execPath, [script], { encoding: 'utf8', env: options.env ?? process.env, timeout: options.timeoutMs });
  if (result.status === 0) return result.stdout;
  const how = result.error ? `${result.error.message} (after ${options.timeoutMs} ms?)` : `exit ${result.status ?? result.signal}`;
  const tail = (text: string) => text.split('\n').slice(-20).join('\n');
  throw new Error(`${script}: ${how}\n--- stdout (end) ---\n${tail(result.stdout ?? '')}\n--- stderr (end) ---\n${tail(result.stderr ?? '')}`);
}
