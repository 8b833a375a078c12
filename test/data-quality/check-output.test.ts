import {
  Builder, checkOutput, checkOutputCustom, dataflow, DataQualityError, DataQualityReport, DecoratorError, Driver,
  extractColumns, parameterizeValues, RecordResult, SimpleGraphAdapter, type Column, type Table, type Validator,
} from 'hamilton-ts';
import * as aq from 'arquero';

const consumed: string[] = [];

const positiveTotal: Validator = {
  name: 'positiveTotal',
  description: 'the values add up to more than zero',
  validate: (value) => {
    const total = (value as number[]).reduce((a, b) => a + b, 0);
    return { passed: total > 0, message: `total ${total}`, figures: { total } };
  },
};

@dataflow()
class Checked {
  @checkOutput({ range: [0, 100], allowNaN: true }, { importance: 'warn' })
  @checkOutput({ allowNaN: false }, { importance: 'warn' })
  share(part: Column<number>, whole: Column<number>): Column<number> {
    return Float64Array.from(part, (p, i) => (100 * p) / whole[i]);
  }

  @checkOutput({ range: [0, 1000] })
  @checkOutputCustom(positiveTotal)
  spend(raw: Column<number>): Column<number> {
    return raw;
  }

  doubled(spend: Column<number>): Column<number> {
    consumed.push('doubled');
    return spend.map((v) => v * 2);
  }

  @checkOutput({ values: ['EU', 'US'] })
  region(code: string): string {
    return code;
  }
}

const logged: string[] = [];
const driver = () => new Builder().withModules(Checked).withResultBuilder(new RecordResult()).build();
const withLogger = () => new Driver({}, Checked, {
  adapter: new SimpleGraphAdapter(new RecordResult()),
  logger: { warn: (line: string) => logged.push(line) },
});

beforeEach(() => {
  consumed.length = 0;
  logged.length = 0;
});

describe('@checkOutput in the graph', () => {
  test('validators are nodes between a node and its consumers, in listings too', () => {
    const vars = driver().listAvailableVariables();
    const byName = Object.fromEntries(vars.map((v) => [v.name, v]));
    expect(byName['spend'].dependencies).toEqual(['spend.raw', 'spend.check', 'spend.check2']);
    expect(byName['spend.check'].dependencies).toEqual(['spend.raw']);
    expect(byName['spend.check2'].doc).toBe('Data-quality checks on spend: the values add up to more than zero.');
    expect(byName['doubled'].dependencies).toEqual(['spend']);
  });

  test('passing checks let the run go on and are all in the report, with their figures', async () => {
    const { result, report } = await driver().executeWithReport(['doubled', 'share'], { inputs: { raw: [1, 2], part: [1, 1], whole: [2, 4] } });
    expect(Array.from(result.doubled as Float64Array)).toEqual([2, 4]);
    expect(report).toBeInstanceOf(DataQualityReport);
    expect(report.results.map((r) => [r.node, r.check, r.passed])).toEqual([
      ['spend', 'range', true], ['spend', 'positiveTotal', true],
      ['share', 'range', true], ['share', 'allowNaN', true],
    ]);
    expect(report.results[1].figures).toEqual({ total: 3 });
    expect(report.ok).toBe(true);
  });

  test('a failed warn check logs one line and the run goes on', async () => {
    const result = await withLogger().execute(['share'], { inputs: { part: [1, 0, 5], whole: [2, 0, 1] } });
    expect(Array.from(result.share as Float64Array)).toEqual([50, NaN, 500]);
    const { report } = await withLogger().executeWithReport(['share'], { inputs: { part: [1, 0, 5], whole: [2, 0, 1] } });
    expect(logged).toEqual([
      'hamilton-ts data quality (warn): share range: 1 of 3 values outside [0, 100] (min 50, max 500)',
      'hamilton-ts data quality (warn): share allowNaN: 1 of 3 values are NaN',
    ]);
    expect(report.failures('warn')).toHaveLength(2);
    expect(report.ok).toBe(true);
  });

  test('a failed fail check stops the run before any consumer, with every failing check and the whole report', async () => {
    const error = (await driver().execute(['doubled', 'region'], { inputs: { raw: [-5, 2000], code: 'EU' } }).catch((e: unknown) => e)) as DataQualityError;
    expect(error).toBeInstanceOf(DataQualityError);
    expect(consumed).toEqual([]);
    expect(error.message).toBe("data-quality checks failed on 'spend':\n  - spend range: 2 of 2 values outside [0, 1000] (min -5, max 2000)");
    expect(error.failures.map((f) => f.check)).toEqual(['range']);
    expect(error.report.results.map((r) => [r.node, r.check, r.passed])).toEqual(expect.arrayContaining([
      ['spend', 'range', false], ['spend', 'positiveTotal', true],
    ]));
    expect(error.report.failures('fail')[0].figures).toMatchObject({ firstRows: [0, 1], firstValues: [-5, 2000] });
  });

  test('every failing check of the node is listed, not just the first', async () => {
    const error = (await driver().execute(['spend'], { inputs: { raw: [-5, -10] } }).catch((e: unknown) => e)) as DataQualityError;
    expect(error.failures.map((f) => f.check)).toEqual(['range', 'positiveTotal']);
    expect(error.message.split('\n')).toHaveLength(3);
  });

  test('checks run on scalars too', async () => {
    await expect(driver().execute(['region'], { inputs: { code: 'APAC' } })).rejects.toThrow('region values: 1 of 1 values not allowed: "APAC"');
  });
});

