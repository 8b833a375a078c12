// A fresh user project outside the repo, installed from npm's cache: what test/pack's suites share.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export const repoRoot = path.resolve(__dirname, '../..');

/** Versions from the repo's lockfile, so that the install is served from npm's cache. */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8'));
  const version = lock.packages?.[`node_modules/${name}`]?.version;
  if (typeof version !== 'string') throw new Error(`package-lock.json has no version of ${name}`);
  return version;
}

/**
 * The environment of a shell outside the repo: `npm test` exports npm_config_local_prefix
 * (which would make the fixture's `npm install` install into the repo), npm_package_* and
 * jest's worker variables.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === 'INIT_CWD' || key === 'JEST_WORKER_ID' || key === 'NODE_ENV') continue;
    env[key] = value;
  }
  return env;
}

/**
 * The repo's files as a fresh clone has them (tracked and new, not ignored: no dist/), with the
 * repo's node_modules linked in for the build tools. Packing there leaves the repo's dist/ alone,
 * which other suites are reading meanwhile.
 */
export function freshCopy(into: string): string {
  const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], repoRoot, 30_000)
    .split('\0').filter((f) => f && fs.existsSync(path.join(repoRoot, f)));
  for (const file of files) {
    fs.mkdirSync(path.dirname(path.join(into, file)), { recursive: true });
    fs.copyFileSync(path.join(repoRoot, file), path.join(into, file));
  }
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(into, 'node_modules'), 'dir');
  return into;
}

const tail = (text: string, lines = 40) => text.split('\n').slice(-lines).join('\n');

/** Runs a command as a user's shell would; a failure is an error showing the ends of its output. */
export function run(command: string, args: string[], cwd: string, timeoutMs: number): string {
  return runCapturing(command, args, cwd, timeoutMs).stdout;
}

export function runCapturing(command: string, args: string[], cwd: string, timeoutMs: number): { stdout: string; stderr: string } {
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd, env: cleanEnv(), encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024,
  });
  const took = ((Date.now() - started) / 1000).toFixed(1);
  if (result.error || result.status !== 0) {
    throw new Error(
      `\`${command} ${args.join(' ')}\` in ${cwd} failed after ${took} s `
      + `(${result.error?.message ?? (result.signal ? `signal ${result.signal}` : `exit ${result.status}`)})\n`
      + `--- stdout ---\n${tail(result.stdout ?? '')}\n--- stderr ---\n${tail(result.stderr ?? '')}`,
    );
  }
  return { stdout: result.stdout, stderr: result.stderr };
}
