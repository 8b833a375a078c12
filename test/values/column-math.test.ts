import { col } from 'hamilton-ts';

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
