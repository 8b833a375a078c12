import { NodeExecutionError, NodeTimeoutError } from '../errors';
import type { Node } from '../graph/node';
import type { ExecutionPlan, Unit } from './execution-plan';
import { toItems } from './fan-out';
import { isThenable, type NodeRunner } from './node-runner';
import { checkTimeout, unitTimeouts } from './node-timeout';
import type { RunHooks } from '../lifecycle/run-lifecycle';
import { ValueRelease } from './value-release';

export interface ScheduleOptions {
  /**
   * Failures this accepts are set aside instead of stopping the run: the
   * failed unit's dependents are skipped, everything else runs, and the run
   * then rejects with SetAsideFailures holding them all.
   */
  setAside?: (error: unknown) => boolean;
  /**
   * The run's time limit in ms (default: none). When it passes, the run
   * rejects with a NodeTimeoutError naming the nodes still running, and
   * their tasks are abandoned (aborted through the runner's signal).
   */
  timeoutMs?: number;
  /** The run's lifecycle hooks (runtime/lifecycle/), present only when adapters are registered. */
  lifecycle?: RunHooks;
  /**
   * Wraps every runner call before dispatch (the cache, runtime/cache/cache-run.ts):
   * it may fill some slots itself and hand the rest to `run`.
   */
  wrapSteps?: (plan: ExecutionPlan, unit: Unit, slots: Int32Array, values: unknown[], needed: ArrayLike<number>, run: RunSteps) => void | Promise<void>;
  /**
   * Keep every intermediate value until the run ends (default false: each is
   * dropped once its last reader has run; outputs, check results and
   * provided values are always kept). See value-release.ts.
   */
  keepIntermediates?: boolean;
}

/** One runSteps call still running, when a time limit is in force: what a timeout abandons. */
interface Running {
  unit: number;
  controller: AbortController;
  timer?: NodeJS.Timeout;
}

/** The failures a run set aside (see ScheduleOptions.setAside), in the order they happened. */
export class SetAsideFailures extends Error {
  constructor(readonly errors: readonly unknown[]) {
    super(`${errors.length} failure(s) set aside`);
  }
}

/**
 * Runs a plan's units as soon as what they wait for is done: independent
 * units overlap whenever the runner returns promises (async nodes, threads,
 * remote workers). A fan-out unit runs its block once per item, all items
 * at once, then gathers the collected values in item order. Time limits
 * (the run's `timeoutMs`, each node's `hamilton.timeoutMs` tag) bound what
 * returns a promise: a synchronous node cannot be interrupted in-process.
 */
