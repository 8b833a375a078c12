import * as aq from 'arquero';
import {
  Builder, dataflow, DecoratorError, extractColumns, extractFields, MissingColumnError, NodeExecutionError,
  RecordResult, type Column, type Table,
} from 'hamilton-ts';

@dataflow()
class Loader {
  @extractColumns('spend', 'signups')
  raw(rows: number): Table {
    return aq.table({ spend: Array.from({ length: rows }, (_, i) => 10 * (i + 1)), signups: Array.from({ length: rows }, (_, i) => i + 1) });
  }

  perSignup(spend: Column<number>, signups: Column<number>): Column<number> {
    return Float64Array.from(spend, (s, i) => s / signups[i]);
  }

  @extractFields({ model: 'object', score: 'number' })
  fit(perSignup: Column<number>): { model: { mean: number }; score: number } {
    const mean = perSignup.reduce((a, b) => a + b, 0) / perSignup.length;
    return { model: { mean }, score: mean / 10 };
  }

  @extractFields('low', 'high')
  bounds(perSignup: Column<number>): { low: number; high: number } {
    return { low: Math.min(...perSignup), high: Math.max(...perSignup) };
  }
}

const dr = new Builder().withModules(Loader).withResultBuilder(new RecordResult()).build();

describe('@extractColumns', () => {
  test('a table-returning method yields one node per column, which other nodes consume', async () => {
    const result = await dr.execute(['spend', 'perSignup'], { inputs: { rows: 3 } });
    expect(result.spend).toEqual([10, 20, 30]);
    expect(Array.from(result.perSignup as Float64Array)).toEqual([10, 10, 10]);
    expect(dr.listAvailableVariables().find((v) => v.name === 'spend')).toMatchObject({ type: 'Column<unknown>', dependencies: ['raw'] });
  });

  test('a missing column at run time names the node and the columns the table does have', async () => {
    @dataflow()
    class Short {
      @extractColumns('a', 'b')
      frame(): Table {
        return aq.table({ a: [1], c: [2] });
      }
    }
    const error = (await new Builder().withModules(Short).build().execute(['b']).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.cause).toBeInstanceOf(MissingColumnError);
    expect(error.message).toMatch(/^node 'b' \(Short\.frame at test\/decorators\/extract\.test\.ts:\d+\) failed: MissingColumnError: the table from 'frame' has no column 'b'; it has 'a', 'c'\.$/);
  });

  test('a method that does not return a table is an error at graph build', () => {
    @dataflow()
    class NotATable {
      @extractColumns('a')
      numbers(): number[] {
        return [1];
      }
    }
    expect(() => new Builder().withModules(NotATable).build()).toThrow(
      new DecoratorError('NotATable', 'numbers', 'extractColumns', 'needs the method to return an Arquero Table, but it returns number[]'),
    );
  });
});

describe('@extractFields', () => {
  test('a record-returning method yields a typed node per field', async () => {
    expect(await dr.execute(['model', 'score', 'low', 'high'], { inputs: { rows: 2 } })).toEqual({
      model: { mean: 10 }, score: 1, low: 10, high: 10,
    });
    const type = (name: string) => dr.listAvailableVariables().find((v) => v.name === name)!.type;
    expect([type('score'), type('low'), type('model')]).toEqual(['number', 'number', 'object']);
  });

  test('a field the return type lacks, or a declared type that contradicts it, is an error at graph build', () => {
    @dataflow()
    class Wrong {
      @extractFields('missing')
      one(): { present: number } {
        return { present: 1 };
      }
    }
    expect(() => new Builder().withModules(Wrong).build()).toThrow(
      "Wrong.one: @extractFields names field 'missing', which the return type { present: number } does not have",
    );
    @dataflow()
    class Contradiction {
      @extractFields({ present: 'string' })
      one(): { present: number } {
        return { present: 1 };
      }
    }
    expect(() => new Builder().withModules(Contradiction).build()).toThrow(
      "Contradiction.one: @extractFields declares field 'present' as string, but the return type says number",
    );
  });

  test('extractColumns and extractFields on one method conflict', () => {
    @dataflow()
    class Both {
      @extractColumns('a')
      @extractFields('b')
      one(): Table {
        return aq.table({ a: [1] });
      }
    }
    expect(() => new Builder().withModules(Both).build()).toThrow('Both.one: @extractFields conflicts with @extractColumns: use one of them per method');
  });
});
