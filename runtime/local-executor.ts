import { NodeExecutionError } from './errors';
import type { ExecutionPlan } from './execution-plan';
import type { Executor } from './executor';

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && (typeof value === 'object' || typeof value === 'function')
    && typeof (value as { then?: unknown }).then === 'function';
}

/**
 * Runs nodes in-process. Synchronous nodes run back to back; a node that
 * returns a promise is awaited while every other ready node keeps running, so
 * independent async nodes overlap. Values are passed by reference: no column
 * is ever copied.
 */
export class LocalExecutor implements Executor {
  readonly name = 'local';

  run(plan: ExecutionPlan, values: unknown[]): Promise<void> {
    const { steps, dependentSteps } = plan;
    const { nodeAt, dependencySlots } = plan.graph;
    const waiting = plan.waitCounts.slice();
    const ready: number[] = [];
    for (let i = 0; i < steps.length; i++) if (waiting[i] === 0) ready.push(i);
    let head = 0;
    let done = 0;
    let settled = false;

    return new Promise<void>((resolve, reject) => {
      const fail = (step: number, cause: unknown) => {
        if (settled) return;
        settled = true;
        reject(cause instanceof NodeExecutionError ? cause : new NodeExecutionError(nodeAt[steps[step]], cause));
      };
      const complete = (step: number, value: unknown) => {
        values[steps[step]] = value;
        done++;
        const dependents = dependentSteps[step];
        for (let j = 0; j < dependents.length; j++) {
          if (--waiting[dependents[j]] === 0) ready.push(dependents[j]);
        }
      };
      const drain = () => {
        while (head < ready.length && !settled) {
          const step = ready[head++];
          const slot = steps[step];
          const deps = dependencySlots[slot];
          const args = new Array(deps.length);
          for (let j = 0; j < deps.length; j++) args[j] = values[deps[j]];
          let value: unknown;
          try {
            value = nodeAt[slot].fn(...args);
          } catch (error) {
            fail(step, error);
            return;
          }
          if (isThenable(value)) {
            value.then((v) => {
              if (settled) return;
              complete(step, v);
              drain();
            }, (error) => fail(step, error));
          } else {
            complete(step, value);
          }
        }
        if (done === steps.length && !settled) {
          settled = true;
          resolve();
        }
      };
      drain();
    });
  }
}
