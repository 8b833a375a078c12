import { Builder, checkOutputCustom, dataflow, RecordResult, type Column, type Table, type Validator } from 'hamilton-ts';
import * as aq from 'arquero';
import { builtinValidators } from '../../runtime/data-quality/builtin-validators';
import * as profiles from '../../runtime/data-quality/numeric-profile';
import { ValidationContext } from '../../runtime/data-quality/validator';

/** A custom validator reading the shared profile with its own range. */
const atMost = (hi: number): Validator => ({
  name: `atMost${hi}`,
  description: `values at most ${hi}`,
  profileNeeds: { range: [-Infinity, hi] },
  validate: (value, context) => {
    const p = context.numeric(value as ArrayLike<unknown>);
    return { passed: p.outOfRange === 0, message: `${p.outOfRange} above ${hi}` };
  },
});

/** One validator profiling two columns of a table. */
const bothNonNegative: Validator = {
  name: 'bothNonNegative',
  description: 'columns a and b are >= 0',
  profileNeeds: { range: [0, Infinity] },
  validate: (value, context) => {
    const t = value as Table;
    const a = context.numeric(t.array('a') as ArrayLike<unknown>);
    const b = context.numeric(t.array('b') as ArrayLike<unknown>);
    return { passed: a.outOfRange + b.outOfRange === 0, message: `a: ${a.outOfRange} negative, b: ${b.outOfRange} negative` };
  },
};

@dataflow()
class Profiled {
  @checkOutputCustom(atMost(10), atMost(100), { importance: 'warn' })
  x(): Column<number> {
    return Float64Array.of(1, 50, 5);
  }

  @checkOutputCustom(bothNonNegative, { importance: 'warn' })
  t(): Table {
    return aq.table({ a: [1, 2], b: [-5, -6] });
  }
}

const driver = () => new Builder().withModules(Profiled).withResultBuilder(new RecordResult()).build();

describe('the shared numeric profile', () => {
  test('validators of one decorator asking for different ranges each read their own range', async () => {
    const { report } = await driver().executeWithReport(['x']);
    expect(report.results.map((r) => [r.check, r.passed, r.message])).toEqual([
      ['atMost10', false, '1 above 10'],
      ['atMost100', true, '0 above 100'],
    ]);
  });

  test('one validator profiling two arrays gets each array its own profile', async () => {
    const { report } = await driver().executeWithReport(['t']);
    expect(report.results[0]).toMatchObject({ passed: false, message: 'a: 0 negative, b: 2 negative' });
  });

  test('a context for several validators that disagree on the range says so, rather than answer for one of them', () => {
    const validators = [atMost(10), atMost(100)];
    const context = ValidationContext.for(validators);
    expect(() => context.numeric(Float64Array.of(1))).toThrow(/different ranges/);
    expect(validators.map((v) => v.validate(Float64Array.of(1, 50), context.forValidator(v)).passed)).toEqual([false, true]);
  });

  test('the common case still reads the column once: range, NaN, NaN fraction, mean and std share one profile', () => {
    const validators = builtinValidators({ range: [0, 10], allowNaN: false, maxNaNFraction: 0.5, meanRange: [0, 10], maxStd: 5 });
    const context = ValidationContext.for(validators);
    const column = Float64Array.of(1, 2, 30);
    const spy = jest.spyOn(profiles, 'numericProfile');
    try {
      const verdicts = validators.map((v) => v.validate(column, context.forValidator(v)));
      expect(verdicts.map((v) => v.passed)).toEqual([false, true, true, false, false]);
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
  });
});
