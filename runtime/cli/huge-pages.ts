import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { withMemoryTunables } from './memory-tunables';

/**
 * The processes hamilton-ts starts itself (`hamilton-ts run`, `check`,
 * `worker`) run with glibc's malloc set for columns (memory-tunables.ts):
 * transparent huge pages (a fresh 8 MB column costs 4 page faults instead
 * of 2,048; on cloud VMs, where a 4 KiB fault costs 10-20 µs, that is most
 * of a column kernel's time) and freed columns kept for reuse, their pages
 * already mapped (see README, Performance). glibc reads its tunables only at
 * process start, so the CLI starts itself again once with them set; what it
 * starts inherits them. `HAMILTON_TS_HUGE_PAGES=0` opts out.
 */
export const HUGE_PAGES_TUNABLE = 'glibc.malloc.hugetlb=1';
export const HUGE_PAGES_OPT_OUT = 'HAMILTON_TS_HUGE_PAGES';
/** Set in the relaunched process: it must never relaunch again, and it ends with its parent. */
const RELAUNCHED = 'HAMILTON_TS_RELAUNCHED';

export interface Platform {
  platform: NodeJS.Platform;
  env: NodeJS.ProcessEnv;
  /** The glibc version Node runs on, undefined on musl and elsewhere. */
  glibc(): string | undefined;
  /** The kernel's transparent-huge-page mode: `always`, `madvise`, `never`, or undefined when unknown. */
  transparentHugePages(): string | undefined;
}

export const thisPlatform: Platform = {
  platform: process.platform,
  env: process.env,
  glibc: () => (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header?.glibcVersionRuntime,
  transparentHugePages: () => {
    try {
      return /\[(\w+)\]/.exec(readFileSync('/sys/kernel/mm/transparent_hugepage/enabled', 'utf8'))?.[1];
    } catch {
      return undefined;
    }
  },
};

/**
 * The environment to start again with, or undefined when this process
 * should run as it is: not Linux with glibc, opted out, already relaunched,
 * or every tunable already set by the user (their values are kept, ours only
 * added beside them). Without transparent huge pages in the kernel, only the
 * reuse of freed memory is set.
 */
export function hugePagesEnv(platform: Platform = thisPlatform): NodeJS.ProcessEnv | undefined {
  const { env } = platform;
  if (platform.platform !== 'linux' || env[RELAUNCHED] || env[HUGE_PAGES_OPT_OUT] === '0') return undefined;
  if (!platform.glibc()) return undefined;
  const mode = platform.transparentHugePages();
  const tunables = withMemoryTunables(env, mode === 'always' || mode === 'madvise');
  return tunables === undefined ? undefined : { ...env, GLIBC_TUNABLES: tunables, [RELAUNCHED]: '1' };
}

/** Signals sent to the command (by a supervisor, `kill`, `timeout`, a terminal's Ctrl-C): passed on to the relaunched one. */
const FORWARDED: NodeJS.Signals[] = ['SIGTERM', 'SIGHUP', 'SIGINT'];

/**
 * Starts this same command again with huge pages, when `hugePagesEnv` says
 * so, and returns true: this process then only waits and exits as the
 * relaunched one does (its exit code, or its signal). The relaunched one
 * runs in a session of its own, so that each signal reaches it exactly
 * once, through this process: a terminal's Ctrl-C reaches only this
 * process group, and `kill -INT <pid>` only this process; both are
 * forwarded. Ctrl-Z (SIGTSTP) stops both, and SIGCONT resumes both.
 * Should this process die (even by SIGKILL), the relaunched one ends too.
 */
export function relaunchWithHugePages(platform: Platform = thisPlatform): boolean {
  if (process.env[RELAUNCHED]) {
    // Processes this one starts inherit the tunable: they need not relaunch, nor watch this one.
    delete process.env[RELAUNCHED];
    endWithParent();
    return false;
  }
  const env = hugePagesEnv(platform);
  if (!env) return false;
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'], env, detached: true });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  // The child's group has no parent in its session: the kernel drops a SIGTSTP sent there, so it gets SIGSTOP.
  const suspend = () => {
    child.kill('SIGSTOP');
    process.kill(process.pid, 'SIGSTOP');
  };
  const resume = () => child.kill('SIGCONT');
  for (const signal of FORWARDED) process.on(signal, forward);
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', resume);
  child.on('error', (error) => {
    process.stderr.write(`hamilton-ts: could not start itself again with huge pages (${error.message}); set ${HUGE_PAGES_OPT_OUT}=0 to run without\n`);
    process.exitCode = 2;
  });
  child.on('exit', (code, signal) => {
    for (const s of FORWARDED) process.off(s, forward);
    process.off('SIGTSTP', suspend);
    process.off('SIGCONT', resume);
    if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
  return true;
}

/** In the relaunched process: the IPC channel to the parent closes when it dies, and this process follows at once. */
function endWithParent(): void {
  if (!process.channel) return;
  process.channel.unref();
  process.on('disconnect', () => process.kill(process.pid, 'SIGKILL'));
}
