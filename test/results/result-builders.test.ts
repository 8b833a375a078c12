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

  test('a single table output is the result, its columns unprefixed', async () => {
    const table = await build(['frame']);
    expect(table.columnNames()).toEqual(['p', 'q']);
    expect(table.objects()[0]).toEqual({ p: 10, q: 'x' });
  });

  // Hamilton's PandasDataFrameResult.build_dataframe_with_dataframes: beside other outputs, every
  // table output's columns are named `<output>.<column>`, in the place the output was requested.
  test.each([
    ['test-dataframe-scalar-series-list',
      { a: aq.table({ a: [1, 2, 3], z: [0, 0, 0] }), b: Float64Array.from([4, 5, 6]), c: 7, d: [8, 9, 10] },
      { 'a.a': [1, 2, 3], 'a.z': [0, 0, 0], b: [4, 5, 6], c: [7, 7, 7], d: [8, 9, 10] }],
    ['test-two-dataframes',
      { a: aq.table({ a: [1, 2, 3], b: [11, 12, 13] }), b: aq.table({ c: [1, 3, 5], d: [14, 15, 16] }) },
      { 'a.a': [1, 2, 3], 'a.b': [11, 12, 13], 'b.c': [1, 3, 5], 'b.d': [14, 15, 16] }],
    ['test-order-preserved',
      { a: [1, 2, 3], c: aq.table({ d: [0, 0, 0], e: [1, 1, 1] }), b: [11, 12, 13], f: aq.table({ g: [2, 2, 2], h: [3, 3, 3] }) },
      { a: [1, 2, 3], 'c.d': [0, 0, 0], 'c.e': [1, 1, 1], b: [11, 12, 13], 'f.g': [2, 2, 2], 'f.h': [3, 3, 3] }],
  ] as [string, Record<string, unknown>, Record<string, number[]>][])('%s', (_, outputs, expected) => {
    const table = new TableResult().build(outputs);
    expect(table.columnNames()).toEqual(Object.keys(expected));
    for (const [name, values] of Object.entries(expected)) expect(Array.from(table.array(name) as ArrayLike<number>)).toEqual(values);
  });

  test('tables whose column names clash no longer collide: features.spend beside spend', async () => {
    const outputs = { spend: [1, 2], features: aq.table({ spend: [3, 4], signups: [5, 6] }), raw: aq.table({ spend: [7, 8] }) };
    expect(new TableResult().build(outputs).columnNames()).toEqual(['spend', 'features.spend', 'features.signups', 'raw.spend']);
    expect((await build(['values', 'frame'])).columnNames()).toEqual(['values', 'frame.p', 'frame.q']);
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

  test('refuses a column name that two outputs give, naming both', () => {
    const outputs = { 'frame.p': [1, 2, 3], frame: aq.table({ p: [4, 5, 6] }) };
    expect(() => new TableResult().build(outputs)).toThrow(ResultBuilderError);
    expect(() => new TableResult().build(outputs)).toThrow("column 'frame.p' appears twice in the result: from output 'frame.p' and from output 'frame'.");
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

  test('names table outputs\' columns as TableResult does', async () => {
    expect(new MatrixResult().build(await outputsOf(['values', 'frame'])).columnNames).toEqual(['values', 'frame.p', 'frame.q']);
    expect(new MatrixResult().build(await outputsOf(['frame'])).columnNames).toEqual(['p', 'q']);
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

  test('names table outputs\' columns as TableResult does', async () => {
    const arrow = new ArrowResult().build(await outputsOf(['frame', 'mean']));
    expect(arrow.schema.fields.map((f) => f.name)).toEqual(['frame.p', 'frame.q', 'mean']);
    expect(arrow.getChild('frame.q')!.toArray()).toEqual(['x', 'y', 'z']);
  });
});