export function schedule(plan: ExecutionPlan, values: unknown[], executorRunner: NodeRunner, options: ScheduleOptions = {}): Promise<void> {
  const { units, unitDependents } = plan;
  const { lifecycle } = options;
  const runner = lifecycle ? lifecycle.wrapRunner(executorRunner) : executorRunner;
  const runLimit = options.timeoutMs;
  let limits: Float64Array;
  try {
    if (runLimit !== undefined) checkTimeout(runLimit, 'timeoutMs');
    limits = unitTimeouts(plan);
  } catch (error) {
    return Promise.reject(error);
  }
  const timed = (runLimit !== undefined && runLimit !== Infinity) || limits.some((ms) => ms > 0);
  const running = new Set<Running>();
  let runTimer: NodeJS.Timeout | undefined;
  const skipped = new Uint8Array(units.length);
  const setAside: unknown[] = [];
  const waiting = plan.unitWaits.slice();
  const ready: number[] = [];
  const release = options.keepIntermediates ? undefined : new ValueRelease(plan, values);
  for (let u = 0; u < units.length; u++) if (waiting[u] === 0) ready.push(u);
  let head = 0;
  let done = 0;
  let settled = false;

  return new Promise<void>((resolve, reject) => {
    // The run is over: no timer may outlive it (nor keep the process alive).
    const end = () => {
      settled = true;
      clearTimeout(runTimer);
      for (const r of running) clearTimeout(r.timer);
      running.clear();
    };
    const finish = () => {
      if (done < units.length || settled) return;
      end();
      if (setAside.length) reject(new SetAsideFailures(setAside));
      else resolve();
    };
    // Marks a unit and everything downstream of it as never to run.
    const skip = (u: number) => {
      const stack = [u];
      while (stack.length) {
        const v = stack.pop()!;
        if (skipped[v]) continue;
        skipped[v] = 1;
        done++;
        for (const d of unitDependents[v]) stack.push(d);
      }
    };
    const failUnit = (u: number, error: unknown) => {
      if (settled) return;
      if (options.setAside?.(error)) {
        setAside.push(error);
        skip(u);
        finish();
        return;
      }
      fail(error);
    };
    const fail = (error: unknown) => {
      if (settled) return;
      end();
      reject(error);
    };
    const nodesOf = (unitIndexes: Iterable<number>): Node[] => {
      const nodes = new Set<Node>();
      for (const u of unitIndexes) for (const slot of units[u].slots) nodes.add(plan.graph.nodeAt[slot]);
      return [...nodes];
    };
    const { wrapSteps } = options;
    // One runSteps call (through wrapSteps when given), bounded by its unit's limit and abandoned by the run's, when either is set.
    const run = (u: number, slots: Int32Array, unitValues: unknown[], needed: ArrayLike<number>): void | Promise<void> => (wrapSteps
      ? wrapSteps(plan, units[u], slots, unitValues, needed, (s, v, n) => dispatch(u, s, v, n))
      : dispatch(u, slots, unitValues, needed));
    const dispatch = (u: number, slots: Int32Array, unitValues: unknown[], needed: ArrayLike<number>): void | Promise<void> => {
      if (!timed) return runner.runSteps(plan, slots, unitValues, needed);
      const controller = new AbortController();
      const pending = runner.runSteps(plan, slots, unitValues, needed, controller.signal);
      if (!isThenable(pending)) return pending;
      const task: Running = { unit: u, controller };
      running.add(task);
      return new Promise<void>((resolveTask, rejectTask) => {
        const limit = limits[u];
        if (limit > 0) {
          task.timer = setTimeout(() => {
            running.delete(task);
            const error = new NodeTimeoutError(nodesOf([u]), limit, 'node');
            controller.abort(error);
            rejectTask(error);
          }, limit);
        }
        pending.then(() => {
          clearTimeout(task.timer);
          running.delete(task);
          resolveTask();
        }, (error: unknown) => {
          clearTimeout(task.timer);
          running.delete(task);
          rejectTask(error);
        });
      });
    };
    if (runLimit !== undefined && runLimit !== Infinity) {
      runTimer = setTimeout(() => {
        const abandoned = [...running];
        const error = new NodeTimeoutError(nodesOf(new Set(abandoned.map((r) => r.unit))), runLimit, 'run');
        fail(error);
        for (const r of abandoned) r.controller.abort(error);
      }, runLimit);
    }
    const complete = (u: number) => {
      const unit = units[u];
      if (unit.itemSource) {
        const items = (values[unit.slots[0]] = itemsOf(plan, unit, values));
        lifecycle?.fanOutExpanded(plan.graph.nodeAt[unit.slots[0]], items.length);
      }
      done++;
      release?.unitDone(u);
      const dependents = unitDependents[u];
      for (let j = 0; j < dependents.length; j++) {
        if (--waiting[dependents[j]] === 0) ready.push(dependents[j]);
      }
    };
    // Completing can throw (a Parallelizable that returned no iterable): that fails the unit.
    const completeOrFail = (u: number) => {
      try {
        complete(u);
      } catch (error) {
        failUnit(u, error);
      }
    };
    const drain = () => {
      while (head < ready.length && !settled) {
        const u = ready[head++];
        if (skipped[u]) continue;
        const unit = units[u];
        let pending: void | Promise<void>;
        try {
          pending = unit.fanOut ? runFanOut(plan, unit, values, (slots, itemValues, needed) => run(u, slots, itemValues, needed)) : run(u, unit.slots, values, unit.needed ?? unit.slots);
        } catch (error) {
          failUnit(u, error);
          continue;
        }
        if (isThenable(pending)) {
          pending
            .then(() => settled || completeOrFail(u), (error) => failUnit(u, error))
            .then(() => settled || drain());
        } else {
          completeOrFail(u);
        }
      }
      finish();
    };
    drain();
  });
}

function itemsOf(plan: ExecutionPlan, unit: Unit, values: unknown[]): unknown[] {
  const slot = unit.slots[0];
  const items = toItems(values[slot]);
  if (items) return items;
  throw new NodeExecutionError(plan.graph.nodeAt[slot], new TypeError(`a Parallelizable node must return an iterable (an array, a generator), got ${String(values[slot])}`));
}

export type RunSteps = (slots: Int32Array, values: unknown[], needed: ArrayLike<number>) => void | Promise<void>;

function runFanOut(plan: ExecutionPlan, unit: Unit, values: unknown[], runSteps: RunSteps): void | Promise<void> {
  const { source, slots, collected } = unit.fanOut!;
  const items = values[source] as unknown[];
  const gathered = Array.from(collected, () => new Array<unknown>(items.length));
  const perItem = items.map((item, i) => {
    const itemValues = values.slice();
    itemValues[source] = item;
    const store = () => collected.forEach((slot, c) => {
      gathered[c][i] = itemValues[slot];
    });
    const pending = runSteps(slots, itemValues, collected);
    if (isThenable(pending)) return pending.then(store);
    store();
    return undefined;
  });
  const finish = () => collected.forEach((slot, c) => {
    values[slot] = gathered[c];
  });
  const promises = perItem.filter((p): p is Promise<void> => p !== undefined);
  if (promises.length === 0) return finish();
  return Promise.all(promises).then(finish);
}
