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

  test('rollingMean: an infinity is the mean of the windows holding it, and the windows after it are means again', () => {
    // A running sum cannot take an infinity off again (∞ − ∞ is NaN): every window after one was NaN.
    expect(arr(col.rollingMean([1, Infinity, 1, 1, 1, NaN, 2, 2], 2))).toEqual([NaN, Infinity, Infinity, 1, 1, NaN, NaN, 2]);
    expect(arr(col.rollingMean([1, -Infinity, Infinity, 3, 5], 2))).toEqual([NaN, -Infinity, NaN, Infinity, 4]);
    expect(arr(col.rollingMean([2, 4, 1 / 0, 6, 8, 10], 3))).toEqual([NaN, NaN, Infinity, Infinity, Infinity, 8]);
  });

  test('rollingMean: the windows after an outlier are not left with its rounding (1e15 + 0.3 - 1e15 is 0.25 in a bare running sum)', () => {
    const [, , afterOne, afterTwo] = arr(col.rollingMean([1e15, 0.3, 0.7, 0.2], 2));
    expect(afterOne).toBeCloseTo(0.5, 12);
    expect(afterTwo).toBeCloseTo(0.45, 12);
    expect(arr(col.rollingMean([0.1, 0.2, 1e17, 1, 1, 2], 3))[5]).toBeCloseTo(4 / 3, 12);
    // A long column: every window within a whisker of its own sum, outliers every 5,000 rows.
    const y = Float64Array.from({ length: 60_000 }, (_, i) => (i % 5_000 === 17 ? 1e15 : Math.sin(i) * 10));
    const got = col.rollingMean(y, 50);
    for (let i = 49; i < y.length; i += 3) {
      const window = Array.from(y.subarray(i - 49, i + 1));
      const magnitudes = window.reduce((a, v) => a + Math.abs(v), 0) / 50;
      expect(Math.abs(got[i] - window.reduce((a, v) => a + v, 0) / 50)).toBeLessThanOrEqual(1e-12 * magnitudes);
    }
  });

  test('rollingMean: values whose sum overflows still have their mean, and the windows after them too', () => {
    const big = Number.MAX_VALUE;
    expect(arr(col.rollingMean([big, big, 1, 3, 5, 7], 2))).toEqual([NaN, big, big / 2, 2, 4, 6]);
    expect(arr(col.rollingMean([-big, -big, 2, 4, 6], 3))).toEqual([NaN, NaN, -big / 3 * 2 + 2 / 3, (-big + 2 + 4) / 3, 4]);
    // Just under MAX_VALUE / window each: their mean is far from the limit, their rounded sum is not.
    const nearLimit = Float64Array.from({ length: 300 }, () => 1.7976931348623153e306);
    for (const mean of arr(col.rollingMean(nearLimit, 100)).slice(99)) expect(Math.abs(mean / 1.7976931348623153e306 - 1)).toBeLessThan(1e-12);
    // Arriving after ordinary values, the sum overflowing on the second one.
    expect(arr(col.rollingMean([1, 1, 1, big, big, 1, 1], 2))).toEqual([NaN, 1, 1, big / 2, big, big / 2, 1]);
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

  test('an operand that is neither a number nor a column of numbers is refused, naming it (a string is not a column of its characters)', () => {
    expect(() => col.multiply([1, 2], '10' as never)).toThrow('col.multiply: its second operand must be a number or a column of numbers (an array or a typed array), got the string "10"');
    expect(() => col.add('abc' as never, [1, 2, 3])).toThrow(/col\.add: its first operand .* got the string "abc"/);
    expect(() => col.add([1, 2], 5n as never)).toThrow(/its second operand .* got the bigint 5n \(convert it with Number\(\)\)/);
    expect(() => col.add([1, 2], null as never)).toThrow(/its second operand .* got null/);
    expect(() => col.add([1, 2], new Number(5) as never)).toThrow(/its second operand .* got a Number/);
    expect(() => col.sum('12' as never)).toThrow(/col\.sum: expects a column of numbers .* got the string "12"/);
    expect(() => col.mean(BigInt64Array.from([1n]) as never)).toThrow(/col\.mean: expects a column of numbers .* got a BigInt64Array/);
    // A window over a string was a window over its characters, and over { length: 3 } three NaNs.
    expect(() => col.rollingMean('12345' as never, 2)).toThrow(/col\.rollingMean: expects a column of numbers .* got the string "12345"/);
    expect(() => col.rollingMean({ length: 3 } as never, 1)).toThrow(/col\.rollingMean: expects a column of numbers .* got an Object/);
    expect(() => col.rollingMean(5 as never, 2)).toThrow(/col\.rollingMean: expects a column of numbers .* got number 5/);
    expect(() => col.rollingMean(null as never, 2)).toThrow(/col\.rollingMean: expects a column of numbers .* got null/);
    expect(() => col.rollingMean(BigInt64Array.of(1n) as never, 1)).toThrow(/col\.rollingMean: .* got a BigInt64Array/);
    // Two numbers are no column: not an empty one.
    expect(() => col.add(2, 3)).toThrow('col.add: needs a column as one of its operands, got two numbers (2 and 3): for numbers alone, use the operator');
  });

  test('aggregates read numeric strings in plain arrays as numbers, as the element-wise kernels do (never as text joined up)', () => {
    const strings = ['1', '2'] as unknown as number[];
    expect(col.sum(strings)).toBe(3);
    expect(col.mean([1, '2'] as unknown as number[])).toBe(1.5);
    expect(col.std(strings)).toBeCloseTo(Math.SQRT1_2, 12);
    expect(arr(col.add(strings, 0))).toEqual([1, 2]);
  });

  test('a mean of finite values whose sum overflows is still their mean; with an infinity among them, that infinity', () => {
    const big = 1e308;
    expect(col.mean([big, big])).toBe(big);
    expect(col.mean(Float64Array.from([big, big, big]))).toBe(big);
    expect(col.std([big, big])).toBe(0);
    expect(col.sum([big, big])).toBe(Infinity);
    expect(col.mean([big, big, -Infinity])).toBe(-Infinity);
    expect(col.mean([Infinity, -Infinity])).toBeNaN();
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

  test('rollingMean is the mean of each window of the column (NaN with a NaN or both infinities in it, an infinity with one)', () => {
    const values = fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity, 0, 1e15, -1e17)), { maxLength: 60 });
    fc.assert(fc.property(values, fc.integer({ min: 1, max: 6 }), (xs, window) => {
      const got = col.rollingMean(Float64Array.from(xs), window);
      xs.forEach((_, i) => {
        const inWindow = xs.slice(Math.max(0, i + 1 - window), i + 1);
        let want: number;
        if (i < window - 1 || inWindow.some(Number.isNaN) || (inWindow.includes(Infinity) && inWindow.includes(-Infinity))) want = NaN;
        else if (inWindow.includes(Infinity)) want = Infinity;
        else if (inWindow.includes(-Infinity)) want = -Infinity;
        else want = inWindow.reduce((a, b) => a + b, 0) / window;
        const magnitudes = inWindow.reduce((sum, v) => sum + Math.abs(v), 0) / window;
        if (Number.isFinite(want)) expect(Math.abs(got[i] - want)).toBeLessThanOrEqual(1e-9 * magnitudes + 1e-9);
        else expect(got[i]).toBe(want);
      });
    }), { numRuns: 300 });
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
