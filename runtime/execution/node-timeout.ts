import { DecoratorError, HamiltonError } from '../errors';
import type { ExecutionPlan } from './execution-plan';

/** The tag key of a node's own time limit, in milliseconds (a tag value is a string): `@tag({ 'hamilton.timeoutMs': '500' })`. */
export const TIMEOUT_TAG = 'hamilton.timeoutMs';

/**
 * `@tag(timeoutTag(500))`: the node fails with a NodeTimeoutError if it has
 * not finished 500 ms after it started. Combines with other tags:
 * `@tag({ ...THREAD_TAG, ...timeoutTag(500) })`.
 */
export function timeoutTag(ms: number): { readonly [TIMEOUT_TAG]: string } {
  checkTimeout(ms, 'timeoutTag(ms)');
  return { [TIMEOUT_TAG]: String(ms) };
}

/** Node's timers hold at most this: about 24.8 days. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A time limit is a number of milliseconds above 0, and at most MAX_TIMER_MS (Infinity: none). */
export function checkTimeout(ms: unknown, what: string): asserts ms is number {
  if (typeof ms !== 'number' || !(ms > 0) || (ms > MAX_TIMER_MS && ms !== Infinity)) throw new HamiltonError(`${what} must be a number of milliseconds above 0 (at most ${MAX_TIMER_MS}, or Infinity for none), got ${typeof ms === 'string' ? `'${ms}'` : String(ms)}`);
}

// Per plan: plans are cached by the driver, so a plan's limits are read from its tags once.
const limits = new WeakMap<ExecutionPlan, Float64Array>();

/**
 * Each unit's time limit in ms (0: none): its node's `hamilton.timeoutMs`
 * tag; for a fan-out block, whose nodes run as one task per item, the sum of
 * its nodes' limits bounds each item.
 */
export function unitTimeouts(plan: ExecutionPlan): Float64Array {
  let unitLimits = limits.get(plan);
  if (!unitLimits) {
    unitLimits = Float64Array.from(plan.units, (unit) => {
      let sum = 0;
      for (const slot of unit.slots) sum += nodeTimeout(plan, slot);
      return sum;
    });
    limits.set(plan, unitLimits);
  }
  return unitLimits;
}

function nodeTimeout(plan: ExecutionPlan, slot: number): number {
  const node = plan.graph.nodeAt[slot];
  const value = node.tags[TIMEOUT_TAG];
  if (value === undefined) return 0;
  const ms = typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  if (!(ms > 0) || (ms > MAX_TIMER_MS && ms !== Infinity)) {
    throw new DecoratorError(node.origin.className, node.origin.method, 'tag',
      `{ '${TIMEOUT_TAG}': ${JSON.stringify(value).replace(/"/g, "'")} } must be a number of milliseconds above 0 (at most ${MAX_TIMER_MS}), such as timeoutTag(500) gives ('500')`);
  }
  return ms === Infinity ? 0 : ms;
}
