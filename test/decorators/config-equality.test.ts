import { Builder, config, dataflow, pipe, RecordResult, step } from 'hamilton-ts';

// Hamilton compares config values with Python's ==, and counts a predicate's result by truthiness.
const names = (module: object, cfg: Record<string, unknown>) =>
  new Builder().withModules(module).withConfig(cfg).build().listAvailableVariables().map((v) => v.name);

describe('config conditions compare values, as Python ==', () => {
  @dataflow()
  class ByValue {
    @config.when({ features: ['a', 'b'] })
    model__ab(): string {
      return 'ab';
    }

    @config.whenNot({ features: ['a', 'b'] })
    debugFeatures(): string {
      return 'only when features is not [a, b]';
    }

    @config.whenIn({ window: [[1, 2], [3, 4]] })
    windowed(): string {
      return 'w';
    }

    @config.whenNotIn({ limits: [{ max: 1 }] })
    unlimited(): string {
      return 'u';
    }
  }

  test('an array or record in the config matches one written alike', () => {
    const got = names(ByValue, { features: ['a', 'b'], window: [1, 2], limits: { max: 1 } });
    expect(got).toEqual(expect.arrayContaining(['model', 'windowed']));
    expect(got).not.toContain('debugFeatures');
    expect(got).not.toContain('unlimited');
  });

  test('different values still differ', () => {
    const got = names(ByValue, { features: ['b', 'a'], window: [1, 2, 3], limits: { max: 2 } });
    expect(got).not.toContain('model');
    expect(got).not.toContain('windowed');
    expect(got).toEqual(expect.arrayContaining(['debugFeatures', 'unlimited']));
  });

  test('a pipe step\'s .when compares by value too', async () => {
    const double = (x: number) => x * 2;
    @dataflow()
    class Piped {
      @pipe(step(double).when({ mode: ['x'] }))
      out(x: number): number {
        return x;
      }
    }
    const dr = new Builder().withModules(Piped).withConfig({ mode: ['x'] }).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['out'], { inputs: { x: 2 } })).toEqual({ out: 4 });
  });
});

describe('@config(predicate) counts its result by truthiness, as Hamilton', () => {
  test('a truthy result keeps the method, a falsy one drops it', () => {
    @dataflow()
    class Truthy {
      @config((cfg) => cfg.rows as never)
      counted(): number {
        return 1;
      }
    }
    expect(names(Truthy, { rows: 5 })).toContain('counted');
    expect(names(Truthy, { rows: 0 })).not.toContain('counted');
    expect(names(Truthy, {})).not.toContain('counted');
  });

  test('an async predicate (a promise is always truthy) is an error naming the method', () => {
    @dataflow()
    class Async {
      @config((async () => true) as never)
      later(): number {
        return 1;
      }
    }
    expect(() => names(Async, {})).toThrow('Async.later: @config failed to decide from the config: the predicate returned a promise');
  });
});
