import * as aq from 'arquero';
import {
  Builder, ColumnLengthError, CycleError, dataflow, Driver, DuplicateNodeError, InputShadowsNodeError,
  InputTypeError, MissingInputsError, NodeExecutionError, TypeMismatchError, UnknownNodeError, type Column,
} from 'hamilton-ts';

@dataflow()
class Spend {
  spendMean(spend: Column<number>): number {
    let total = 0;
    for (let i = 0; i < spend.length; i++) total += spend[i];
    return total / spend.length;
  }

  perSignup(spend: Column<number>, signups: Column<number>): Column<number> {
    return Float64Array.from(spend, (s, i) => s / signups[i]);
  }

  labelled(region: string, spendMean: number): string {
    return `${region}: ${spendMean}`;
  }
}

@dataflow()
class AlsoSpend {
  spendMean(): number {
    return 0;
  }
}

@dataflow()
class WantsColumn {
  centred(spendMean: Column<number>): Column<number> {
    return spendMean;
  }
}

@dataflow()
class CycleA {
  first(third: number): number {
    return third;
  }

  second(first: number): number {
    return first;
  }
}

@dataflow()
class CycleB {
  third(second: number): number {
    return second;
  }
}

@dataflow()
class Throws {
  broken(spend: Column<number>): number {
    throw new RangeError(`cannot handle ${spend.length} rows`);
  }

  async brokenLater(): Promise<number> {
    throw new Error('remote service said no');
  }
}

const line = (cls: Function, method: string) => `test/errors.test.ts:${
  Reflect.getMetadata('hamilton:node', cls.prototype, method).source.line}`;

describe('graph errors name the nodes and where they are defined', () => {
  test('a node defined twice names both definitions', () => {
    const error = captureError(() => new Builder().withModules(Spend, AlsoSpend).build());
    expect(error).toBeInstanceOf(DuplicateNodeError);
    expect(error.message).toBe([
      "node 'spendMean' is defined more than once:",
      `  - 'spendMean' (Spend.spendMean at ${line(Spend, 'spendMean')})`,
      `  - 'spendMean' (AlsoSpend.spendMean at ${line(AlsoSpend, 'spendMean')})`,
      'Rename one of them, or pass only one of the modules that define it.',
    ].join('\n'));
  });

  test('a cycle across modules prints the cycle', () => {
    const error = captureError(() => new Driver({}, [CycleA, CycleB]));
    expect(error).toBeInstanceOf(CycleError);
    expect(error.message.split('\n')[0]).toBe('the dataflow has a cycle: first -> third -> second -> first');
    expect(error.message).toContain(`'third' (CycleB.third at ${line(CycleB, 'third')})`);
    expect((error as CycleError).cycle.map((n) => n.name)).toEqual(['first', 'third', 'second']);
  });

  test('a producer whose type does not fit its consumer names both, the parameter and the types', () => {
    const error = captureError(() => new Builder().withModules(Spend, WantsColumn).build());
    expect(error).toBeInstanceOf(TypeMismatchError);
    expect(error.message).toBe(
      `node 'centred' (WantsColumn.centred at ${line(WantsColumn, 'centred')}) expects parameter 'spendMean' to be Column<number>, `
      + `but node 'spendMean' (Spend.spendMean at ${line(Spend, 'spendMean')}) returns number.`,
    );
  });
});

describe('execute-time errors', () => {
  const dr = new Builder().withModules(Spend).build();

  test('lists every missing required input at once, with who needs each', async () => {
    const error = await captureAsync(() => dr.execute(['perSignup', 'labelled']));
    expect(error).toBeInstanceOf(MissingInputsError);
    expect((error as MissingInputsError).missing.map((m) => [m.name, m.neededBy.map((n) => n.name)])).toEqual([
      ['spend', ['perSignup', 'spendMean']],
      ['signups', ['perSignup']],
      ['region', ['labelled']],
    ]);
    expect(error.message).toContain(`- 'region', needed by 'labelled' (Spend.labelled at ${line(Spend, 'labelled')})`);
  });

  test('an input of the wrong kind names the input, the consumer and what was expected', async () => {
    const error = await captureAsync(() => dr.execute(['spendMean'], { inputs: { spend: 'lots' } }));
    expect(error).toBeInstanceOf(InputTypeError);
    expect(error.message).toBe(
      `input 'spend' is a string (lots), but node 'spendMean' (Spend.spendMean at ${line(Spend, 'spendMean')}) expects Column<number>.`,
    );
  });

  test('a column holding the wrong element type says where', async () => {
    const error = await captureAsync(() => dr.execute(['spendMean'], { inputs: { spend: [1, 2, 'three'] } }));
    expect(error.message).toContain("input 'spend' is an array of 3 values whose value at index 2 is a string (three)");
  });

  test('Column inputs of different lengths are an error naming them', async () => {
    const error = await captureAsync(() => dr.execute(['perSignup'], { inputs: { spend: [1, 2, 3], signups: [1, 2] } }));
    expect(error).toBeInstanceOf(ColumnLengthError);
    expect(error.message).toBe("the Column inputs of one run must all have the same length, but they differ: 'spend' has 3, 'signups' has 2.");
  });

  test('an override of the wrong kind is refused like an input', async () => {
    const error = await captureAsync(() => dr.execute(['labelled'], { inputs: { region: 'EU' }, overrides: { spendMean: [1, 2] } }));
    expect(error).toBeInstanceOf(InputTypeError);
    expect(error.message).toBe(
      `override 'spendMean' is an array of 2 values, but node 'spendMean' (Spend.spendMean at ${line(Spend, 'spendMean')}) returns number.`,
    );
  });

  test('an unknown output is named, with a suggestion', async () => {
    const error = await captureAsync(() => dr.execute(['spendmean']));
    expect(error).toBeInstanceOf(UnknownNodeError);
    expect(error.message).toBe("requested name is not in the dataflow: 'spendmean' (did you mean 'spendMean'?).");
  });

  test('an input that names a computed node points to overrides', async () => {
    const error = await captureAsync(() => dr.execute(['labelled'], { inputs: { region: 'EU', spendMean: 3 } }));
    expect(error).toBeInstanceOf(InputShadowsNodeError);
    expect(error.message).toContain('Pass them in `overrides`');
  });

  test('a node that throws is named with its source location and keeps the original error as cause', async () => {
    const failing = new Builder().withModules(Throws).build();
    const error = await captureAsync(() => failing.execute(['broken'], { inputs: aq.table({ spend: [1, 2] }) }));
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.message).toBe(`node 'broken' (Throws.broken at ${line(Throws, 'broken')}) failed: RangeError: cannot handle 2 rows`);
    expect((error as NodeExecutionError).cause).toBeInstanceOf(RangeError);
    const asyncError = await captureAsync(() => failing.execute(['brokenLater']));
    expect(asyncError.message).toContain("node 'brokenLater' (Throws.brokenLater at");
    expect(((asyncError as NodeExecutionError).cause as Error).message).toBe('remote service said no');
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

async function captureAsync(fn: () => Promise<unknown>): Promise<Error> {
  try {
    await fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
