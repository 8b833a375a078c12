import { Builder, dataflow, DecoratorError, does, pipe, RecordResult, step, THREAD_EXECUTOR, value } from 'hamilton-ts';

const sumAll = (args: Record<string, number>) => Object.values(args).reduce((a, b) => a + b, 0);
const describeAll = (args: Record<string, unknown>) => JSON.stringify(args);

@dataflow()
class WithDefaults {
  constructor(private readonly base = 100) {}

  @does(sumAll)
  total(a: number, b = 2, c = a * 10): number {
    return a + b + c; // replaced by sumAll
  }

  // Defaults may read the instance, imports and earlier parameters, as the method would.
  @does(describeAll, { where: 'executor', offset: 'start' })
  described(a: number, start = this.base + a, executor = THREAD_EXECUTOR, note?: string): string {
    return `${start}${executor}${note}`;
  }
}

describe('@does passes the method\'s defaults on', () => {
  test('defaults reach the function exactly as they would reach the method', async () => {
    const dr = new Builder().withModules(WithDefaults).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['total'], { inputs: { a: 1 } })).toEqual({ total: 13 });
    expect(await dr.execute(['total'], { inputs: { a: 1, b: 5, c: 0 } })).toEqual({ total: 6 });
    expect(JSON.parse((await dr.execute(['described'], { inputs: { a: 1 } })).described as string))
      .toEqual({ a: 1, offset: 101, where: 'thread' }); // `note` (optional, no default) is undefined, as for the method
  });

  test('on an instance, defaults read that instance', async () => {
    const dr = new Builder().withModules(new WithDefaults(7)).withResultBuilder(new RecordResult()).build();
    expect(JSON.parse((await dr.execute(['described'], { inputs: { a: 1, note: 'n' } })).described as string))
      .toEqual({ a: 1, offset: 8, where: 'thread', note: 'n' });
  });

  test('without the transformer, a default @does cannot pass on is an error naming the method and the parameter', () => {
    const Plain = dataflow()(class Plain {
      total(a: number, b = 2): number {
        return a + b;
      }
    });
    does(sumAll)(Plain.prototype, 'total', Object.getOwnPropertyDescriptor(Plain.prototype, 'total')!);
    const warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const build = () => new Builder().withModules(Plain).build();
    expect(build).toThrow(DecoratorError);
    expect(build).toThrow("Plain.total: @does cannot pass on the default value of 'b'");
    warning.mockRestore();
  });
});

describe('functions typed with their own record', () => {
  // These compile only if does() and step() accept a function typed with its record (ts-jest type-checks this file).
  @dataflow()
  class Typed {
    @does(({ a, b }: { a: number; b: number }) => a * b)
    product(a: number, b: number): number {
      return a * b;
    }

    @pipe(step((x: number, { by }: { by: number }) => x * by, { by: value(3) }))
    tripled(a: number): number {
      return a;
    }
  }

  test('run as any other', async () => {
    const dr = new Builder().withModules(Typed).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['product', 'tripled'], { inputs: { a: 2, b: 5 } })).toEqual({ product: 10, tripled: 6 });
  });
});
