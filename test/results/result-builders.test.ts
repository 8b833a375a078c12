import { ArrowResult, Builder, ColumnLengthError, dataflow, Matrix, MatrixResult, RecordResult, ResultBuilderError, TableResult, type Column } from 'hamilton-ts';
import * as aq from 'arquero';

@dataflow()
class Shapes {
  values(): Column<number> {
    return Float64Array.from([1, 2, 3]);
  }

  labels(): Column<string> {
    return ['a', 'b', 'c'];
  }

  short(): Column<number> {
    return [1, 2];
  }

  mean(values: Column<number>): number {
    return values.reduce((a, b) => a + b, 0) / values.length;
  }

  name(): string {
    return 'shapes';
  }

  frame(): aq.ColumnTable {
    return aq.table({ p: [10, 20, 30], q: ['x', 'y', 'z'] });
  }
}

const outputsOf = async (names: string[]) =>
  new Builder().withModules(Shapes).withResultBuilder(new RecordResult()).build().execute(names);

describe('TableResult', () => {
  const build = async (names: string[]) => new TableResult().build(await outputsOf(names));

  test('puts columns side by side and repeats scalars on every row', async () => {
    const table = await build(['values', 'mean', 'name', 'labels']);
    expect(table.columnNames()).toEqual(['values', 'mean', 'name', 'labels']);
    expect(table.objects()).toEqual([
      { values: 1, mean: 2, name: 'shapes', labels: 'a' },
      { values: 2, mean: 2, name: 'shapes', labels: 'b' },
      { values: 3, mean: 2, name: 'shapes', labels: 'c' },
    ]);
  });

  test('spreads a table output into its columns', async () => {
    expect((await build(['values', 'frame'])).columnNames()).toEqual(['values', 'p', 'q']);
  });

  test('gives one row when every output is a scalar', async () => {
    expect((await build(['mean', 'name'])).objects()).toEqual([{ mean: 2, name: 'shapes' }]);
  });

  test('refuses columns of different lengths, naming them', async () => {
    const outputs = await outputsOf(['values', 'short']);
    expect(() => new TableResult().build(outputs)).toThrow(ColumnLengthError);
    expect(() => new TableResult().build(outputs)).toThrow(
      "the columns of a result table must all have the same length, but they differ: 'values' has 3, 'short' has 2.",
    );
  });

  test('refuses a column name that two outputs give', () => {
    expect(() => new TableResult().build({ p: [1, 2, 3], frame: aq.table({ p: [4, 5, 6] }) })).toThrow(ResultBuilderError);
  });

  test('is the default result of a driver', async () => {
    const table = await new Builder().withModules(Shapes).build().execute(['values']);
    expect(table.numRows()).toBe(3);
  });
});

describe('RecordResult', () => {
  test('returns every requested output as it is, the seed\'s DictResult', async () => {
    const result = await new Builder().withModules(Shapes).withResultBuilder(new RecordResult()).build().execute(['frame', 'mean']);
    expect(Object.keys(result)).toEqual(['frame', 'mean']);
    expect(result.mean).toBe(2);
    expect((result.frame as aq.ColumnTable).numRows()).toBe(3);
  });
});

describe('MatrixResult', () => {
  test('stacks outputs as columns, the seed\'s NumpyMatrixResult', async () => {
    const matrix = await new Builder().withModules(Shapes).withResultBuilder(new MatrixResult()).build().execute(['values', 'mean']);
    expect(matrix).toBeInstanceOf(Matrix);
    expect([matrix.numRows, matrix.numCols]).toEqual([3, 2]);
    expect(matrix.toArray()).toEqual([[1, 2], [2, 2], [3, 2]]);
    expect(matrix.at(2, 0)).toBe(3);
    expect(Array.from(matrix.toFloat64Array())).toEqual([1, 2, 2, 2, 3, 2]);
  });

  test('holds labels too, and says so when asked for numbers', async () => {
    const matrix = new MatrixResult().build(await outputsOf(['labels', 'values']));
    expect(matrix.row(1)).toEqual(['b', 2]);
    expect(() => matrix.toFloat64Array()).toThrow("column 'labels' row 0 is not a number (a): the matrix is not numeric.");
  });
});

describe('ArrowResult', () => {
  test('encodes the outputs as an Apache Arrow table', async () => {
    const arrow = new ArrowResult().build(await outputsOf(['values', 'labels', 'mean']));
    expect(arrow.numRows).toBe(3);
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(['values', 'labels', 'mean']);
    expect(arrow.getChild('labels')!.toArray()).toEqual(['a', 'b', 'c']);
    expect(Array.from(arrow.getChild('values')!.toArray() as Float64Array)).toEqual([1, 2, 3]);
  });
});
