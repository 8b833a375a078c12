import {
  applyTo, Builder, checkOutput, dataflow, DecoratorError, extractFields, mutate, pipeOutput, RecordResult, source, step, tag, value,
} from 'hamilton-ts';

const addOne = (x: number) => x + 1;

@dataflow()
class Cleaning {
  a(start: number): number {
    return start;
  }

  @pipeOutput(step(addOne))
  b(start: number): number {
    return start * 2;
  }

  @tag({ owner: 'growth' })
  @extractFields({ low: 'number', high: 'number' })
  range(start: number): { low: number; high: number } {
    return { low: start, high: start + 10 };
  }

  downstream(a: number, b: number): number {
    return a + b;
  }

  /** Applied to a and b, scaled by `factor` (an upstream node or input: nothing binds it). */
  @mutate('a', 'b')
  scaled(output: number, factor: number): number {
    return output * factor;
  }

  @mutate(applyTo('a', { by: value(100) }), applyTo('b').named('shifted', null), applyTo('range', { by: source('offset') }).onOutput('high'), { by: value(1) })
  shift(output: number, by: number): number {
    return output + by;
  }

  @mutate(applyTo('a').when({ mode: 'neg' }))
  negated(output: number): number {
    return -output;
  }
}

const build = (config: Record<string, unknown> = {}) =>
  new Builder().withModules(Cleaning).withConfig(config).withResultBuilder(new RecordResult()).build();
const names = (config: Record<string, unknown> = {}) => build(config).listAvailableVariables().map((v) => v.name);
const inputs = { start: 1, factor: 3, offset: 1000 };

test('a @mutate method is no node: it is a post-processing step of each target, its first parameter the target\'s output', async () => {
  expect(names()).not.toContain('scaled');
  expect(names()).not.toContain('shift');
  // a: 1 → scaled ×3 = 3 → shift +100 = 103 (mutations in the order the class defines them)
  expect(await build().execute(['a', 'a.raw', 'a.scaled', 'a.shift'], { inputs })).toEqual({ a: 103, 'a.raw': 1, 'a.scaled': 3, 'a.shift': 103 });
  expect(build().listAvailableVariables().find((v) => v.name === 'a.scaled')!.dependencies).toEqual(['a.raw', 'factor']);
});

test('mutations follow the target\'s own @pipeOutput steps; applyTo binds per target, else the shared bindings apply', async () => {
  // b: 2 → addOne 3 → scaled ×3 = 9 → shifted +1 = 10
  expect(await build().execute(['b', 'downstream'], { inputs })).toEqual({ b: 10, downstream: 113 });
  expect(names()).toEqual(expect.arrayContaining(['b.addOne', 'b.scaled', 'shifted']));
});

test('applyTo(…).onOutput targets one extracted output; @tag still labels the final nodes', async () => {
  expect(await build().execute(['low', 'high'], { inputs })).toEqual({ low: 1, high: 1011 });
  expect(names()).toEqual(expect.arrayContaining(['high.raw', 'high.shift']));
  expect(names()).not.toContain('low.raw');
  const tagged = build().listAvailableVariables().filter((v) => v.tags.owner === 'growth').map((v) => v.name).sort();
  expect(tagged).toEqual(['high', 'low']);
});

test('the target\'s own @pipeOutput onOutput does not confine a mutation aimed at another output', async () => {
  @dataflow()
  class Mixed {
    @pipeOutput(step(addOne), { onOutput: 'x' })
    @extractFields({ x: 'number', y: 'number' })
    rec(start: number): { x: number; y: number } { return { x: start, y: start }; }

    @mutate(applyTo('rec').onOutput('y'))
    doubled(output: number): number { return output * 2; }
  }
  const dr = new Builder().withModules(Mixed).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['x', 'y'], { inputs: { start: 5 } })).toEqual({ x: 6, y: 10 });
});

