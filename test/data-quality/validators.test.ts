import * as aq from 'arquero';
import { z } from 'zod';
import { builtinValidators, specProblems } from '../../runtime/data-quality/builtin-validators';
import type { CheckSpec } from '../../runtime/data-quality/check-spec';
import { ValidationContext } from '../../runtime/data-quality/validator';

/** Runs the spec's single validator on a value. */
function check(spec: CheckSpec, value: unknown) {
  const validators = builtinValidators(spec);
  const context = ValidationContext.for(validators);
  const verdicts = validators.map((v) => ({ name: v.name, ...v.validate(value, context) }));
  return verdicts[verdicts.length - 1];
}

const f64 = (...xs: number[]) => Float64Array.from(xs);

describe('range (inclusive bounds)', () => {
  test('passes inside the bounds on typed arrays, arrays and scalars', () => {
    expect(check({ range: [0, 10] }, f64(0, 5, 10))).toMatchObject({ passed: true, figures: { min: 0, max: 10, outOfRange: 0 } });
    expect(check({ range: [0, 10] }, [1, 2]).passed).toBe(true);
    expect(check({ range: [0, 10] }, 7).passed).toBe(true);
  });

  test('fails outside them, with counts, observed min/max and the first offending rows', () => {
    const v = check({ range: [0, 10] }, f64(-1, 5, 11, 12, 3));
    expect(v).toMatchObject({ passed: false, message: '3 of 5 values outside [0, 10] (min -1, max 12)' });
    expect(v.figures).toMatchObject({ outOfRange: 3, firstRows: [0, 2, 3], firstValues: [-1, 11, 12] });
    expect(check({ range: [0, 10] }, 11).passed).toBe(false);
  });

  test('NaN counts against the range unless allowNaN: true exempts it', () => {
    expect(check({ range: [0, 10] }, f64(1, NaN)).message).toBe('0 of 2 values outside [0, 10], 1 NaN (min 1, max 1)');
    expect(check({ range: [0, 10], allowNaN: true }, f64(1, NaN)).passed).toBe(true);
  });

  test('an empty column passes: no value is out of range', () => {
    expect(check({ range: [0, 10] }, f64()).passed).toBe(true);
  });

  test('non-numbers in a plain array fail it; nulls are missing values, not out of range', () => {
    expect(check({ range: [0, 10] }, [1, 'x']).message).toContain('1 not numbers');
    expect(check({ range: [0, 10] }, [1, null]).passed).toBe(true);
  });

  test('min and max beside the bounds are shown in full where rounding would make them read as a bound', () => {
    // Float32 0.1 is 0.10000000149011612: out of [0, 0.1], and not "max 0.1".
    expect(check({ range: [0, 0.1] }, Float32Array.of(0.1)).message).toBe('1 of 1 values outside [0, 0.1] (min 0.10000000149011612, max 0.10000000149011612)');
    expect(check({ range: [0, 1] }, f64(0.1234567)).message).toBe('1 values within [0, 1] (min 0.123457, max 0.123457)');
  });
});

describe('allowNaN, allowNull and maxNaNFraction', () => {
  test('allowNaN: false fails on any NaN and lists where', () => {
    expect(check({ allowNaN: false }, f64(1, 2)).passed).toBe(true);
    expect(check({ allowNaN: false }, f64(1, NaN, NaN))).toMatchObject({ passed: false, message: '2 of 3 values are NaN', figures: { firstRows: [1, 2] } });
    expect(check({ allowNaN: false }, NaN).passed).toBe(false);
    expect(check({ allowNaN: false }, f64()).passed).toBe(true);
  });

  test('allowNull: false fails on null or undefined', () => {
    expect(check({ allowNull: false }, ['a', null, undefined])).toMatchObject({ passed: false, figures: { null: 2, firstRows: [1, 2] } });
    expect(check({ allowNull: false }, f64(NaN)).passed).toBe(true);
    expect(check({ allowNull: false }, []).passed).toBe(true);
  });

  test('maxNaNFraction counts NaN and null together; an empty column has none missing', () => {
    expect(check({ maxNaNFraction: 0.5 }, [1, NaN, null, 4]).passed).toBe(true);
    expect(check({ maxNaNFraction: 0.25 }, [1, NaN, null, 4])).toMatchObject({ passed: false, message: '50% missing (2 of 4), at most 25% allowed' });
    expect(check({ maxNaNFraction: 0 }, f64()).passed).toBe(true);
  });
});

