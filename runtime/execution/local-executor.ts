import type { ExecutionPlan } from './execution-plan';
import type { Executor } from './executor';
import { InProcessRunner } from './node-runner';
import { schedule, type ScheduleOptions } from './scheduler';

/**
 * Runs nodes in-process. Synchronous nodes run back to back; a node that
 * returns a promise is awaited while every other ready node keeps running, so
 * independent async nodes overlap. Values are passed by reference: no column
 * is ever copied.
 */
export class LocalExecutor implements Executor {
  readonly name = 'local';
  private readonly runner = new InProcessRunner();

  run(plan: ExecutionPlan, values: unknown[], options?: ScheduleOptions): Promise<void> {
    return schedule(plan, values, this.runner, options);
  }
}
