import { col } from 'hamilton-ts';
import { uninitializedColumn } from '../../runtime/values/column-alloc';

/**
 * The `col` kernels write into memory that is not zeroed first. These tests
 * hand them memory full of garbage in place of what malloc would return,
 * each allocation its own byte pattern, in two runs with different
 * patterns: a kernel that skipped an element on some path would show the
 * garbage, and its two results would differ there.
 */
const GARBAGE = [0xa0, 0x50];
const markerOf = (byte: number) => new Float64Array(new Uint8Array(8).fill(byte).buffer)[0];
const STALE = GARBAGE.flatMap((first) => [0, 1, 2, 3].map((k) => markerOf(first + k)));

function withGarbage<T>(first: number, run: () => T): T {
  let byte = first;
  const spy = jest.spyOn(Buffer, 'allocUnsafeSlow').mockImplementation((size: number) => Buffer.from(new ArrayBuffer(size)).fill(byte++));
  try {
    return run();
  } finally {
    spy.mockRestore();
  }
}

const N = 1001; // above the size from which outputs are left unzeroed, and odd
const ramp = (n: number, at: (i: number) => number) => Float64Array.from({ length: n }, (_, i) => at(i));
// Missing values first and inside, a number last: no operand hides an unwritten element behind a NaN.
const withNaNs = ramp(N, (i) => (i % 97 === 0 ? NaN : 1 + (i % 13)));
const plain = (every: number, at: (i: number) => number): (number | null)[] => Array.from({ length: N }, (_, i) => (i % every === 0 ? null : at(i)));
const plainWithNulls = plain(89, (i) => 2 + (i % 7));
const otherPlain = plain(83, (i) => 3 + (i % 5));
const ones = ramp(N, () => 1);

const KERNELS: [string, () => Float64Array][] = [];
for (const op of ['add', 'subtract', 'multiply', 'divide'] as const) {
  KERNELS.push(
    [`${op}, column with column`, () => col[op](withNaNs, ones)],
    [`${op}, Float64Array with a plain array holding nulls`, () => col[op](withNaNs, plainWithNulls)],
    [`${op}, plain arrays`, () => col[op](plainWithNulls, otherPlain)],
    [`${op}, column with scalar`, () => col[op](withNaNs, 3)],
    [`${op}, scalar with column`, () => col[op](3, plainWithNulls)],
    [`${op}, scalar with NaN`, () => col[op](ones, NaN)],
  );
}
for (const window of [1, 2, 3, 50, N, N + 5]) {
  KERNELS.push(
    [`rollingMean(window ${window}), Float64Array with NaNs`, () => col.rollingMean(withNaNs, window)],
    [`rollingMean(window ${window}), plain array with nulls`, () => col.rollingMean(plainWithNulls, window)],
  );
}
for (const n of [512, 513, 4096]) KERNELS.push([`rollingMean(window 3) of ${n} rows`, () => col.rollingMean(ramp(n, (i) => i), 3)]);

describe('col kernels write every element of their unzeroed output', () => {
  test('the garbage reaches uninitializedColumn (so the tests below can fail)', () => {
    const column = withGarbage(GARBAGE[0], () => uninitializedColumn(N));
    expect(column.length).toBe(N);
    expect(Object.is(column[0], markerOf(GARBAGE[0])) && Object.is(column[N - 1], markerOf(GARBAGE[0]))).toBe(true);
  });

  test('small columns are zeroed as before (creating a Buffer costs more than clearing them)', () => {
    const column = withGarbage(GARBAGE[0], () => uninitializedColumn(100));
    expect(Array.from(column)).toEqual(new Array(100).fill(0));
  });

  test.each(KERNELS)('%s', (_, kernel) => {
    const [a, b] = GARBAGE.map((byte) => withGarbage(byte, kernel));
    const unwritten = Array.from(a.keys()).filter((i) => !Object.is(a[i], b[i]) || STALE.some((m) => Object.is(a[i], m)));
    expect(unwritten).toEqual([]);
    expect(a.length).toBeGreaterThanOrEqual(512);
  });
});
