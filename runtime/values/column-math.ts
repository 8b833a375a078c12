import { uninitializedColumn } from './column-alloc';

/**
 * Column arithmetic for dataflow nodes, as plainly as pandas reads:
 * `col.divide(col.rollingMean(spend, 3), signups)`. Plain typed-array loops:
 * several times faster than Arquero verbs for this kind of math. Every
 * function returns a new Float64Array and leaves its inputs untouched;
 * missing values (null, undefined) read as NaN. Outputs come unzeroed from
 * `uninitializedColumn`: each loop below writes every element of its output.
 */
export type NumericInput = ArrayLike<number | null | undefined>;
export type Operand = NumericInput | number;

/** A plain array's element as a number: missing as NaN, anything else as Number() reads it (as a Float64Array stores it). */
function valueAt(x: NumericInput, i: number): number {
  const v = x[i];
  return v === null || v === undefined ? NaN : +v;
}

/** A column operand: an array or a typed array of numbers; not a string (whose characters would pass for one). */
function isColumn(x: unknown): x is NumericInput {
  if (Array.isArray(x)) return true;
  return ArrayBuffer.isView(x) && !(x instanceof DataView) && !(x instanceof BigInt64Array) && !(x instanceof BigUint64Array);
}

function describeOperand(x: unknown): string {
  if (typeof x === 'string') return `the string ${JSON.stringify(x.length > 20 ? `${x.slice(0, 20)}…` : x)}`;
  if (typeof x === 'bigint') return `the bigint ${x}n (convert it with Number())`;
  if (x === null || x === undefined) return String(x);
  if (typeof x === 'object') {
    const name = (x as object).constructor?.name ?? 'object';
    return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
  }
  return `${typeof x} ${String(x)}`;
}

/** The one column an aggregate or a window reads: anything else is a TypeError naming it. */
function requireColumn(x: unknown, op: string): asserts x is NumericInput {
  if (!isColumn(x)) throw new TypeError(`col.${op}: expects a column of numbers (an array or a typed array), got ${describeOperand(x)}`);
}

function lengthOf(a: Operand, b: Operand, op: string): number {
  for (const [operand, which] of [[a, 'first'], [b, 'second']] as const) {
    if (typeof operand !== 'number' && !isColumn(operand)) {
      throw new TypeError(`col.${op}: its ${which} operand must be a number or a column of numbers (an array or a typed array), got ${describeOperand(operand)}`);
    }
  }
  if (typeof a === 'number' && typeof b === 'number') {
    throw new TypeError(`col.${op}: needs a column as one of its operands, got two numbers (${a} and ${b}): for numbers alone, use the operator`);
  }
  const la = typeof a === 'number' ? -1 : a.length;
  const lb = typeof b === 'number' ? -1 : b.length;
  if (la >= 0 && lb >= 0 && la !== lb) throw new RangeError(`col.${op}: columns differ in length (${la} and ${lb})`);
  return Math.max(la, lb, 0);
}

const OPERATIONS = { add: 0, subtract: 1, multiply: 2, divide: 3 } as const;

/** Reads any numeric column as a Float64Array (itself, when it is one), missing values as NaN. */
function asFloat64(x: NumericInput): Float64Array {
  if (x instanceof Float64Array) return x;
  const out = uninitializedColumn(x.length);
  for (let i = 0; i < out.length; i++) out[i] = valueAt(x, i);
  return out;
}

/**
 * Column with column or with a scalar, each operation its own tight loop over
 * Float64Arrays: no per-element branch on the operation or on which side is a
 * scalar, so V8 keeps the arithmetic inline and unboxed (a scalar operand runs
 * as fast as a column one). Other numeric columns are read as Float64Array first.
 */
function elementwise(a: Operand, b: Operand, op: keyof typeof OPERATIONS): Float64Array {
  const n = lengthOf(a, b, op);
  const code = OPERATIONS[op];
  const out = uninitializedColumn(n);
  if (typeof a === 'number') return scalarColumn(out, n, a, asFloat64(b as NumericInput), code);
  if (typeof b === 'number') return columnScalar(out, n, asFloat64(a), b, code);
  const x = asFloat64(a);
  const y = asFloat64(b);
  switch (code) {
    case 0: for (let i = 0; i < n; i++) out[i] = x[i] + y[i]; return out;
    case 1: for (let i = 0; i < n; i++) out[i] = x[i] - y[i]; return out;
    case 2: for (let i = 0; i < n; i++) out[i] = x[i] * y[i]; return out;
    default: for (let i = 0; i < n; i++) out[i] = x[i] / y[i]; return out;
  }
}

/** `column op scalar`. */
function columnScalar(out: Float64Array, n: number, x: Float64Array, s: number, code: number): Float64Array {
  switch (code) {
    case 0: for (let i = 0; i < n; i++) out[i] = x[i] + s; return out;
    case 1: for (let i = 0; i < n; i++) out[i] = x[i] - s; return out;
    case 2: for (let i = 0; i < n; i++) out[i] = x[i] * s; return out;
    default: for (let i = 0; i < n; i++) out[i] = x[i] / s; return out;
  }
}