test('applyTo(…).when gates the mutation by config', async () => {
  expect(await build({ mode: 'neg' }).execute(['a'], { inputs })).toEqual({ a: -103 });
  expect(names()).not.toContain('a.negated');
});

test('a @checkOutput on the target checks the mutated value', async () => {
  @dataflow()
  class Checked {
    @checkOutput({ range: [0, 10] })
    small(start: number): number { return start; }

    @mutate('small')
    grow(output: number): number { return output * 100; }
  }
  const dr = new Builder().withModules(Checked).withResultBuilder(new RecordResult()).build();
  await expect(dr.execute(['small'], { inputs: { start: 1 } })).rejects.toThrow(/small/);
});

test('an unbound parameter with a default gets its default, not a dependency', async () => {
  @dataflow()
  class Defaulted {
    one(): number { return 1; }
    @mutate('one')
    bump(output: number, by = 5): number { return output + by; }
  }
  const dr = new Builder().withModules(Defaulted).withResultBuilder(new RecordResult()).build();
  expect(dr.listAvailableVariables().find((v) => v.name === 'one.bump')!.dependencies).toEqual(['one.raw']);
  expect(await dr.execute(['one'])).toEqual({ one: 6 });
});

describe('bad arguments are errors at graph build naming class, method and decorator', () => {
  const fails = (module: object, message: string) => {
    const make = () => new Builder().withModules(module as never).build();
    expect(make).toThrow(DecoratorError);
    expect(make).toThrow(message);
  };

  test('a target that is no method of the class', () => {
    @dataflow()
    class Typo {
      one(): number { return 1; }
      @mutate('onee')
      bump(output: number): number { return output + 1; }
    }
    fails(Typo, "Typo.bump: @mutate targets 'onee', which is no node method of Typo (it has one)");
  });

  test('a binding of no parameter of the mutating method', () => {
    @dataflow()
    class Unbound {
      one(): number { return 1; }
      @mutate(applyTo('one', { byy: value(2) }))
      bump(output: number, by: number): number { return output + by; }
    }
    fails(Unbound, "Unbound.bump: @mutate binds 'byy', which is not a parameter of bump(output, by) after the target's output");
  });

  test('@mutate with another decorator on the same method', () => {
    @dataflow()
    class Combined {
      one(): number { return 1; }
      @tag({ owner: 'x' })
      @mutate('one')
      bump(output: number): number { return output + 1; }
    }
    fails(Combined, 'Combined.bump: @mutate combines with no other decorator: gate its steps with applyTo(…).when(…) instead');
  });

  test('a mutating method without a parameter for the output', () => {
    @dataflow()
    class NoParam {
      one(): number { return 1; }
      @mutate('one')
      bump(): number { return 2; }
    }
    fails(NoParam, 'NoParam.bump: @mutate needs a method whose first parameter receives the target\'s output');
  });

  test('mutating another mutating method, or no target at all', () => {
    @dataflow()
    class Chain {
      one(): number { return 1; }
      @mutate('one')
      bump(output: number): number { return output + 1; }
      @mutate('bump')
      again(output: number): number { return output + 1; }
    }
    fails(Chain, "Chain.again: @mutate targets 'bump', which is itself a @mutate method");
    @dataflow()
    class Nothing {
      @mutate()
      bump(output: number): number { return output + 1; }
    }
    fails(Nothing, 'Nothing.bump: @mutate names no target method');
  });
});

test('a @mutate method named with _ or private (as Hamilton names them: _mutate0) still applies: it is no node either way', async () => {
  @dataflow()
  class Helpers {
    spend(a: number): number {
      return a;
    }

    @mutate('spend', { max: value(5) })
    _clip(output: number, max: number): number {
      return Math.min(output, max);
    }

    @mutate('spend')
    private doubled(output: number): number {
      return output * 2;
    }
  }
  const dr = new Builder().withModules(Helpers).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['spend'], { inputs: { a: 20 } })).toEqual({ spend: 10 });
  expect(dr.listAvailableVariables().map((v) => v.name)).not.toContain('_clip');
});
