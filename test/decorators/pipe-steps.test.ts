import { Builder, dataflow, DecoratorError, pipe, pipeOn, pipeOutput, PipeStep, RecordResult, step, value } from 'hamilton-ts';

const addOne = (x: number) => x + 1;
const scale = (x: number, { by }: { by: number }) => x * by;

@dataflow()
class Gated {
  @pipe(
    step(addOne).when({ mode: 'plus' }),
    step(scale, { by: value(10) }).whenNot({ mode: 'plus' }),
    step(scale, { by: value(2) }).whenIn({ region: ['EU', 'UK'] }).named('doubled'),
    step(scale, { by: value(3) }).whenNotIn({ region: ['EU', 'UK'] }).named('tripled'),
  )
  gated(a: number): number {
    return a;
  }

  @pipeOutput(step(addOne).when({ mode: 'plus' }), step(scale, { by: value(5) }).named('five', null))
  outGated(a: number): number {
    return a;
  }
}

const build = (config: Record<string, unknown>) => new Builder().withModules(Gated).withConfig(config).withResultBuilder(new RecordResult()).build();
const names = (config: Record<string, unknown>) => build(config).listAvailableVariables().map((v) => v.name);

describe('step(…).when / whenNot / whenIn / whenNotIn: a step is in the chain only under matching config', () => {
  test('when and whenIn hold', async () => {
    expect(await build({ mode: 'plus', region: 'EU' }).execute(['gated'], { inputs: { a: 1 } })).toEqual({ gated: 4 });
    expect(names({ mode: 'plus', region: 'EU' })).toEqual(expect.arrayContaining(['gated.addOne', 'gated.doubled']));
    expect(names({ mode: 'plus', region: 'EU' })).not.toContain('gated.scale');
    expect(names({ mode: 'plus', region: 'EU' })).not.toContain('gated.tripled');
  });

  test('whenNot and whenNotIn hold (a key the config lacks matches no value, as in @config.when)', async () => {
    expect(await build({}).execute(['gated'], { inputs: { a: 1 } })).toEqual({ gated: 30 });
    expect(names({})).not.toContain('gated.addOne');
  });

  test('a @pipeOutput whose gated steps all drop out leaves the node as it was', async () => {
    expect(await build({ mode: 'plus' }).execute(['outGated'], { inputs: { a: 1 } })).toEqual({ outGated: 10 });
    expect(names({})).toEqual(expect.arrayContaining(['outGated.raw', 'five']));
    expect(names({})).not.toContain('outGated.addOne');
  });
});

@dataflow()
class Named {
  @pipe(step(addOne).named('first', null), step(addOne).named('second', 'shared'), step(addOne))
  stepNamespaces(a: number): number {
    return a;
  }

  @pipe(step(addOne), step(scale, { by: value(2) }), { namespace: null })
  bare(b: number): number {
    return b;
  }

  @pipeOn('c', step(addOne), step(addOne), { namespace: 'prep' })
  prepped(a: number, c: number): number {
    return a + c;
  }

  @pipeOutput(step(addOne).named('bumped'), { namespace: 'post' })
  posted(a: number): number {
    return a;
  }
}

test('.named(name, namespace) and the decorator\'s namespace name the step nodes as Hamilton does', async () => {
  const dr = new Builder().withModules(Named).withResultBuilder(new RecordResult()).build();
  const all = dr.listAvailableVariables().map((v) => v.name);
  // named(name) keeps the default namespace (the method); null: none; a string: that one.
  expect(all).toEqual(expect.arrayContaining(['first', 'shared.second', 'stepNamespaces.addOne']));
  expect(all).toEqual(expect.arrayContaining(['addOne', 'scale', 'prep.addOne', 'prep.addOne_1', 'post.bumped', 'posted.raw']));
  expect(await dr.execute(['stepNamespaces', 'bare', 'prepped', 'posted'], { inputs: { a: 1, b: 1, c: 1 } }))
    .toEqual({ stepNamespaces: 4, bare: 4, prepped: 4, posted: 2 });
});

test('a namespace on the decorator and on a step is an error at graph build', () => {
  @dataflow()
  class Both {
    @pipe(step(addOne).named('x', 'mine'), { namespace: 'theirs' })
    one(a: number): number { return a; }
  }
  const make = () => new Builder().withModules(Both).build();
  expect(make).toThrow(DecoratorError);
  expect(make).toThrow("Both.one: @pipe sets a namespace on the decorator and on step 'x': choose one");
});

test('what is no step(…) or options object is an error at graph build', () => {
  @dataflow()
  class Wrong {
    @pipe(step(addOne), addOne as never)
    one(a: number): number { return a; }
  }
  expect(() => new Builder().withModules(Wrong).build()).toThrow('Wrong.one: @pipe takes step(…)s and an options object, not addOne');
});

test('new PipeStep(fn, bindings, name) still names the step, as before step options', async () => {
  @dataflow()
  class Legacy {
    @pipe(new PipeStep(addOne as never, {}, 'bumped'))
    one(a: number): number { return a; }
  }
  const dr = new Builder().withModules(Legacy).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['one.bumped'], { inputs: { a: 1 } })).toEqual({ 'one.bumped': 2 });
});
