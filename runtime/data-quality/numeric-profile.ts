import { isBigIntArray, isTypedArray } from '../values/values';
import { EXAMPLES_KEPT } from './check-result';

/**
 * Everything the numeric validators ask of a column, gathered in one pass:
 * a 10M-row range + NaN check reads the data once, as a hand-written loop
 * would. Nulls (missing values in plain arrays) are counted apart from NaN.
 */
export interface NumericProfile {
  count: number;
  nanCount: number;
  nullCount: number;
  firstNaNRows: number[];
  firstNullRows: number[];
  /** Over the values that are neither NaN nor null. */
  valid: number;
  min: number;
  max: number;
  /** When asked for (always for plain arrays); NaN otherwise. */
  mean: number;
  /** Sample standard deviation (n - 1) when asked for; NaN below two values. */
  std: number;
  /** Values that are neither numbers nor missing (strings, booleans, bigints, …: plain arrays only), and the rows of the first few. */
  nonNumericCount: number;
  firstNonNumericRows: number[];
  /** Values outside the bounds asked for (NaN and null excluded). */
  outOfRange: number;
  firstOutOfRange: { row: number; value: number }[];
}

type NumericArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array | Uint8ClampedArray;

/** `range` counts values outside it; `std` asks for a second pass to compute the standard deviation. */
export interface ProfileOptions {
  /** Count values outside these bounds. */
  range?: readonly [number, number];
  /** Compute the mean (a pass of its own over typed arrays). */
  mean?: boolean;
  /** Compute the sample standard deviation (implies the mean). */
  std?: boolean;
}

export function numericProfile(values: ArrayLike<unknown>, options: ProfileOptions = {}): NumericProfile {
  if (isTypedArray(values) && !isBigIntArray(values)) {
    return typedProfile(values as NumericArray, options);
  }
  return genericProfile(values, options);
}

/**
 * The typed-array kernel: two elements a step with independent min/max
 * chains, and a single range test on the common path; only NaNs and
 * out-of-range values take the slow branch. As fast as a hand-written
 * range + NaN loop (see bench/data-quality.ts).
 */
function typedProfile(values: NumericArray, options: ProfileOptions): NumericProfile {
  const n = values.length;
  const firstNaNRows: number[] = [];
  const firstOutOfRange: { row: number; value: number }[] = [];
  const lo = options.range ? options.range[0] : -Infinity;
  const hi = options.range ? options.range[1] : Infinity;
  const [nanCount, outOfRange, min, max] = scanTyped(values, lo, hi, firstNaNRows, firstOutOfRange, new Float64Array(4));
  const valid = n - nanCount;
  const mean = (options.mean || options.std) && valid ? meanOfNumbers(values, valid) : NaN;
  return {
    count: n, nanCount, nullCount: 0, firstNaNRows, firstNullRows: [], valid,
    min: valid ? min : NaN, max: valid ? max : NaN, mean,
    std: options.std && valid > 1 ? sampleStd(values, mean, valid) : NaN,
    nonNumericCount: 0, firstNonNumericRows: [], outOfRange, firstOutOfRange,
  };
}

/**
 * The loop alone, reading the column and numbers, writing its counts and
 * extremes into a Float64Array: `[NaNs, out of range, min, max]`. V8
 * optimises it in the middle of the first large call (on-stack
 * replacement); that optimised code must meet nothing after the loop whose
 * type feedback is missing or gone (an options object of another shape; a
 * store into an object, whose map feedback a full collection may clear), or
 * it is thrown away and each later check starts again in the interpreter,
 * boxing every value it reads: measured 14-20 ms and 4 MB of garbage per
 * 1M-row check inside `execute`, against 1.5-2 ms. `primeScan` gives every
 * operation here its feedback at load.
 */
function scanTyped(
  values: NumericArray, lo: number, hi: number,
  firstNaNRows: number[], firstOutOfRange: { row: number; value: number }[], out: Float64Array,
): Float64Array {
  const n = values.length;
  let nanCount = 0;
  let outOfRange = 0;
  let min0 = Infinity;
  let min1 = Infinity;
  let max0 = -Infinity;
  let max1 = -Infinity;
  // Off the common path: sort one unusual value into NaN or out of range.
  const unusual = (row: number, v: number): void => {
    if (v !== v) {
      nanCount++;
      if (firstNaNRows.length < EXAMPLES_KEPT) firstNaNRows.push(row);
    } else if (v < lo || v > hi) {
      outOfRange++;
      if (firstOutOfRange.length < EXAMPLES_KEPT) firstOutOfRange.push({ row, value: v });
    }
  };
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const v = values[i];
    const w = values[i + 1];
    if (!(v >= lo && v <= hi && w >= lo && w <= hi)) {
      unusual(i, v);
      unusual(i + 1, w);
    }
    min0 = v < min0 ? v : min0;
    max0 = v > max0 ? v : max0;
    min1 = w < min1 ? w : min1;
    max1 = w > max1 ? w : max1;
  }
  if (i < n) {
    const v = values[i];
    if (!(v >= lo && v <= hi)) unusual(i, v);
    min0 = v < min0 ? v : min0;
    max0 = v > max0 ? v : max0;
  }
  out[0] = nanCount;
  out[1] = outOfRange;
  out[2] = min0 < min1 ? min0 : min1;
  out[3] = max0 > max1 ? max0 : max1;
  return out;
}