describe('the report', () => {
  const report = new DataQualityReport([
    { node: 'spend', check: 'range', description: 'values within [0, 1]', importance: 'fail', passed: false, message: '1 of 2 values outside [0, 1] (min 0, max 2)', figures: { outOfRange: 1 } },
    { node: 'share', check: 'allowNaN', description: 'no NaN values', importance: 'warn', passed: true, message: 'no NaN values', figures: {} },
  ]);

  test('prints as a table for terminals', () => {
    expect(report.toTable().split('\n')).toEqual([
      '┌───────┬──────────┬────────────┬────────┬─────────────────────────────────────────────┐',
      '│ node  │ check    │ importance │ result │ details                                     │',
      '├───────┼──────────┼────────────┼────────┼─────────────────────────────────────────────┤',
      '│ spend │ range    │ fail       │ FAIL   │ 1 of 2 values outside [0, 1] (min 0, max 2) │',
      '│ share │ allowNaN │ warn       │ pass   │ no NaN values                               │',
      '└───────┴──────────┴────────────┴────────┴─────────────────────────────────────────────┘',
      '2 checks: 1 passed, 1 failed (fail), 0 failed (warn)',
    ]);
  });

  test('serialises to JSON and Markdown', () => {
    const json = JSON.parse(JSON.stringify(report));
    expect(json).toMatchObject({ ok: false, summary: '2 checks: 1 passed, 1 failed (fail), 0 failed (warn)' });
    expect(json.results[0].figures).toEqual({ outOfRange: 1 });
    expect(report.toMarkdown()).toContain('| spend | range | fail | **FAIL** | 1 of 2 values outside [0, 1] (min 0, max 2) |');
  });
});