/** `scalar op column`. */
function scalarColumn(out: Float64Array, n: number, s: number, y: Float64Array, code: number): Float64Array {
  switch (code) {
    case 0: for (let i = 0; i < n; i++) out[i] = s + y[i]; return out;
    case 1: for (let i = 0; i < n; i++) out[i] = s - y[i]; return out;
    case 2: for (let i = 0; i < n; i++) out[i] = s * y[i]; return out;
    default: for (let i = 0; i < n; i++) out[i] = s / y[i]; return out;
  }
}

export const add = (a: Operand, b: Operand): Float64Array => elementwise(a, b, 'add');
export const subtract = (a: Operand, b: Operand): Float64Array => elementwise(a, b, 'subtract');
export const multiply = (a: Operand, b: Operand): Float64Array => elementwise(a, b, 'multiply');
export const divide = (a: Operand, b: Operand): Float64Array => elementwise(a, b, 'divide');

/**
 * The mean over a trailing window, like pandas' `rolling(window).mean()`:
 * the first `window - 1` values, and any window holding a NaN (or both
 * infinities), are NaN; a window holding an infinity is that infinity.
 */
export function rollingMean(x: NumericInput, window: number): Float64Array {
  requireColumn(x, 'rollingMean');
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`col.rollingMean: window must be a positive integer, got ${window}`);
  const values = asFloat64(x);
  return rollingMeanOf(values, window, uninitializedColumn(values.length));
}

/**
 * A running sum: add the value entering the window, take off the one
 * leaving it. While the window holds only finite values, that is the whole
 * loop, with the window's sum of magnitudes kept beside it: a value far larger
 * than the rest leaves its rounding behind in a running sum (1e15 + 0.3 −
 * 1e15 is 0.25), so once the magnitudes fall CANCELLATION times below their
 * peak, and every REFRESH_ROWS rows, the window is summed afresh. A NaN or an
 * infinity cannot be taken off a sum at all (∞ − ∞ is NaN), nor can a value
 * so large that the sum overflows: over the first window, and from the first
 * such value entering until the last has left, the counted loop keeps them
 * apart — how many NaNs and infinities the window holds, and, while a value
 * of at least MAX_VALUE / (2 × window) is in it, the sum of each value divided
 * by twice the window first, which cannot overflow. Fresh sums come at most
 * once a window of rows, or while magnitudes fall 1024× a row, which the
 * exponent range cuts short: O(n) for any column.
 */
function rollingMeanOf(x: Float64Array, window: number, out: Float64Array): Float64Array {
  const n = x.length;
  // Below it, a window's sum stays under MAX_VALUE / 2 however it rounds.
  const huge = Number.MAX_VALUE / (2 * window);
  const refreshRows = Math.max(REFRESH_ROWS, window);
  // The fast loop's running sum, Σ |v| over the window, and the largest that Σ has been since the last fresh sum.
  const state = new Float64Array(3);
  // Σ v / (2 × window), kept while a huge value is in the window: halved again, so that the
  // rounding it carries can never take it past MAX_VALUE and leave it stuck at infinity.
  const halfWindow = 2 * window;
  let divided = 0;
  let lastHuge = -Infinity;
  let nans = 0;
  let positive = 0;
  let negative = 0;
  let i = 0;
  while (i < n) {
    for (; i < n; i++) {
      const v = x[i];
      if (v - v === 0 && Math.abs(v) >= huge) {
        // The first in the window: the divided sum starts from the window before this step.
        if (i - lastHuge >= window) divided = dividedSum(x, i - window, i, halfWindow);
        lastHuge = i;
      }
      // The value leaving first: the divided sum never holds more than the window.
      if (i >= window) {
        const old = x[i - window];
        if (old - old === 0) divided -= old / halfWindow;
        else if (old !== old) nans--;
        else if (old > 0) positive--;
        else negative--;
      }
      if (v - v === 0) divided += v / halfWindow;
      else if (v !== v) nans++;
      else if (v > 0) positive++;
      else negative++;
      if (i < window - 1 || nans > 0 || (positive > 0 && negative > 0)) out[i] = NaN;
      else if (positive > 0) out[i] = Infinity;
      else if (negative > 0) out[i] = -Infinity;
      else if (i - lastHuge < window) out[i] = 2 * divided;
      else {
        // All finite, none huge: the fast loop takes over from a fresh sum.
        out[i] = freshMean(x, i, window, state);
        i++;
        break;
      }
    }
    while (i < n) {
      i = runningMeans(x, out, window, i, Math.min(n, i + refreshRows), huge, state);
      if (i >= n) break;
      // A NaN, an infinity or a huge value entered, or the sum overflowed: the counted loop takes this row.
      const probe = state[0] - x[i - window] + x[i];
      if (probe - probe !== 0 || Math.abs(x[i]) >= huge) break;
      out[i] = freshMean(x, i, window, state);
      i++;
    }
    // No huge value is in the window here (the fast loop lets none in); the counted loop sees the next.
    lastHuge = -Infinity;
  }
  return out;
}