describe('statistics', () => {
  test('meanRange over the non-missing values; an empty column has no mean and fails', () => {
    expect(check({ meanRange: [1, 3] }, f64(1, 3, NaN)).passed).toBe(true);
    expect(check({ meanRange: [5, 6] }, [1, 3])).toMatchObject({ passed: false, message: 'mean 2, expected within [5, 6]' });
    expect(check({ meanRange: [0, 1] }, f64())).toMatchObject({ passed: false, message: 'no values to average' });
  });

  test('meanRange: finite values whose sum overflows have their mean; an infinity among them is the mean, in typed and plain columns alike', () => {
    expect(check({ meanRange: [0, Number.MAX_VALUE] }, f64(1e308, 1e308)).passed).toBe(true);
    // Summed in two running sums, one overflows to +∞ while the other holds the column's −∞: the mean is −∞, not NaN.
    const values = [1e308, -Infinity, 0.5, -1, 0.5, 1, 1e308, 2, -Infinity, -Infinity];
    expect(check({ meanRange: [0, 1] }, f64(...values)).message).toBe('mean -Infinity, expected within [0, 1]');
    expect(check({ meanRange: [0, 1] }, values).message).toBe('mean -Infinity, expected within [0, 1]');
  });

  test('meanRange: a plain array whose sum overflows has the mean its typed array has', () => {
    expect(check({ meanRange: [0, 1.5e308] }, [1e308, 1e308])).toMatchObject({ passed: true, message: 'mean 1e+308, expected within [0, 1.5e+308]' });
    expect(check({ meanRange: [0, 1.5e308] }, [1e308, null, 1e308, NaN]).passed).toBe(check({ meanRange: [0, 1.5e308] }, f64(1e308, 1e308, NaN)).passed);
  });

  test('meanRange and maxStd fail on values that are neither numbers nor missing, as range does, and name them', () => {
    expect(check({ meanRange: [0, 1000] }, [1, 'x', 1000])).toMatchObject({
      passed: false, message: 'mean 500.5, expected within [0, 1000]; 1 of 3 values not numbers', figures: { notNumbers: 1, firstNotNumberRows: [1] },
    });
    expect(check({ maxStd: 1 }, [1, 1, '1000'])).toMatchObject({ passed: false, message: 'standard deviation 0, at most 1 allowed; 1 of 3 values not numbers' });
    expect(check({ maxStd: 1 }, [1, true, 2n])).toMatchObject({ passed: false, message: '1 value(s): no standard deviation; 2 of 3 values not numbers' });
    // Missing values are not "not numbers": they are left out, and the check passes.
    expect(check({ meanRange: [0, 2], maxStd: 1 }, [1, null, undefined, 1]).passed).toBe(true);
  });

  test('a figure that fails against a bound it rounds to is shown in full: the message never contradicts the verdict', () => {
    expect(check({ meanRange: [0, 0.2] }, f64(0.1, 0.2, 0.3))).toMatchObject({ passed: false, message: 'mean 0.20000000000000004, expected within [0, 0.2]' });
    expect(check({ meanRange: [0, 0.3] }, f64(0.1, 0.2, 0.3)).message).toBe('mean 0.2, expected within [0, 0.3]');
    expect(check({ maxStd: 0 }, f64(0.1, 0.1, 0.1)).message).toMatch(/^standard deviation 1\.\d+e-17, at most 0 allowed$/);
  });

  test('maxStd uses the sample standard deviation; fewer than two values fail', () => {
    expect(check({ maxStd: 2.2 }, f64(2, 4, 4, 4, 5, 5, 7, 9)).passed).toBe(true);
    expect(check({ maxStd: 2 }, f64(2, 4, 4, 4, 5, 5, 7, 9)).message).toBe('standard deviation 2.13809, at most 2 allowed');
    expect(check({ maxStd: 1 }, f64(1)).passed).toBe(false);
  });
});

