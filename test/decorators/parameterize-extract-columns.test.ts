import * as aq from 'arquero';
import {
  Builder, ColumnCountError, dataflow, DecoratorError, NodeExecutionError, parameterizedExtract, parameterizeExtractColumns,
  RecordResult, source, tag, value, type Column, type Table,
} from 'hamilton-ts';

@dataflow()
class Series {
  /** Product and sum of {input1} and {input2}, scaled by {input3}. */
  @tag({ kind: 'derived' })
  @parameterizeExtractColumns(
    parameterizedExtract(['outseries1a', 'outseries2a'], { input1: source('inseries1a'), input2: source('inseries1b'), input3: value(10) }),
    parameterizedExtract(['outseries1b', 'outseries2b'], { input1: source('inseries2a'), input2: source('inseries2b'), input3: value(100) }),
  )
  fn(input1: Column<number>, input2: Column<number>, input3: number): Table {
    return aq.table({
      product: input1.map((v, i) => v * input2[i] * input3),
      total: input1.map((v, i) => v + input2[i] + input3),
    });
  }
}

const inputs = { inseries1a: [1, 2], inseries1b: [3, 4], inseries2a: [5, 6], inseries2b: [7, 8] };

describe('@parameterizeExtractColumns', () => {
  test('each parameterisation is a table node <method>__i whose columns, renamed to its outputs, are nodes', async () => {
    const dr = new Builder().withModules(Series).withResultBuilder(new RecordResult()).build();
    const made = dr.listAvailableVariables().filter((v) => !v.isExternalInput);
    expect(made.map((v) => v.name).sort()).toEqual(['fn__0', 'fn__1', 'outseries1a', 'outseries1b', 'outseries2a', 'outseries2b']);
    const result = await dr.execute(['outseries1a', 'outseries2a', 'outseries1b', 'outseries2b'], { inputs });
    expect(result).toEqual({ outseries1a: [30, 80], outseries2a: [14, 16], outseries1b: [3500, 4800], outseries2b: [112, 114] });
    const byName = Object.fromEntries(made.map((v) => [v.name, v]));
    expect(byName.fn__1).toMatchObject({ dependencies: ['inseries2a', 'inseries2b'], doc: 'Product and sum of inseries2a and inseries2b, scaled by 100.' });
    expect(byName.outseries1b).toMatchObject({ dependencies: ['fn__1'], tags: { kind: 'derived' } });
    expect(byName.fn__0.tags).toEqual({});
  });

  test('without reassigning, the columns keep the names the method gave them', async () => {
    @dataflow()
    class Kept {
      @parameterizeExtractColumns(parameterizedExtract(['product'], { k: value(2) }), { reassignColumns: false })
      fn(k: number): Table {
        return aq.table({ product: [k * 3], other: [0] });
      }
    }
    expect(await new Builder().withModules(Kept).withResultBuilder(new RecordResult()).build().execute(['product'])).toEqual({ product: [6] });
  });

  test('a table with another number of columns than outputs to rename is an error naming the node', async () => {
    @dataflow()
    class Wide {
      @parameterizeExtractColumns(parameterizedExtract(['only'], { k: value(1) }))
      fn(k: number): Table {
        return aq.table({ a: [k], b: [k] });
      }
    }
    const error = (await new Builder().withModules(Wide).build().execute(['only']).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error.cause).toBeInstanceOf(ColumnCountError);
    expect((error.cause as Error).message).toBe("the table from 'fn__0' has 2 columns ('a', 'b'), but 1 outputs rename them: 'only'.");
  });

  test('a column named twice, an unknown parameter, or a method that returns no table is an error at graph build', () => {
    const build = (cls: object) => () => new Builder().withModules(cls).build();
    @dataflow()
    class Twice {
      @parameterizeExtractColumns(parameterizedExtract(['a'], { k: value(1) }), parameterizedExtract(['a'], { k: value(2) }))
      fn(k: number): Table {
        return aq.table({ a: [k] });
      }
    }
    expect(build(Twice)).toThrow(new DecoratorError('Twice', 'fn', 'parameterizeExtractColumns', "names output column 'a' more than once"));
    @dataflow()
    class Unknown {
      @parameterizeExtractColumns(parameterizedExtract(['a'], { kk: value(1) }))
      fn(k: number): Table {
        return aq.table({ a: [k] });
      }
    }
    expect(build(Unknown)).toThrow("Unknown.fn: @parameterizeExtractColumns binds 'kk', which is not a parameter of fn(k)");
    @dataflow()
    class Scalar {
      @parameterizeExtractColumns(parameterizedExtract(['a'], { k: value(1) }))
      fn(k: number): number {
        return k;
      }
    }
    expect(build(Scalar)).toThrow('Scalar.fn: @parameterizeExtractColumns needs the method to return an Arquero Table, but it returns number');
  });
});
