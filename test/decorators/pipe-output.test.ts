import { Builder, checkOutput, dataflow, DecoratorError, extractFields, pipeOutput, RecordResult, source, step, tag, value } from 'hamilton-ts';

const addOne = (x: number) => x + 1;
const scale = (x: number, { by }: { by: number }) => x * by;

@dataflow()
class Outputs {
  a(start: number): number {
    return start + 1;
  }

  @pipeOutput(step(addOne), step(scale, { by: value(10) }))
  b(a: number): number {
    return a * 2;
  }

  c(b: number): number {
    return b + 0.5;
  }

  @pipeOutput(step(scale, { by: source('factor') }), { onOutput: 'first' })
  @extractFields({ first: 'number', second: 'number' })
  pair(a: number): { first: number; second: number } {
    return { first: a, second: a + 1 };
  }

  @pipeOutput(step(addOne), step(scale, { by: value(100) }).onOutput(['right']))
  @extractFields({ left: 'number', right: 'number' })
  sides(a: number): { left: number; right: number } {
    return { left: a, right: a };
  }
}

const dr = new Builder().withModules(Outputs).withResultBuilder(new RecordResult()).build();
const names = () => dr.listAvailableVariables().map((v) => v.name);

test('@pipeOutput turns A -> B -> C into A -> B.raw -> steps -> B -> C', async () => {
  // start 1: a = 2, b.raw = 4, addOne 5, scale 50, c = 50.5
  expect(await dr.execute(['b.raw', 'b.addOne', 'b.scale', 'b', 'c'], { inputs: { start: 1 } }))
    .toEqual({ 'b.raw': 4, 'b.addOne': 5, 'b.scale': 50, b: 50, c: 50.5 });
  const b = dr.listAvailableVariables().find((v) => v.name === 'b')!;
  expect(b.dependencies).toEqual(['b.scale']);
  expect(dr.listAvailableVariables().find((v) => v.name === 'b.addOne')!.dependencies).toEqual(['b.raw']);
  expect(dr.listAvailableVariables().find((v) => v.name === 'b.raw')!.dependencies).toEqual(['a']);
});

test('onOutput pipes only the named output of @extractFields; the others stay as they are', async () => {
  expect(await dr.execute(['first', 'second'], { inputs: { start: 1, factor: 3 } })).toEqual({ first: 6, second: 3 });
  expect(names()).toEqual(expect.arrayContaining(['first.raw', 'first.scale']));
  expect(names()).not.toContain('second.raw');
});

test('a step\'s own onOutput picks the outputs it applies to; the other steps apply to every output', async () => {
  expect(await dr.execute(['left', 'right'], { inputs: { start: 1 } })).toEqual({ left: 3, right: 300 });
  expect(names()).not.toContain('left.scale');
});

describe('bad arguments are errors at graph build naming class, method and decorator', () => {
  const build = (module: object) => () => new Builder().withModules(module as never).build();

  test('onOutput on the decorator and on a step', () => {
    @dataflow()
    class Both {
      @pipeOutput(step(addOne).onOutput('x'), { onOutput: 'x' })
      @extractFields({ x: 'number' })
      rec(): { x: number } { return { x: 1 }; }
    }
    expect(build(Both)).toThrow(DecoratorError);
    expect(build(Both)).toThrow('Both.rec: @pipeOutput sets onOutput on the decorator and on step addOne: choose one');
  });

  test('onOutput naming no output of the method', () => {
    @dataflow()
    class Typo {
      @pipeOutput(step(addOne), { onOutput: 'y' })
      @extractFields({ x: 'number' })
      rec(): { x: number } { return { x: 1 }; }
    }
    expect(build(Typo)).toThrow("Typo.rec: @pipeOutput targets 'y', but the method makes only");
  });

  test('a step\'s onOutput naming no output of the method', () => {
    @dataflow()
    class StepTypo {
      @pipeOutput(step(addOne).onOutput('y'))
      @extractFields({ x: 'number' })
      rec(): { x: number } { return { x: 1 }; }
    }
    expect(build(StepTypo)).toThrow("StepTypo.rec: @pipeOutput targets 'y', but the method makes only");
  });

  test('no steps', () => {
    @dataflow()
    class Empty {
      @pipeOutput()
      one(): number { return 1; }
    }
    expect(build(Empty)).toThrow('Empty.one: @pipeOutput has no steps');
  });
});

test('combines with @checkOutput and @tag: the check sees the piped value, the tag lands on the final node', async () => {
  @dataflow()
  class Combined {
    @tag({ owner: 'growth' })
    @checkOutput({ range: [0, 10] })
    @pipeOutput(step(scale, { by: value(100) }))
    small(start: number): number { return start; }
  }
  const combined = new Builder().withModules(Combined).withResultBuilder(new RecordResult()).build();
  await expect(combined.execute(['small'], { inputs: { start: 1 } })).rejects.toThrow(/small/);
  const vars = combined.listAvailableVariables();
  expect(vars.filter((v) => v.tags.owner === 'growth').map((v) => v.name)).toEqual(['small']);
  expect(new Set(vars.map((v) => v.name)).size).toBe(vars.length);
});
