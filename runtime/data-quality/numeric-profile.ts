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
  mean: number;
  /** Sample standard deviation (n - 1) when asked for; NaN below two values. */
  std: number;
  nonNumericCount: number;
  firstNonNumericRows: number[];
  /** Values outside the bounds asked for (NaN and null excluded). */
  outOfRange: number;
  firstOutOfRange: { row: number; value: number }[];
}

/** `range` counts values outside it; `std` asks for a second pass to compute the standard deviation. */
export function numericProfile(values: ArrayLike<unknown>, options: { range?: readonly [number, number]; std?: boolean } = {}): NumericProfile {
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
  const typed = ArrayBuffer.isView(values);
  for (let i = 0; i < n; i++) {
    const raw = values[i];
    if (!typed && typeof raw !== 'number') {
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
  const mean = valid ? sum / valid : NaN;
  return {
    count: n, nanCount, nullCount, firstNaNRows, firstNullRows, valid,
    min: valid ? min : NaN, max: valid ? max : NaN, mean,
    std: options.std && valid > 1 ? sampleStd(values, mean, valid) : NaN,
    nonNumericCount, firstNonNumericRows, outOfRange, firstOutOfRange,
  };
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