describe('values, uniqueness and data type', () => {
  test('values in an allowed set, naming the values that are not', () => {
    expect(check({ values: ['a', 'b'] }, ['a', 'b', null]).passed).toBe(true);
    expect(check({ values: ['a', 'b'] }, ['a', 'c', 'd', 'c'])).toMatchObject({
      passed: false, message: '3 of 4 values not allowed: "c", "d"', figures: { notAllowed: ['c', 'd'], firstRows: [1, 2, 3] },
    });
    expect(check({ values: [1, 2] }, 3).passed).toBe(false);
    expect(check({ values: [1] }, []).passed).toBe(true);
  });

  test('unique names the repeats', () => {
    expect(check({ unique: true }, [1, 2, 3]).passed).toBe(true);
    expect(check({ unique: true }, f64(1, 2, 1, 2))).toMatchObject({ passed: false, figures: { repeated: 2, firstRows: [2, 3] } });
    expect(check({ unique: true }, []).passed).toBe(true);
  });

  test('unique compares Dates by instant (as pandas compares timestamps), apart from numbers', () => {
    const day = '2024-01-01T00:00:00.000Z';
    expect(check({ unique: true }, [new Date(day), new Date(day)])).toMatchObject({ passed: false, message: `1 repeated values, first ${day}`, figures: { firstRows: [1] } });
    expect(check({ unique: true }, [new Date(0), 0, new Date(1)]).passed).toBe(true);
  });

  test('repeated and not-allowed values are named as they are: NaN, bigints', () => {
    expect(check({ unique: true }, [NaN, NaN]).message).toBe('1 repeated values, first NaN');
    expect(check({ unique: true }, [5n, 5n])).toMatchObject({ passed: false, message: '1 repeated values, first 5n' });
    expect(check({ values: [1, 2] }, [1, 3n, NaN]).message).toBe('2 of 3 values not allowed: 3n, NaN');
  });

  test('dataType of a scalar or of every element', () => {
    expect(check({ dataType: 'number' }, f64(1)).passed).toBe(true);
    expect(check({ dataType: 'string' }, ['a', null]).passed).toBe(true);
    expect(check({ dataType: 'integer' }, [1, 2.5])).toMatchObject({ passed: false, figures: { firstValues: [2.5] } });
    expect(check({ dataType: 'string' }, 3).passed).toBe(false);
  });
});

describe('strings', () => {
  test('contains and notContains', () => {
    expect(check({ contains: '@' }, ['a@b', 'c@d']).passed).toBe(true);
    expect(check({ contains: '@' }, ['a@b', 'cd'])).toMatchObject({ passed: false, message: '1 of 2 values do not contain "@"', figures: { firstValues: ['cd'] } });
    expect(check({ notContains: ' ' }, 'no space').passed).toBe(false);
    expect(check({ notContains: ' ' }, []).passed).toBe(true);
  });

  // Hamilton's StrContainsValidator / StrDoesNotContainValidator take a string or a list of strings.
  test.each([
    [{ contains: 'hello' }, 'hello world', true],
    [{ contains: ['hello', 'world'] }, 'hello world', true],
    [{ contains: ['hello', 'foo'] }, 'hello world', false],
    [{ notContains: ['foo', 'bar'] }, 'hello world', true],
    [{ notContains: ['foo', 'world'] }, 'hello world', false],
    [{ notContains: 'world' }, 'hello world', false],
  ] as [CheckSpec, string, boolean][])('%j on %j passes: %s', (spec, value, passes) => {
    expect(check(spec, value).passed).toBe(passes);
  });

  test('a list applies to every string of a column: every needle must be in each (contains), none in any (notContains)', () => {
    const emails = ['ann@x.org', 'bob@x.com', 'cy@y.org'];
    expect(check({ contains: ['@', '.org'] }, emails)).toMatchObject({
      passed: false, message: '1 of 3 values do not contain all of "@", ".org"', figures: { firstRows: [1], firstValues: ['bob@x.com'] },
    });
    expect(check({ notContains: [' ', 'y.'] }, emails)).toMatchObject({
      passed: false, message: '1 of 3 values contain one of " ", "y."', figures: { firstRows: [2], firstValues: ['cy@y.org'] },
    });
    expect(check({ contains: ['@'] }, emails).passed).toBe(true);
    expect(builtinValidators({ contains: ['@', '.org'] })[0].description).toBe('every string contains all of "@", ".org"');
  });

  test('length bounds', () => {
    expect(check({ length: [2, 3] }, ['ab', 'abc']).passed).toBe(true);
    expect(check({ length: [2, 3] }, ['a', 'abcd', 'ab']).message).toBe('2 of 3 strings have a length outside [2, 3]');
  });
});

