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

function valueAt(x: NumericInput, i: number): number {
  const v = x[i];
  return v === null || v === undefined ? NaN : v;
}

function lengthOf(a: Operand, b: Operand, op: string): number {
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
  if (typeof a === 'number' && typeof b === 'number') return out.fill(scalarOp(a, b, code));
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

function scalarOp(u: number, v: number, code: number): number {
  return code === 0 ? u + v : code === 1 ? u - v : code === 2 ? u * v : u / v;
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
  if (!Number.isInteger(window) || window < 1) throw new RangeError(`col.rollingMean: window must be a positive integer, got ${window}`);
  const values = asFloat64(x);
  return rollingMeanOf(values, window, uninitializedColumn(values.length));
}

/**
 * A running sum: add the value entering the window, take off the one
 * leaving it. While the window holds only finite values whose sum is finite,
 * that is the whole loop. A NaN or an infinity cannot be taken off a sum
 * again (∞ − ∞ is NaN), nor can a value so large that the sum overflows:
 * over the first window, and from the first such value entering until the
 * last has left, the counted loop keeps them apart — the finite values' sum,
 * in the same order, how many NaNs and infinities the window holds, and,
 * while a value of at least MAX_VALUE / window is in it, the sum of each
 * value divided by the window first, which cannot overflow. Each stretch of
 * the counted loop sums one window afresh at most twice: O(n) for any column.
 */
function rollingMeanOf(x: Float64Array, window: number, out: Float64Array): Float64Array {
  const n = x.length;
  const huge = Number.MAX_VALUE / window;
  let sum = 0;
  let divided = 0; // Σ v / window, kept while a huge value is in the window
  let lastHuge = -Infinity;
  let nans = 0;
  let positive = 0;
  let negative = 0;
  let i = 0;
  while (i < n) {
    for (; i < n; i++) {
      const v = x[i];
      if (v - v === 0) {
        if (Math.abs(v) >= huge) {
          // The first in the window: the divided sum starts from the window before this step.
          if (i - lastHuge >= window) divided = dividedSum(x, i - window, i, window);
          lastHuge = i;
        }
        sum += v;
        divided += v / window;
      } else if (v !== v) nans++;
      else if (v > 0) positive++;
      else negative++;
      if (i >= window) {
        const old = x[i - window];
        if (old - old === 0) {
          sum -= old;
          divided -= old / window;
        } else if (old !== old) nans--;
        else if (old > 0) positive--;
        else negative--;
      }
      // The last huge value has just left (or rounding left the sum non-finite without one): sum the window again.
      if (i - lastHuge === window || (sum - sum !== 0 && i - lastHuge > window)) sum = finiteSum(x, i + 1 - window, i + 1);
      if (i < window - 1 || nans > 0 || (positive > 0 && negative > 0)) out[i] = NaN;
      else if (positive > 0) out[i] = Infinity;
      else if (negative > 0) out[i] = -Infinity;
      else if (i - lastHuge < window) out[i] = divided;
      else {
        out[i] = sum / window;
        i++;
        break;
      }
    }
    for (; i < n; i++) {
      const next = sum + x[i] - x[i - window];
      // A NaN or infinity entered, or the sum overflowed: the counted loop takes this value, from the sum before it.
      if (next - next !== 0) break;
      sum = next;
      out[i] = sum / window;
    }
    if (i < n) {
      // A huge value may have come in through the loop above, unseen: the counted loop starts knowing where.
      lastHuge = lastHugeIn(x, i - window, i, huge);
      if (lastHuge >= 0) divided = dividedSum(x, i - window, i, window);
    }
  }
  return out;
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

/** The sum of x's finite values in [from, to), each divided by the window first. */
function dividedSum(x: Float64Array, from: number, to: number, window: number): number {
  let s = 0;
  for (let j = Math.max(from, 0); j < to; j++) {
    const v = x[j];
    if (v - v === 0) s += v / window;
  }
  return s;
}

/** The index of the last finite value of at least `huge` in [from, to), or -Infinity. */
function lastHugeIn(x: Float64Array, from: number, to: number, huge: number): number {
  for (let j = to - 1; j >= Math.max(from, 0); j--) if (Math.abs(x[j]) >= huge && x[j] - x[j] === 0) return j;
  return -Infinity;
}

/**
 * The sum and count of the non-missing values, in index order (the order
 * fixes the rounding), as `[sum, count]`. Written into a Float64Array, not
 * returned as an object: the loop's optimised code then meets nothing after
 * it whose type feedback a collection could clear (see scanTyped in
 * data-quality/numeric-profile.ts), and stays optimised from run to run.
 */
function sumAndCount(x: NumericInput): Float64Array {
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
  return sumAndCount(x)[0];
}

/** The mean of the non-missing values; NaN when there are none. */
export function mean(x: NumericInput): number {
  const [total, count] = sumAndCount(x);
  return count ? total / count : NaN;
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
