import * as aq from 'arquero';
import { Builder, dataflow, Driver, RecordResult, SimpleGraphAdapter, type Column } from 'hamilton-ts';

const calls: string[] = [];

@dataflow()
class Pipeline {
  doubled(x: Column<number>): Column<number> {
    calls.push('doubled');
    return Float64Array.from(x, (v) => v * 2);
  }

  total(doubled: Column<number>): number {
    calls.push('total');
    return doubled.reduce((a: number, b: number) => a + b, 0);
  }

  report(total: number, unit: string, precision = 1): string {
    calls.push('report');
    return `${total.toFixed(precision)} ${unit}`;
  }

  scaled(x: Column<number>, factor?: number): Column<number> {
    calls.push('scaled');
    return Float64Array.from(x, (v) => v * (factor ?? 1));
  }

  identity(x: Column<number>): Column<number> {
    return x;
  }
}

beforeEach(() => {
  calls.length = 0;
});

describe('the driver', () => {
  test('both forms build the same driver: Builder and the seed\'s new Driver(config, modules, { adapter })', async () => {
    const inputs = { x: [1, 2, 3], unit: 'kg' };
    const built = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    const seed = new Driver({}, Pipeline, { adapter: new SimpleGraphAdapter(new RecordResult()) });
    expect(await built.execute(['report'], { inputs })).toEqual({ report: '12.0 kg' });
    expect(await seed.execute(['report'], { inputs })).toEqual({ report: '12.0 kg' });
  });

  test('runs only the subgraph the outputs need', async () => {
    const dr = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    await dr.execute(['total'], { inputs: { x: [1, 2] } });
    expect(calls).toEqual(['doubled', 'total']);
  });

  test('takes an Arquero table\'s columns as inputs, ignoring columns no node reads', async () => {
    const dr = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    const result = await dr.execute(['total'], { inputs: aq.table({ x: [1, 2, 3], unrelated: ['a', 'b', 'c'] }) });
    expect(result).toEqual({ total: 12 });
  });

  test('reads only the visible rows of a filtered table', async () => {
    const dr = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    const filtered = aq.table({ x: [1, 2, 3, 4] }).filter((d: { x: number }) => d.x > 2);
    expect(await dr.execute(['total'], { inputs: filtered })).toEqual({ total: 14 });
  });

  test('reads config values as inputs; overrides replace them on purpose', async () => {
    const dr = new Builder().withModules(Pipeline).withConfig({ unit: 'lb', precision: 2 }).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['report'], { inputs: { x: [1] } })).toEqual({ report: '2.00 lb' });
    expect(await dr.execute(['report'], { inputs: { x: [1] }, overrides: { unit: 'kg' } })).toEqual({ report: '2.00 kg' });
  });

  test('an override replaces a node and skips what only it needed', async () => {
    const dr = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    const result = await dr.execute(['report'], { inputs: { unit: 'kg' }, overrides: { total: 5 } });
    expect(result).toEqual({ report: '5.0 kg' });
    expect(calls).toEqual(['report']);
  });

  test('optional parameters run with their defaults when no value is given', async () => {
    const dr = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['report', 'scaled'], { inputs: { x: [1, 2], unit: 'm' } })).toEqual({
      report: '6.0 m', scaled: Float64Array.from([1, 2]),
    });
    expect(await dr.execute(['scaled'], { inputs: { x: [1, 2], factor: 3 } })).toEqual({ scaled: Float64Array.from([3, 6]) });
  });

  test('requested inputs come back as they were given, without copying', async () => {
    const dr = new Builder().withModules(Pipeline).withResultBuilder(new RecordResult()).build();
    const x = Float64Array.from([1, 2, 3]);
    const result = await dr.execute(['x', 'identity'], { inputs: { x } });
    expect(result.x).toBe(x);
    expect(result.identity).toBe(x);
  });

  test('a column flows into the result table without copying', async () => {
    const dr = new Builder().withModules(Pipeline).build();
    const x = Float64Array.from([1, 2, 3]);
    const table = await dr.execute(['identity'], { inputs: { x } });
    expect(table.column('identity')).toBe(x);
  });

  test('validateExecution reports what would run and read, without running anything', () => {
    const dr = new Builder().withModules(Pipeline).build();
    expect(dr.validateExecution(['report'], { inputs: { x: [1], unit: 'kg' } })).toEqual({
      nodesToCompute: ['doubled', 'total', 'report'],
      valuesRead: ['x', 'unit'],
    });
    expect(calls).toEqual([]);
    expect(() => dr.validateExecution(['report'])).toThrow("'unit', needed by 'report'");
  });
});

describe('async nodes', () => {
  const events: string[] = [];
  const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  @dataflow()
  class Remote {
    async left(id: string): Promise<string> {
      events.push('left:start');
      await delay(60);
      events.push('left:end');
      return `L${id}`;
    }

    async right(id: string): Promise<string> {
      events.push('right:start');
      await delay(60);
      events.push('right:end');
      return `R${id}`;
    }

    joined(left: string, right: string): string {
      events.push('joined');
      return `${left}+${right}`;
    }
  }

  test('independent async nodes run concurrently, and their dependents wait for both', async () => {
    const dr = new Builder().withModules(Remote).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['joined'], { inputs: { id: '7' } })).toEqual({ joined: 'L7+R7' });
    // Both had started before either finished: awaiting one after the other would interleave nothing.
    expect(events.slice(0, 2).sort()).toEqual(['left:start', 'right:start']);
    expect(events.slice(2, 4).sort()).toEqual(['left:end', 'right:end']);
    expect(events[4]).toBe('joined');
  });
});

describe('modules', () => {
  @dataflow()
  class Client {
    constructor(private readonly base = 10) {}

    offset(x: number): number {
      return x + this.base;
    }
  }

  test('an instance may be passed instead of the class, to inject constructor arguments', async () => {
    const dr = new Builder().withModules(new Client(100)).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['offset'], { inputs: { x: 1 } })).toEqual({ offset: 101 });
    const fromClass = new Builder().withModules(Client).withResultBuilder(new RecordResult()).build();
    expect(await fromClass.execute(['offset'], { inputs: { x: 1 } })).toEqual({ offset: 11 });
  });

  test('a class without @dataflow() is refused with the fix', () => {
    class NotADataflow {
      one(): number {
        return 1;
      }
    }
    expect(() => new Builder().withModules(NotADataflow).build()).toThrow(
      'NotADataflow: is not a @dataflow() class: decorate it with @dataflow() (from hamilton-ts) to make its methods nodes.',
    );
  });

  test('private, protected, _underscored, excluded and static methods are not nodes', async () => {
    const { TypedModule } = await import('../fixtures/typed-module');
    const names = new Builder().withModules(TypedModule).build().listAvailableVariables()
      .filter((v) => !v.isExternalInput).map((v) => v.name).sort();
    expect(names).toEqual(['anything', 'count', 'flags', 'inferred', 'later', 'lookup', 'model', 'pairs', 'scaled', 'split', 'summary', 'table']);
  });
});
