import { spawn, spawnSync, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import Redis from 'ioredis';
import { BullMQExecutor, type BullMQExecutorOptions } from '../../../runtime/executors/distributed/bullmq-executor';

/**
 * Real processes for the distributed tests: a redis-server of their own on a
 * free loopback port, and `hamilton-ts worker` processes from the build.
 * Nothing is skipped: a missing redis-server or build fails the tests with
 * what to do.
 */

const ROOT = path.resolve(__dirname, '../../..');
export const CLI = path.join(ROOT, 'dist/runtime/cli/main.js');
export const FLOWS = path.join(ROOT, 'dist/test/fixtures/distributed/flows.js');
export const CRASH_DRIVER = path.join(ROOT, 'dist/test/fixtures/distributed/crash-driver.js');
export const MARKETING = path.join(ROOT, 'dist/examples/marketing/features.js');
export const GROUPING = path.join(ROOT, 'dist/test/fixtures/distributed/grouping.js');

export function assertBuilt(): void {
  for (const file of [CLI, FLOWS, CRASH_DRIVER, MARKETING, GROUPING]) {
    if (!fs.existsSync(file)) throw new Error(`${path.relative(ROOT, file)} is missing: run \`npm run build\` before the distributed tests (npm test does).`);
  }
}

export function assertRedisInstalled(): void {
  const probe = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (probe.error || probe.status !== 0) {
    throw new Error('redis-server is not installed, and the distributed tests need it: install it (Debian/Ubuntu: `apt-get install redis-server`, '
      + 'macOS: `brew install redis`) and run the tests again. They start their own server on a free 127.0.0.1 port.');
  }
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every process the tests started: killed when the test process exits, whatever happened before. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Resolves when `promise` settles or after `ms`, whichever is first: for teardown that must not hang. */
export function atMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.then(() => undefined, () => undefined),
    new Promise<void>((resolve) => { timer = setTimeout(resolve, ms); }),
  ]).finally(() => clearTimeout(timer));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

export interface RedisServer {
  port: number;
  /** The redis-server's process id (its memory in /proc). */
  pid: number;
  url: string;
  /** A client for inspecting keys. */
  client: Redis;
  /** Kills the server at once (SIGKILL): Redis going away. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server of the test's own: loopback only, no persistence. */
export async function startRedis(env: NodeJS.ProcessEnv = process.env): Promise<RedisServer> {
  assertRedisInstalled();
  const port = await freePort();
  const child = track(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
    stdio: ['ignore', 'pipe', 'pipe'], env,
  }));
  let output = '';
  child.stdout!.on('data', (chunk) => { output += chunk; });
  child.stderr!.on('data', (chunk) => { output += chunk; });
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
  client.on('error', () => undefined);
  try {
    await waitFor(`redis-server on port ${port} to answer PING`, async () => {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode}): ${output}`);
      try {
        if (client.status === 'wait') await client.connect();
        return (await client.ping()) === 'PONG';
      } catch {
        return false;
      }
    }, 10_000);
  } catch (error) {
    child.kill('SIGKILL');
    client.disconnect();
    throw error;
  }
  const kill = async () => {
    child.kill('SIGKILL');
    await exited(child);
  };
  return {
    port,
    pid: child.pid!,
    url: `redis://127.0.0.1:${port}`,
    client,
    kill,
    stop: async () => {
      // QUIT rather than disconnect(): ioredis keeps a 2 s timer after a disconnect.
      if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
      else client.disconnect();
      await kill();
    },
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it wrote to stderr so far. */
  log(): string;
  /** Resolves once its stderr contains the text (or matches the pattern). */
  waitForLog(text: string | RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM, then its exit. */
  stop(): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(): Promise<void>;
}

/** A real `hamilton-ts worker` from the build, serving `modules` (each a `--module`), ready once it says it is serving. */
export async function startWorkerProcess(url: string, queue: string, extra: string[] = [], modules = [FLOWS, MARKETING]): Promise<WorkerProcess> {
  const moduleArgs = modules.flatMap((file) => ['--module', file]);
  const child = track(spawn(process.execPath, [CLI, 'worker', ...moduleArgs, '--redis', url, '--queue', queue, ...extra], {
    stdio: ['ignore', 'ignore', 'pipe'],
  }));
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  const worker: WorkerProcess = {
    child,
    log: () => stderr,
    waitForLog: async (text, timeoutMs = 15_000) => {
      await waitFor(`the worker to log ${text}`, () => {
        if (typeof text === 'string' ? stderr.includes(text) : text.test(stderr)) return true;
        if (child.exitCode !== null) throw new Error(`the worker exited (${child.exitCode}) before logging ${text}:\n${stderr}`);
        return false;
      }, timeoutMs).catch((error: Error) => {
        throw new Error(`${error.message}; it logged:\n${stderr}`);
      });
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited(child);
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
  await worker.waitForLog('serving queue');
  return worker;
}

/** Every key under a prefix, with its TTL in seconds (-1: none, -2: gone). */
export async function keysWithTtl(client: Redis, pattern: string): Promise<Record<string, number>> {
  const keys = await client.keys(pattern);
  const ttls = await Promise.all(keys.map((key) => client.ttl(key)));
  return Object.fromEntries(keys.map((key, i) => [key, ttls[i]]));
}

/**
 * For one test file: a redis-server, one worker serving `modules` (compiled
 * files) on `queue`, and a BullMQExecutor on it, started before its tests and
 * stopped after them. Returns the executor, read once the tests run; called
 * with options, a further executor on the same queue with those options.
 */
export function workerOnQueue(queue: string, modules: string[]): (options?: Partial<BullMQExecutorOptions>) => BullMQExecutor {
  let redis: RedisServer | undefined;
  let worker: WorkerProcess | undefined;
  let executor: BullMQExecutor | undefined;
  const others: BullMQExecutor[] = [];
  beforeAll(async () => {
    assertBuilt();
    redis = await startRedis();
    worker = await startWorkerProcess(redis.url, queue, ['--concurrency', '4'], modules);
    executor = new BullMQExecutor({ connection: redis.url, queue, keyPrefix: 'test' });
  });
  afterAll(async () => {
    await atMost(Promise.all([executor, ...others].map((e) => e?.close())), 10_000);
    await worker?.stop();
    await redis?.stop();
  });
  return (options) => {
    if (!options) return executor!;
    const other = new BullMQExecutor({ connection: redis!.url, queue, keyPrefix: 'test', ...options });
    others.push(other);
    return other;
  };
}
