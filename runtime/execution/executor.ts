import type { ExecutionPlan } from './execution-plan';
import type { ScheduleOptions } from './scheduler';

/**
 * How a plan's nodes get computed: the seed's graph adapter. An executor
 * receives a plan and a slot array already holding every provided value, and
 * fills in the slot of every step. Implement this to run hamilton-ts on
 * another engine; the driver, graph and result builders stay the same.
 */
export interface Executor {
  readonly name: string;
  /**
   * Rejects with a NodeExecutionError naming the first node that failed, or
   * with SetAsideFailures when `options.setAside` accepted the failures.
   */
  run(plan: ExecutionPlan, values: unknown[], options?: ScheduleOptions): Promise<void>;
  /** Releases threads, connections or queues the executor holds. */
  close?(): Promise<void>;
}
