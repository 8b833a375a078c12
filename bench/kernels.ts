import { builtinValidators } from '../runtime/data-quality/builtin-validators';
import { ValidationContext } from '../runtime/data-quality/validator';
import * as col from '../runtime/values/column-math';
import { coldMedian, compare, fixed, markdownTable, runIfMain, verdict } from './timing';

/**
 * The `col.*` kernels and the numeric @checkOutput pass against hand loops:
 * a scalar operand should cost what a column operand costs, and the check
 * pass what a hand-written loop computing the same figures costs.
 */

const ROWS = 1_000_000;
const CHECK_ROWS = 10_000_000;
const SCALAR_GOAL = 1.1;
const CHECK_GOAL = 1.3;

const x = Float64Array.from({ length: ROWS }, (_, i) => 10 + ((i * 7919) % 1000));
const y = Float64Array.from({ length: ROWS }, (_, i) => 1 + ((i * 104729) % 500));
// Kernels write into the same touched buffer for the hand loops: what is compared is arithmetic, not page faults.
const out = new Float64Array(ROWS);

function handColumnScalar(): Float64Array {
  for (let i = 0; i < ROWS; i++) out[i] = x[i] - 3.5;
  return out;
}

/** Kernels time fresh allocations; so do these, in one collection-free window each. */
async function scalarKernels(): Promise<(string | number)[][]> {
  const { ms, ratio } = await compare([
    () => col.subtract(x, y),
    () => col.subtract(x, 3.5),
    () => col.subtract(3.5, x),
    () => col.divide(x, 3.5),
    handColumnScalar,
  ], { rounds: 9 });
  return [
    ['`col.subtract(column, column)`', fixed(ms[0], 3), '1.00'],
    ['`col.subtract(column, scalar)`', fixed(ms[1], 3), fixed(ratio[1])],
    ['`col.subtract(scalar, column)`', fixed(ms[2], 3), fixed(ratio[2])],
    ['`col.divide(column, scalar)`', fixed(ms[3], 3), fixed(ratio[3])],
    ['hand loop `x[i] - 3.5` into a touched array', fixed(ms[4], 3), fixed(ratio[4])],
  ];
}

/** What `@checkOutput({ range: [0, 1000], allowNaN: false })` computes, by hand: counts, min, max, first offenders. */
function handCheck(values: Float64Array) {
  let outOfRange = 0;
  let nan = 0;
  let min = Infinity;
  let max = -Infinity;
  const firstNaN: number[] = [];
  const firstOut: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== v) {
      nan++;
      if (firstNaN.length < 5) firstNaN.push(i);
      continue;
    }
    if (v < 0 || v > 1000) {
      outOfRange++;
      if (firstOut.length < 5) firstOut.push(i);
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { outOfRange, nan, min, max, firstNaN, firstOut };
}

const validators = builtinValidators({ range: [0, 1000], allowNaN: false });

/** The check node's work: one shared profile, then each validator's verdict. */
function checkPass(values: Float64Array) {
  const context = ValidationContext.for(validators);
  return validators.map((v) => v.validate(values, context));
}

/** A fresh column each sample, as a node's output is: just written, never read. */
const freshColumn = () => col.multiply(Float64Array.from({ length: CHECK_ROWS }, (_, i) => (i * 7919) % 1000), 1);

async function checkPassRows(): Promise<{ rows: (string | number)[][]; ratio: number }> {
  const verdicts = checkPass(freshColumn());
  if (!verdicts.every((v) => v.passed)) throw new Error('the benchmark data should pass its checks');
  const hand = await coldMedian(freshColumn, handCheck, 9);
  const pass = await coldMedian(freshColumn, checkPass, 9);
  return {
    rows: [['hand loop: range, NaN, min, max, first offenders', fixed(hand)], ['@checkOutput validators (one numeric profile pass)', fixed(pass)]],
    ratio: pass / hand,
  };
}

export async function main(): Promise<string> {
  const scalar = await scalarKernels();
  const scalarRatio = Math.max(Number(scalar[1][2]), Number(scalar[2][2]), Number(scalar[3][2]));
  const check = await checkPassRows();
  return [
    `### Kernels: scalar operands, ${ROWS.toLocaleString('en-US')} rows (ms per call, median)`,
    '',
    markdownTable(['kernel', 'ms', '/ column with column'], scalar),
    '',
    `Scalar operand / column operand: at most ${fixed(scalarRatio)}× (goal ≤ ${SCALAR_GOAL}× ${verdict(scalarRatio <= SCALAR_GOAL)}). `
    + 'Kernels allocate their output (fresh memory, page faults included); the hand loop writes into a touched array.',
    '',
    `### Check pass on a fresh ${CHECK_ROWS.toLocaleString('en-US')}-row column (ms, median of cold runs)`,
    '',
    markdownTable(['pass', 'ms'], check.rows),
    '',
    `Check pass / hand loop: ${fixed(check.ratio)}× (goal ≤ ${CHECK_GOAL}× ${verdict(check.ratio <= CHECK_GOAL)}).`,
  ].join('\n');
}

runIfMain(module, main);
