import { col } from 'hamilton-ts';
import fc from 'fast-check';

const arr = (x: ArrayLike<number>) => Array.from(x);

describe('col', () => {
  test('rollingMean matches pandas rolling(window).mean(), NaN until the window fills or while it holds a NaN', () => {
    expect(arr(col.rollingMean([10, 10, 20, 40, 40, 50], 3))).toEqual([NaN, NaN, 40 / 3, 70 / 3, 100 / 3, 130 / 3]);
    expect(arr(col.rollingMean([1, NaN, 3, 4, 5], 2))).toEqual([NaN, NaN, NaN, 3.5, 4.5]);
    expect(arr(col.rollingMean([1, 2], 1))).toEqual([1, 2]);
    expect(() => col.rollingMean([1], 0)).toThrow('col.rollingMean: window must be a positive integer, got 0');
  });

  test('element-wise arithmetic takes columns or scalars and refuses columns of different lengths', () => {
    expect(arr(col.divide([1, 4], [2, 8]))).toEqual([0.5, 0.5]);
    expect(arr(col.subtract([1, 4], 1))).toEqual([0, 3]);
    expect(arr(col.add(1, Float64Array.from([1, 2])))).toEqual([2, 3]);
    expect(arr(col.multiply([null, 2], 3))).toEqual([NaN, 6]);
    expect(() => col.add([1, 2], [1])).toThrow('col.add: columns differ in length (2 and 1)');
  });

  test('aggregates skip missing values, as pandas does', () => {
    expect(col.sum([1, null, 2])).toBe(3);
    expect(col.mean([1, NaN, 3])).toBe(2);
    expect(col.mean([])).toBeNaN();
    expect(col.std([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(2.138, 3);
    expect(col.std([1])).toBeNaN();
  });

  test('never changes its inputs', () => {
    const x = Float64Array.from([1, 2, 3]);
    col.rollingMean(x, 2);
    col.subtract(x, 1);
    expect(arr(x)).toEqual([1, 2, 3]);
  });
});

describe('col kernels: every fast path gives what the general definition gives', () => {
  const ops = { add: (u: number, v: number) => u + v, subtract: (u: number, v: number) => u - v, multiply: (u: number, v: number) => u * v, divide: (u: number, v: number) => u / v } as const;
  const numbers = fc.array(fc.oneof(fc.double(), fc.constantFrom(NaN, Infinity, -Infinity, 0, -0)), { maxLength: 40 });
  const same = (got: ArrayLike<number>, want: number[]) => {
    expect(got).toBeInstanceOf(Float64Array);
    expect(got.length).toBe(want.length);
    Array.from(got).forEach((v, i) => expect(Object.is(v, want[i])).toBe(true)); // NaN is NaN, 0 is not -0
  };

  test.each(Object.keys(ops) as (keyof typeof ops)[])('%s: column with scalar, scalar with column, column with column, plain arrays with nulls', (op) => {
    const f = ops[op];
    fc.assert(fc.property(numbers, fc.double(), (xs, s) => {
      const x = Float64Array.from(xs);
      same(col[op](x, s), xs.map((v) => f(v, s)));
      same(col[op](s, x), xs.map((v) => f(s, v)));
      same(col[op](x, Float64Array.from(xs, () => s)), xs.map((v) => f(v, s)));
      const withNulls = xs.map((v, i) => (i % 3 === 0 ? null : v));
      same(col[op](withNulls, s), withNulls.map((v) => f(v ?? NaN, s)));
      same(col[op](s, withNulls), withNulls.map((v) => f(s, v ?? NaN)));
    }));
  });

  test('rollingMean, mean, sum and std: a Float64Array and a plain array with the same values agree exactly', () => {
    fc.assert(fc.property(numbers, fc.integer({ min: 1, max: 5 }), (xs, window) => {
      const plain = xs.map((v) => (Number.isNaN(v) ? null : v));
      const typed = Float64Array.from(xs);
      same(col.rollingMean(typed, window), Array.from(col.rollingMean(plain, window)));
      expect(Object.is(col.mean(typed), col.mean(plain))).toBe(true);
      expect(Object.is(col.sum(typed), col.sum(plain))).toBe(true);
      expect(Object.is(col.std(typed), col.std(plain))).toBe(true);
    }));
  });
});