/** A few values of every kind (NaN, in and out of range, odd and even counts), over enough calls for V8 to keep feedback. */
function primeScan(): void {
  const sample = Float64Array.of(NaN, 0.5, -1, 2, 0.25, 3);
  for (let k = 0; k < 16; k++) {
    scanTyped(sample, 0, 1, [], [], new Float64Array(4));
    scanTyped(sample.subarray(1, 6), -Infinity, Infinity, [], [], new Float64Array(4));
    sumOfNumbers(sample);
    sumOfNumbers(sample.subarray(1, 6));
    sampleStd(sample, 0.5, 5);
  }
}

/** Plain arrays: may hold nulls and non-numbers, counted apart. */
function genericProfile(values: ArrayLike<unknown>, options: ProfileOptions): NumericProfile {
  const range = options.range;
  const lo = range ? range[0] : -Infinity;
  const hi = range ? range[1] : Infinity;
  const n = values.length;
  let nanCount = 0;
  let nullCount = 0;
  let nonNumericCount = 0;
  let outOfRange = 0;
  let valid = 0;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  const firstNaNRows: number[] = [];
  const firstNullRows: number[] = [];
  const firstNonNumericRows: number[] = [];
  const firstOutOfRange: { row: number; value: number }[] = [];
  for (let i = 0; i < n; i++) {
    const raw = values[i];
    if (typeof raw !== 'number') {
      if (raw === null || raw === undefined) {
        nullCount++;
        if (firstNullRows.length < EXAMPLES_KEPT) firstNullRows.push(i);
      } else {
        nonNumericCount++;
        if (firstNonNumericRows.length < EXAMPLES_KEPT) firstNonNumericRows.push(i);
      }
      continue;
    }
    const v = raw as number;
    if (v !== v) {
      nanCount++;
      if (firstNaNRows.length < EXAMPLES_KEPT) firstNaNRows.push(i);
      continue;
    }
    if (v < lo || v > hi) {
      outOfRange++;
      if (firstOutOfRange.length < EXAMPLES_KEPT) firstOutOfRange.push({ row: i, value: v });
    }
    if (v < min) min = v;
    if (v > max) max = v;
    valid++;
    sum += v;
  }
  // As the typed path does: finite values whose sum overflows still have a finite mean.
  const mean = !valid ? NaN : Number.isFinite(sum) ? sum / valid : scaledMean(values, valid);
  return {
    count: n, nanCount, nullCount, firstNaNRows, firstNullRows, valid,
    min: valid ? min : NaN, max: valid ? max : NaN, mean,
    std: options.std && valid > 1 ? sampleStd(values, mean, valid) : NaN,
    nonNumericCount, firstNonNumericRows, outOfRange, firstOutOfRange,
  };
}

/** The mean of a plain array's non-NaN numbers, each over the count: for sums that overflow (see meanOfNumbers). */
function scaledMean(values: ArrayLike<unknown>, valid: number): number {
  let scaled = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && v === v) scaled += v / valid;
  }
  return scaled;
}

/** A pass of its own for the mean, so checks that do not need it do not pay for it. */
function sumOfNumbers(values: NumericArray): number {
  let s0 = 0;
  let s1 = 0;
  let i = 0;
  for (; i + 1 < values.length; i += 2) {
    const v = values[i];
    const w = values[i + 1];
    if (v === v) s0 += v;
    if (w === w) s1 += w;
  }
  if (i < values.length && values[i] === values[i]) s0 += values[i];
  return s0 + s1;
}

/**
 * The mean of the non-NaN values. A sum that is not finite is summed again,
 * in order, each value over the count: finite values whose sum overflows
 * have a finite mean, and the two running sums of sumOfNumbers may hold an
 * overflow and an infinity of opposite signs (NaN) where the values' mean is
 * that infinity.
 */
function meanOfNumbers(values: NumericArray, valid: number): number {
  const total = sumOfNumbers(values);
  if (Number.isFinite(total)) return total / valid;
  let scaled = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === v) scaled += v / valid;
  }
  return scaled;
}

/** A second pass around the known mean: more accurate than sums of squares. */
function sampleStd(values: ArrayLike<unknown>, mean: number, valid: number): number {
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'number' && v === v) squares += (v - mean) * (v - mean);
  }
  return Math.sqrt(squares / (valid - 1));
}

primeScan();