describe('misconfigured checks are errors at graph build naming the node', () => {
  test('a range with min > max', () => {
    @dataflow()
    class Inverted {
      @checkOutput({ range: [10, 0] })
      x(): number {
        return 1;
      }
    }
    expect(() => new Builder().withModules(Inverted).build()).toThrow(
      new DecoratorError('Inverted', 'x', 'checkOutput', "on node 'x': range has min 10 > max 0"),
    );
  });

  test('contains / notContains with an empty list or a non-string', () => {
    @dataflow()
    class EmptyNeedles {
      @checkOutput({ contains: [] })
      email(): string {
        return 'a@b';
      }
    }
    expect(() => new Builder().withModules(EmptyNeedles).build()).toThrow(
      new DecoratorError('EmptyNeedles', 'email', 'checkOutput', "on node 'email': contains must be a string or a non-empty list of strings, got []"),
    );
    @dataflow()
    class NumberNeedle {
      @checkOutput({ notContains: ['@', 1] as unknown as string[] })
      handle(): string {
        return 'ann';
      }
    }
    expect(() => new Builder().withModules(NumberNeedle).build()).toThrow(
      "NumberNeedle.handle: @checkOutput on node 'handle': notContains must be a string or a non-empty list of strings, got [\"@\",1]",
    );
  });

  test('contains with a list checks each string for every needle', async () => {
    @dataflow()
    class Emails {
      @checkOutput({ contains: ['@', '.'] })
      email(raw: Column<string>): Column<string> {
        return raw;
      }
    }
    const dr = new Builder().withModules(Emails).build();
    await expect(dr.execute(['email'], { inputs: { raw: ['a@b.c', 'd@e'] } })).rejects.toThrow('email contains: 1 of 2 values do not contain all of "@", "."');
    await expect(dr.execute(['email'], { inputs: { raw: ['a@b.c'] } })).resolves.toBeDefined();
  });

  test('a check that cannot apply to the node\'s type', () => {
    @dataflow()
    class Mismatch {
      @checkOutput({ contains: '@' })
      count(): Column<number> {
        return [1];
      }
    }
    expect(() => new Builder().withModules(Mismatch).build()).toThrow(
      "Mismatch.count: @checkOutput on node 'count': contains checks strings, but the node returns Column<number>",
    );
    @dataflow()
    class TableRange {
      @checkOutput({ range: [0, 1] })
      frame(): Table {
        return aq.table({});
      }
    }
    expect(() => new Builder().withModules(TableRange).build()).toThrow('range checks numbers, but the node returns a Table: put column checks in a schema');
  });
});

describe('checks compose with other decorators', () => {
  @dataflow()
  class Composed {
    @checkOutput({ range: [0, 10] })
    @parameterizeValues('scale', { small: 1, large: 100 })
    scaled(x: number, scale: number): number {
      return x * scale;
    }

    @checkOutput({ schema: { columns: { a: { type: 'number', checks: { range: [0, 5] } } } } })
    @extractColumns('a')
    frame(): Table {
      return aq.table({ a: [1, 9] });
    }
  }

  test('each parameterized node gets its own checks', async () => {
    const dr = new Builder().withModules(Composed).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['small'], { inputs: { x: 2 } })).toEqual({ small: 2 });
    await expect(dr.execute(['large'], { inputs: { x: 2 } })).rejects.toThrow("data-quality checks failed on 'large'");
  });

  test('extracted columns wait for the table\'s checks', async () => {
    const dr = new Builder().withModules(Composed).withResultBuilder(new RecordResult()).build();
    await expect(dr.execute(['a'])).rejects.toThrow("frame schema: a: 1 of 2 values outside [0, 5] (min 1, max 9)");
  });
});

describe('onFailedCheck: skipDependents', () => {
  test('runs everything not downstream of a failed check, then lists every failure at once', async () => {
    const dr = new Builder().withModules(Checked).withResultBuilder(new RecordResult()).build();
    const error = (await dr.execute(['doubled', 'region'], { inputs: { raw: [-5, 2000], code: 'APAC' }, onFailedCheck: 'skipDependents' })
      .catch((e: unknown) => e)) as DataQualityError;
    expect(error).toBeInstanceOf(DataQualityError);
    expect(error.failures.map((f) => `${f.node} ${f.check}`).sort()).toEqual(['region values', 'spend range']);
    expect(consumed).toEqual([]);
    expect(error.report.results).toHaveLength(3);
  });

  test('a run whose checks pass is unaffected', async () => {
    const dr = new Builder().withModules(Checked).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['region'], { inputs: { code: 'EU' }, onFailedCheck: 'skipDependents' })).toEqual({ region: 'EU' });
  });
});

test('executeWithReport returns failed warn checks instead of logging them; the report\'s JSON keeps NaN figures', async () => {
  const dr = new Builder().withModules(Checked).withResultBuilder(new RecordResult()).withLogger({ warn: (line) => logged.push(line) }).build();
  const { report } = await dr.executeWithReport(['share'], { inputs: { part: [0], whole: [0] } });
  expect(logged).toEqual([]);
  expect(report.failures('warn').map((f) => f.check)).toEqual(['allowNaN']);
  expect(JSON.parse(JSON.stringify(report)).results[0].figures.min).toBe('NaN');
  await dr.execute(['share'], { inputs: { part: [0], whole: [0] } });
  expect(logged).toHaveLength(1);
});
