import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { createServer } from 'net';
import * as path from 'path';
import { MEMORY_SETTING } from 'hamilton-ts';
import { REDIS_MEMORY_SETTING } from 'hamilton-ts/distributed';

/**
 * A cluster on this machine for the scale-out and scaling examples and the
 * benchmark: a redis-server of its own on a free loopback port (no
 * persistence) and `hamilton-ts worker` processes serving one queue. In production the
 * workers run on other machines against a shared Redis; nothing else changes.
 */

const CLI = path.resolve(__dirname, '../../runtime/cli/main.js');
/** The compiled dataflow module: the only code the workers may load. */
export const SCALE_OUT_MODULE = path.resolve(__dirname, 'features.js');

export interface LocalCluster {
  url: string;
  queue: string;
  /** The redis-server process. */
  redis: ChildProcess;
  /** The worker processes themselves (not launchers): their /proc/<pid>/status is theirs. */
  workers: ChildProcess[];
  /** How many tasks worker `i` finished so far (counted from its log when started with `verbose`). */
  tasksDone(i: number): number;
  /** SIGTERM to every worker (each finishes its task and exits), then to Redis. */
  stop(): Promise<void>;
}

export interface ClusterOptions {
  workers: number;
  queue: string;
  /** Tasks each worker runs at once (default 1: one partition in memory per worker). */
  concurrency?: number;
  /** Start the workers with --verbose, so that tasksDone counts their tasks. */
  verbose?: boolean;
  /** The compiled dataflow module the workers serve (default: the scale-out example's). */
  module?: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    }).on('error', reject);
  });
}

const exited = (child: ChildProcess): Promise<void> => (child.exitCode !== null || child.signalCode !== null
  ? Promise.resolve()
  : new Promise((resolve) => child.once('exit', () => resolve())));

/** Resolves once `child` wrote `text` on `stream`; rejects if it exits first or takes over 20 s. */
function waitForText(child: ChildProcess, stream: 'stdout' | 'stderr', text: string, what: string): Promise<void> {
  let seen = '';
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 20 s:\n${seen}`)), 20_000);
    const listen = (chunk: Buffer) => {
      seen += chunk;
      if (!seen.includes(text)) return;
      clearTimeout(timer);
      child[stream]!.off('data', listen);
      child[stream]!.resume(); // keep draining: a full pipe would stall the process
      resolve();
    };
    child[stream]!.on('data', listen);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited (${code}) before it was ready:\n${seen}`));
    });
  });
}

export async function startLocalCluster(options: ClusterOptions): Promise<LocalCluster> {
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    throw new Error('redis-server is not installed (Debian: apt-get install redis-server): the example starts its own on 127.0.0.1 (or set REDIS_URL).');
  }
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: ['ignore', 'pipe', 'inherit'], env: { ...REDIS_MEMORY_SETTING, ...process.env },
  });
  const started: ChildProcess[] = [];
  const done: number[] = [];
  const stop = async () => {
    for (const worker of started) worker.kill('SIGTERM');
    await Promise.all(started.map(exited));
    redis.kill('SIGTERM');
    await exited(redis);
  };
  try {
    await waitForText(redis, 'stdout', 'Ready to accept connections', 'redis-server');
    // The worker CLI starts itself again with its memory setting unless it is already set: set it here,
    // so that each child is the worker itself and its peak memory can be read from /proc.
    const env = { ...process.env, GLIBC_TUNABLES: process.env.GLIBC_TUNABLES ?? MEMORY_SETTING };
    for (let i = 0; i < options.workers; i++) {
      const worker = spawn(process.execPath, [CLI, 'worker', '--module', options.module ?? SCALE_OUT_MODULE, '--redis', url, '--queue', options.queue,
        '--concurrency', String(options.concurrency ?? 1), ...(options.verbose ? ['--verbose'] : [])], { stdio: ['ignore', 'ignore', 'pipe'], env });
      started.push(worker);
      done.push(0);
      worker.stderr!.on('data', (chunk: Buffer) => {
        done[i] += chunk.toString().match(/\) done in \d+ ms/g)?.length ?? 0;
      });
      await waitForText(worker, 'stderr', 'serving queue', `worker ${i + 1}`);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, queue: options.queue, redis, workers: started, tasksDone: (i) => done[i], stop };
}

/** A process's peak resident memory (VmHWM) and current one (VmRSS) in bytes, from /proc (Linux). */
export function residentMemory(pid: number): { peak: number; current: number } | undefined {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { peak: kb('VmHWM'), current: kb('VmRSS') };
  } catch {
    return undefined;
  }
}
