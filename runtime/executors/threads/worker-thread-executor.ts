import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import type { ResourceLimits } from 'node:worker_threads';
import type { Piscina } from 'piscina';
import { HamiltonError } from '../../errors';
import type { ExecutionPlan } from '../../execution/execution-plan';
import type { Executor } from '../../execution/executor';
import { schedule, type ScheduleOptions } from '../../execution/scheduler';
import { SharedColumns } from './shared-columns';
import { ThreadRunner, type Offload } from './thread-runner';

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
 * modules. Threads start on the first offloaded unit; `close()` ends them.
 */
export class WorkerThreadExecutor implements Executor {
  readonly name = 'threads';
  /** Columns and tables copied into shared memory for workers (one copy each, reused by later tasks and runs). */
  readonly sharedColumns = new SharedColumns();
  private readonly runner: ThreadRunner;
  private pool?: Piscina;

  constructor(private readonly options: WorkerThreadOptions = {}) {
    const offload = options.offload ?? 'tagged';
    if (offload !== 'tagged' && offload !== 'all') throw new HamiltonError(`WorkerThreadExecutor: offload must be 'tagged' or 'all', got ${JSON.stringify(offload)}`);
    this.runner = new ThreadRunner(() => this.startPool(), this.sharedColumns, offload);
  }

  run(plan: ExecutionPlan, values: unknown[], options?: ScheduleOptions): Promise<void> {
    return schedule(plan, values, this.runner, options);
  }

  /** Ends the pool's threads; a later run starts a new pool. */
  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    await pool?.destroy();
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