/**
 * The fast loop, rows [from, until) of a window of finite values: the running
 * sum and magnitudes carried in and out through `state` (sum, magnitudes,
 * peak), so that this small loop optimises on its own. Returns the row it
 * stopped at: `until`, or one that needs the counted loop or a fresh sum.
 */
function runningMeans(x: Float64Array, out: Float64Array, window: number, from: number, until: number, huge: number, state: Float64Array): number {
  let sum = state[0];
  let magnitudes = state[1];
  let peak = state[2];
  let i = from;
  for (; i < until; i++) {
    const v = x[i];
    const old = x[i - window];
    // The value leaving first: neither sum ever holds more than the window, so neither overflows.
    const next = sum - old + v;
    const magnitude = Math.abs(v);
    const nextMagnitudes = magnitudes - Math.abs(old) + magnitude;
    if (next - next !== 0 || magnitude >= huge || peak > CANCELLATION * nextMagnitudes) break;
    sum = next;
    magnitudes = nextMagnitudes;
    if (nextMagnitudes > peak) peak = nextMagnitudes;
    out[i] = sum / window;
  }
  state[0] = sum;
  state[1] = magnitudes;
  state[2] = peak;
  return i;
}

/** How far the window's magnitudes may fall below their peak before it is summed afresh: 2^10 keeps a running sum's rounding under ~2^-31 of them. */
const CANCELLATION = 1024;
/** Rows between fresh sums at the most, so rounding cannot build up over a long column. */
const REFRESH_ROWS = 4096;

/** The mean of the window ending at row `end`, summed afresh; its sum and magnitudes start the fast loop's state again. */
function freshMean(x: Float64Array, end: number, window: number, state: Float64Array): number {
  state[0] = finiteSum(x, end + 1 - window, end + 1);
  state[1] = state[2] = magnitudeSum(x, end + 1 - window, end + 1);
  return state[0] / window;
}

/** The sum of |v| over x's finite values in [from, to). */
function magnitudeSum(x: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let j = Math.max(from, 0); j < to; j++) {
    const v = x[j];
    if (v - v === 0) s += Math.abs(v);
  }
  return s;
}

/** The sum of x's finite values in [from, to), in order. */
function finiteSum(x: Float64Array, from: number, to: number): number {
  let s = 0;
  for (let j = Math.max(from, 0); j < to; j++) {
    const v = x[j];
    if (v - v === 0) s += v;
  }
  return s;
}

/** The sum of x's finite values in [from, to), each divided by `by` first. */
function dividedSum(x: Float64Array, from: number, to: number, by: number): number {
  let s = 0;
  for (let j = Math.max(from, 0); j < to; j++) {
    const v = x[j];
    if (v - v === 0) s += v / by;
  }
  return s;
}

/**
 * The sum and count of the non-missing values, in index order (the order
 * fixes the rounding), as `[sum, count]`. Written into a Float64Array, not
 * returned as an object: the loop's optimised code then meets nothing after
 * it whose type feedback a collection could clear (see scanTyped in
 * data-quality/numeric-profile.ts), and stays optimised from run to run.
 */
function sumAndCount(x: NumericInput, op: string): Float64Array {
  requireColumn(x, op);
  let total = 0;
  let count = 0;
  if (x instanceof Float64Array) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v !== v) continue;
      total += v;
      count++;
    }
  } else {
    for (let i = 0; i < x.length; i++) {
      const v = valueAt(x, i);
      if (v !== v) continue;
      total += v;
      count++;
    }
  }
  const out = new Float64Array(2);
  out[0] = total;
  out[1] = count;
  return out;
}

/** The sum of the non-missing values (pandas' `skipna`). */
export function sum(x: NumericInput): number {
  return sumAndCount(x, 'sum')[0];
}

/** The mean of the non-missing values; NaN when there are none. */
export function mean(x: NumericInput): number {
  const [total, count] = sumAndCount(x, 'mean');
  if (!count) return NaN;
  return Number.isFinite(total) ? total / count : scaledMean(x, count);
}

/**
 * The mean as a sum of each value over the count: for finite values whose
 * sum overflows ([1e308, 1e308] has mean 1e308, not Infinity); with an
 * infinite value among them, that infinity (or NaN for both signs).
 */
function scaledMean(x: NumericInput, count: number): number {
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const v = valueAt(x, i);
    if (v === v) total += v / count;
  }
  return total;
}

/** The sample standard deviation (n - 1) of the non-missing values, as pandas' `std()`. */
export function std(x: NumericInput): number {
  const m = mean(x);
  let squares = 0;
  let count = 0;
  if (x instanceof Float64Array) {
    for (let i = 0; i < x.length; i++) {
      const v = x[i];
      if (v !== v) continue;
      squares += (v - m) * (v - m);
      count++;
    }
  } else {
    for (let i = 0; i < x.length; i++) {
      const v = valueAt(x, i);
      if (v !== v) continue;
      squares += (v - m) * (v - m);
      count++;
    }
  }
  return count > 1 ? Math.sqrt(squares / (count - 1)) : NaN;
}
