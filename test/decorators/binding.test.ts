import {
  Builder, dataflow, DecoratorError, does, group, inject, parameterize, pipe, pipeOn, RecordResult, source, step, subdag, value, type Column,
} from 'hamilton-ts';

const sumAll = (args: Record<string, number>) => Object.values(args).reduce((a, b) => a + b, 0);
const addOne = (x: number) => x + 1;
const scale = (x: number, { by }: Record<string, number>) => x * by;

@dataflow()
class Bound {
  @inject({ weights: group(source('w1'), source('w2'), value(0.5)), bias: value(10) })
  weighted(weights: number[], bias: number): number {
    return weights.reduce((a, b) => a + b, 0) + bias;
  }

  @does(sumAll)
  total(a: number, b: number, c: number): number {
    return a + b + c; // replaced by sumAll
  }

  @does(({ numerator, denominator }: Record<string, number>) => numerator / denominator, { numerator: 'a', denominator: 'b' })
  ratio(a: number, b: number): number {
    return a / b;
  }

  @pipe(step(addOne), step(scale, { by: value(3) }).named('tripled'), step(scale, { by: source('factor') }))
  piped(a: number): number {
    return a;
  }

  @pipeOn('b', step(addOne))
  offset(a: number, b: number): number {
    return a - b;
  }
}

const dr = new Builder().withModules(Bound).withResultBuilder(new RecordResult()).build();
const inputs = { w1: 1, w2: 2, a: 2, b: 4, c: 8, factor: 10 };

test('@inject binds parameters by value, source and group', async () => {
  expect(await dr.execute(['weighted'], { inputs })).toEqual({ weighted: 13.5 });
  expect(dr.whatIsUpstreamOf('weighted').map((v) => v.name).sort()).toEqual(['w1', 'w2', 'weighted']);
});

test('@does computes the node with another function, passing the parameters as a record, renamed by the mapping', async () => {
  expect(await dr.execute(['total', 'ratio'], { inputs })).toEqual({ total: 14, ratio: 0.5 });
});

test('@pipe passes the first parameter through each step, each a node of its own', async () => {
  expect(await dr.execute(['piped', 'piped.tripled'], { inputs })).toEqual({ piped: 90, 'piped.tripled': 9 });
  expect(dr.whatIsUpstreamOf('piped').map((v) => v.name).sort()).toEqual(['a', 'factor', 'piped', 'piped.addOne', 'piped.scale', 'piped.tripled']);
  expect(await dr.execute(['offset'], { inputs })).toEqual({ offset: -3 });
});

test('@pipeOn naming no parameter is an error at graph build', () => {
  @dataflow()
  class Wrong {
    @pipeOn('missing', step(addOne))
    one(a: number): number {
      return a;
    }
  }
  expect(() => new Builder().withModules(Wrong).build()).toThrow("Wrong.one: @pipe pipes 'missing', which is not a parameter of one");
});

@dataflow()
class Smoothing {
  smoothed(raw: Column<number>, window: number): Column<number> {
    return raw.map((v, i) => (i + 1 >= window ? v : NaN));
  }

  peak(smoothed: Column<number>): number {
    return Math.max(...smoothed.filter((v) => !Number.isNaN(v)));
  }
}

@dataflow()
class Regions {
  @subdag(Smoothing, { inputs: { raw: source('euSales') }, config: { window: 2 } })
  euPeak(peak: number): number {
    return peak;
  }

  @subdag([Smoothing], { namespace: 'us', inputs: { raw: source('usSales'), window: value(3) } })
  usPeak(peak: number, smoothed: Column<number>): string {
    return `${peak}/${smoothed.length}`;
  }
}

describe('@subdag', () => {
  const regions = new Builder().withModules(Regions).withResultBuilder(new RecordResult()).build();

  test('reuses a whole dataflow under a namespace, with its own inputs and config', async () => {
    const result = await regions.execute(['euPeak', 'usPeak', 'euPeak.smoothed'], { inputs: { euSales: [1, 9, 3], usSales: [7, 2, 5] } });
    expect(result.euPeak).toBe(9);
    expect(result.usPeak).toBe('5/3');
    expect(result['euPeak.smoothed']).toEqual([NaN, 9, 3]);
  });

  test('the reused nodes are plain nodes in listings and queries', () => {
    const names = regions.listAvailableVariables().map((v) => v.name).sort();
    expect(names).toEqual(['euPeak', 'euPeak.peak', 'euPeak.smoothed', 'euSales', 'us.peak', 'us.smoothed', 'usPeak', 'usSales']);
    expect(regions.whatIsUpstreamOf('usPeak').map((v) => v.name).sort()).toEqual(['us.peak', 'us.smoothed', 'usPeak', 'usSales']);
  });

  test('@does and @subdag on one method conflict', () => {
    @dataflow()
    class Conflict {
      @does(sumAll)
      @subdag(Smoothing)
      both(peak: number): number {
        return peak;
      }
    }
    expect(() => new Builder().withModules(Conflict).build()).toThrow(
      'Conflict.both: @subdag conflicts with @does: both replace how the node is computed',
    );
  });
});

describe('group()', () => {
  test('bound to a parameter that is not an array is an error at graph build naming the method, the parameter and its type', () => {
    @dataflow()
    class NotAnArray {
      @inject({ total: group(source('a'), source('b')) })
      doubled(total: number): number {
        return total * 2;
      }
    }
    const build = () => new Builder().withModules(NotAnArray).build();
    expect(build).toThrow(DecoratorError);
    expect(build).toThrow("NotAnArray.doubled: @inject binds 'total' to group(a, b), which hands it an array, but doubled declares total: number");
  });

  test('is refused per node of a @parameterize too', () => {
    @dataflow()
    class Parameterized {
      @parameterize({ both: { label: group(value('x'), value('y')) } })
      labelled(label: string): string {
        return label;
      }
    }
    expect(() => new Builder().withModules(Parameterized).build()).toThrow(
      "Parameterized.labelled: @parameterize binds 'label' to group(x, y), which hands it an array, but labelled declares label: string",
    );
  });

  test('fits arrays, columns, unions with an array, and parameters of unknown type', async () => {
    @dataflow()
    class Fitting {
      @inject({ parts: group(source('a'), source('b')) })
      listed(parts: number[] | undefined): number {
        return parts!.length;
      }

      @inject({ parts: group(source('a'), value(1)) })
      anything(parts: unknown): number {
        return (parts as number[]).length;
      }
    }
    const fitting = new Builder().withModules(Fitting).withResultBuilder(new RecordResult()).build();
    expect(await fitting.execute(['listed', 'anything'], { inputs: { a: 1, b: 2 } })).toEqual({ listed: 2, anything: 2 });
  });

  test('fits a tuple parameter, each member typed from its position', async () => {
    @dataflow()
    class Pairs {
      @inject({ pair: group(source('a'), source('label')) })
      described(pair: [number, string]): string {
        return `${pair[1]}=${pair[0]}`;
      }
    }
    const pairs = new Builder().withModules(Pairs).withResultBuilder(new RecordResult()).build();
    expect(await pairs.execute(['described'], { inputs: { a: 1, label: 'one' } })).toEqual({ described: 'one=1' });
    await expect(pairs.execute(['described'], { inputs: { a: 'x', label: 'one' } })).rejects.toThrow(/'a'.*expects number/);
  });
});