describe('table schemas', () => {
  const schema = {
    columns: {
      spend: { type: 'number' as const, checks: { range: [0, 100] as [number, number] } },
      region: { type: 'string' as const, checks: { values: ['EU', 'US'] } },
      note: { required: false },
    },
  };

  test('passes a table with the required columns of the right types and values', () => {
    expect(check({ schema }, aq.table({ spend: [1, 2], region: ['EU', 'US'] })).passed).toBe(true);
  });

  test('fails, column by column, on missing columns, wrong types and failed column checks', () => {
    const v = check({ schema: { ...schema, allowExtraColumns: false } }, aq.table({ spend: ['x', 200], extra: [1, 2] }));
    expect(v.passed).toBe(false);
    expect(v.message).toBe('missing column region; unexpected column extra; spend: 1 of 2 values are not of type number; spend: 1 of 2 values outside [0, 100], 1 not numbers (min 200, max 200)');
  });

  test('a schema column with a misconfigured check is reported with the column', () => {
    expect(() => builtinValidators({ schema: { columns: { a: { checks: { range: [5, 1] } } } } })).toThrow("schema column 'a': range has min 5 > max 1");
  });

  test('columns named like Object.prototype members are columns like any other', () => {
    expect(check({ schema: { columns: { constructor: {} } } }, aq.table({ b: [1] }))).toMatchObject({ passed: false, message: 'missing column constructor' });
    expect(check({ schema: { columns: { toString: { type: 'number' as const } } } }, aq.table({ b: [1] })).message).toBe('missing column toString');
    expect(check({ schema: { columns: { b: {} }, allowExtraColumns: false } }, aq.table({ b: [1], constructor: [2], hasOwnProperty: [3] })).message)
      .toBe('unexpected columns constructor, hasOwnProperty');
    expect(check({ schema: { columns: { valueOf: { type: 'number' as const } }, allowExtraColumns: false } }, aq.table({ valueOf: [1] })).passed).toBe(true);
  });
});

describe('zod schemas for records and objects', () => {
  const Model = z.object({ weights: z.array(z.number()), accuracy: z.number().min(0).max(1) });

  test('pass and fail, listing the issues with their paths', () => {
    expect(check({ zod: Model }, { weights: [1], accuracy: 0.9 }).passed).toBe(true);
    const v = check({ zod: Model }, { weights: ['x'], accuracy: 2 });
    expect(v.passed).toBe(false);
    expect(v.message).toMatch(/^2 schema issue\(s\): weights\.0: .+; accuracy: .+/);
  });
});

describe('misconfiguration', () => {
  test('is found before any data: inverted bounds, fractions out of [0, 1], unknown checks', () => {
    expect(specProblems({ range: [10, 0] })).toEqual(['range has min 10 > max 0']);
    expect(specProblems({ maxNaNFraction: 1.5, maxStd: -1 })).toEqual(['maxNaNFraction must be between 0 and 1, got 1.5', 'maxStd must be at least 0, got -1']);
    expect(specProblems({ rnage: [0, 1] } as CheckSpec)).toEqual(["has no check 'rnage'"]);
    expect(specProblems({ toString: true, constructor: true } as unknown as CheckSpec)).toEqual(["has no check 'toString'", "has no check 'constructor'"]);
    expect(specProblems({ length: [1, 0], values: [] })).toEqual(['length has min 1 > max 0', 'values must be a non-empty list of allowed values']);
    expect(specProblems({ contains: [] })).toEqual(['contains must be a string or a non-empty list of strings, got []']);
    expect(specProblems({ notContains: ['a', 3] } as unknown as CheckSpec)).toEqual(['notContains must be a string or a non-empty list of strings, got ["a",3]']);
    expect(specProblems({ contains: 5 } as unknown as CheckSpec)).toEqual(['contains must be a string or a non-empty list of strings, got 5']);
  });
});
