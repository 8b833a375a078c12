import * as aq from 'arquero';
import {
  Builder, ColumnLengthError, dataflow, DecoratorError, MissingColumnError, NodeExecutionError, RecordResult, TypeMismatchError, withColumns,
  type Column, type Table,
} from 'hamilton-ts';

/** Column-level methods, run on the columns of a table (Hamilton's with_columns subdag). */
@dataflow()
class Ratios {
  perSignup(spend: Column<number>, signups: Column<number>): Column<number> {
    return Float64Array.from(spend, (s, i) => s / signups[i]);
  }

  doubledRatio(perSignup: Column<number>): Column<number> {
    return perSignup.map((v) => v * 2);
  }
}

@dataflow()
class FromTable {
  flagged(ledger: Table, threshold: number): Column<boolean> {
    return Array.from(ledger.array('spend') as ArrayLike<number>, (v) => v > threshold);
  }
}

const ledger = () => aq.table({ spend: [10, 20, 30], signups: [1, 2, 3] });
const build = (...modules: object[]) => new Builder().withModules(...modules).withResultBuilder(new RecordResult()).build();

describe('@withColumns', () => {
  test('columnsToPass: the subdag runs on those columns, its sink nodes are appended, the method gets the wider table', async () => {
    @dataflow()
    class Pipeline {
      raw(): Table {
        return ledger();
      }

      @withColumns(Ratios, { columnsToPass: ['spend', 'signups'] })
      enriched(raw: Table): Table {
        return raw;
      }
    }
    const dr = build(Pipeline);
    const result = await dr.execute(['enriched', 'enriched.perSignup']);
    const table = result.enriched as Table;
    expect(table.columnNames()).toEqual(['spend', 'signups', 'doubledRatio']);
    expect(Array.from(table.array('doubledRatio') as ArrayLike<number>)).toEqual([20, 20, 20]);
    expect(Array.from(result['enriched.perSignup'] as Float64Array)).toEqual([10, 10, 10]);
    expect(dr.listAvailableVariables().find((v) => v.name === 'enriched.spend')).toMatchObject({ dependencies: ['raw'] });
  });

  test('select picks the outputs to append; namespace names the subdag', async () => {
    @dataflow()
    class Pipeline {
      @withColumns([Ratios], { columnsToPass: ['spend', 'signups'], select: ['perSignup', 'doubledRatio'], namespace: 'r' })
      enriched(raw: Table): Table {
        return raw.select('perSignup', 'doubledRatio');
      }
    }
    const table = (await build(Pipeline).execute(['enriched'], { inputs: { raw: ledger() } })).enriched as Table;
    expect(table.columnNames()).toEqual(['perSignup', 'doubledRatio']);
    expect(build(Pipeline).listAvailableVariables().map((v) => v.name)).toContain('r.perSignup');
  });

  test('passTableAs: the whole table is an input of the subdag; other inputs come from the outer graph', async () => {
    @dataflow()
    class Pipeline {
      @withColumns(FromTable, { passTableAs: 'ledger' })
      enriched(raw: Table): Table {
        return raw;
      }
    }
    const table = (await build(Pipeline).execute(['enriched'], { inputs: { raw: ledger(), threshold: 15 } })).enriched as Table;
    expect(table.array('flagged')).toEqual([false, true, true]);
  });

  test('a column missing from the table at run time is a MissingColumnError naming it', async () => {
    @dataflow()
    class Pipeline {
      @withColumns(Ratios, { columnsToPass: ['spend', 'signups'] })
      enriched(raw: Table): Table {
        return raw;
      }
    }
    const error = (await build(Pipeline).execute(['enriched'], { inputs: { raw: aq.table({ spend: [1] }) } }).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error.cause).toBeInstanceOf(MissingColumnError);
    expect((error.cause as Error).message).toBe("the table from 'raw' has no column 'signups'; it has 'spend'.");
  });

  test('an appended column of another length than the table is a ColumnLengthError', async () => {
    @dataflow()
    class Short {
      firstOnly(spend: Column<number>): Column<number> {
        return spend.slice(0, 1);
      }
    }
    @dataflow()
    class Pipeline {
      @withColumns(Short, { columnsToPass: ['spend'] })
      enriched(raw: Table): Table {
        return raw;
      }
    }
    const error = (await build(Pipeline).execute(['enriched'], { inputs: { raw: ledger() } }).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error.cause).toBeInstanceOf(ColumnLengthError);
    expect((error.cause as Error).message).toBe("the rows of 'raw' and the columns @withColumns appends must all have the same length, but they differ: 'raw' has 3, 'enriched.firstOnly' has 1.");
  });

  test('the subdag is type-checked like any other nodes', () => {
    @dataflow()
    class Strings {
      shout(spend: Column<string>): Column<string> {
        return spend.map((s) => s.toUpperCase());
      }
    }
    @dataflow()
    class Pipeline {
      @withColumns(Strings, { columnsToPass: ['spend'] })
      enriched(raw: Table<{ spend: number }>): Table {
        return raw;
      }
    }
    expect(() => build(Pipeline)).toThrow(TypeMismatchError);
  });

  test('bad arguments are errors at graph build', () => {
    const failing = (decorator: MethodDecorator) => {
      @dataflow()
      class Bad {
        @(decorator as MethodDecorator)
        enriched(raw: Table): Table {
          return raw;
        }
      }
      return () => build(Bad);
    };
    const error = (detail: string) => new DecoratorError('Bad', 'enriched', 'withColumns', detail);
    expect(failing(withColumns(Ratios, {} as never))).toThrow(error('needs columnsToPass (columns of the table) or passTableAs (the table as an input), one of them'));
    expect(failing(withColumns(Ratios, { columnsToPass: ['spend'], passTableAs: 'ledger' }))).toThrow(error('needs columnsToPass (columns of the table) or passTableAs (the table as an input), one of them'));
    expect(failing(withColumns([], { columnsToPass: ['spend'] }))).toThrow(error('names no dataflow to run on the columns'));
    expect(failing(withColumns(Ratios, { columnsToPass: ['spend', 'signups'], select: ['nope'] }))).toThrow(
      error("selects 'nope', which the subdag does not compute (it computes 'perSignup', 'doubledRatio')"));
    expect(failing(withColumns(FromTable, { passTableAs: 'table' }))).toThrow(
      error("passes the table as 'table', which no node of the subdag takes as a parameter"));
    expect(failing(withColumns(Ratios, { columnsToPass: ['spend', 'signups'], onInput: 'other' }))).toThrow(
      error("takes the table from parameter 'other', which enriched(raw) does not have"));
    @dataflow()
    class NotATable {
      @withColumns(Ratios, { columnsToPass: ['spend', 'signups'] })
      enriched(raw: number): number {
        return raw;
      }
    }
    expect(() => build(NotATable)).toThrow(new DecoratorError('NotATable', 'enriched', 'withColumns', "needs parameter 'raw' to be a Table, but it is number"));
    @dataflow()
    class Scalar {
      total(spend: Column<number>): number {
        return spend.reduce((a, b) => a + b, 0);
      }
    }
    expect(failing(withColumns(Scalar, { columnsToPass: ['spend'] }))).toThrow(error("selects 'total', which returns number, not a column to append"));
  });
});

test('a selected output that is no column (an untyped node returning a string) is an OutputTypeError, not spread into a column', async () => {
  @dataflow()
  class Untyped {
    label(spend: Column<number>): unknown {
      return 'abc';
    }
  }

  @dataflow()
  class Outer {
    @withColumns([Untyped], { columnsToPass: ['spend'], select: ['label'] })
    enriched(ledger: Table): Table {
      return ledger;
    }
  }
  const error = await build(Outer).execute(['enriched'], { inputs: { ledger: ledger() } }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(NodeExecutionError);
  expect(((error as NodeExecutionError).cause as Error).message).toContain("must return Column<unknown> for @withColumns, but it returned a string (abc)");
});
