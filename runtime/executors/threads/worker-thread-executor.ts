import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { HamiltonError } from '../../errors';
import type { ExecutionPlan } from '../../execution/execution-plan';
import type { Executor } from '../../execution/executor';
import { schedule, type ScheduleOptions } from '../../execution/scheduler';
import { Offloads, type Offload } from './offloads';
import { SharedColumns, type SharedCopies } from './shared-columns';
import { ThreadReadiness } from './thread-readiness';
import { ThreadRunner, type RunPool } from './thread-runner';

/** How long close() waits at most for started threads to finish loading their modules before ending them anyway. */
const LOADING_BOUND_MS = 30_000;

export interface WorkerThreadOptions {
  /** Most threads in the pool (default: the machine's available parallelism). */
  maxThreads?: number;
  /**
   * Threads kept alive when idle (default: all of them, so that every run
   * finds its threads started and their code warm). Threads beyond these end
   * after 30 s idle. Idle threads never keep the process alive.
   */
  minThreads?: number;
  /**
   * `tagged` (default): only units with a node tagged `executor: 'thread'`,
   * and fan-out items, go to the pool; the rest run on the calling thread.
   * `all`: every unit goes to the pool.
   */
  offload?: Offload;
  /** Limits of each worker's heap; a worker that exceeds them fails its run, not the process. */
  resourceLimits?: ResourceLimits;
}

/**
 * Runs a plan on a pool of worker threads (Piscina), for CPU-heavy nodes:
 * the shared scheduler orders units, and a ThreadRunner sends the heavy
 * ones to the pool, which builds the graph from the classes' compiled
 * modules. Threads start on the first offloaded unit; `close()` ends them
 * (once they have finished loading: see ThreadReadiness), and fails the runs
 * still going with a WorkerThreadError saying so.
 */
export class WorkerThreadExecutor implements Executor {
  readonly name = 'threads';
  /** How many columns and tables were copied into shared memory for workers (at most once each per run). */
  readonly sharedColumns: SharedCopies = { copies: 0 };
  private readonly offloads: Offloads;
  private pool?: Piscina;
  private readiness?: ThreadReadiness;
  /** How many times close() was called: a run begun before a close sends no more tasks. */
  private closes = 0;
  private closing: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkerThreadOptions = {}) {
    const offload = options.offload ?? 'tagged';
    if (offload !== 'tagged' && offload !== 'all') throw new HamiltonError(`WorkerThreadExecutor: offload must be 'tagged' or 'all', got ${JSON.stringify(offload)}`);
    this.offloads = new Offloads(offload);
  }

  run(plan: ExecutionPlan, values: unknown[], options?: ScheduleOptions): Promise<void> {
    const opened = this.closes;
    const pool: RunPool = { get: () => this.startPool(), closed: () => this.closes !== opened };
    return schedule(plan, values, new ThreadRunner(pool, new SharedColumns(this.sharedColumns), this.offloads.of(plan)), options);
  }

  /**
   * Ends the pool's threads, at any moment: threads still loading their
   * modules are let finish first (terminating one then aborts the process).
   * A run still going rejects with a WorkerThreadError saying the executor
   * was closed; a later run starts a new pool.
   */
  close(): Promise<void> {
    this.closes++;
    const { pool, readiness } = this;
    this.pool = undefined;
    this.readiness = undefined;
    if (pool) this.closing = Promise.all([this.closing, readiness!.settled(LOADING_BOUND_MS).then(() => pool.destroy())]);
    return this.closing.then(() => undefined);
  }

  private startPool(): Piscina {
    if (!this.pool) {
      const maxThreads = this.options.maxThreads ?? availableParallelism();
      // Loaded on first use: programs that never offload do not pay for it.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Piscina: Pool } = require('piscina') as typeof import('piscina');
      this.pool = new Pool({
        filename: workerFile(),
        maxThreads,
        minThreads: Math.min(this.options.minThreads ?? maxThreads, maxThreads),
        idleTimeout: 30_000,
        resourceLimits: this.options.resourceLimits,
      });
      // A thread that dies with no task running has no run to fail: Piscina replaces it.
      this.pool.on('error', () => {});
      this.readiness = new ThreadReadiness(this.pool);
    }
    return this.pool;
  }
}

/** The compiled worker beside this file, or, when running from TypeScript sources (ts-jest), the one `npm run build` put in dist/. */
function workerFile(): string {
  const beside = path.join(__dirname, 'worker.js');
  if (existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '../../../dist/runtime/executors/threads/worker.js');
  if (existsSync(built)) return built;
  throw new HamiltonError(`WorkerThreadExecutor: no compiled worker at ${beside} or ${built}: run \`npm run build\` first.`);
}
