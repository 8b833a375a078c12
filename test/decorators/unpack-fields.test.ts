import {
  Builder, dataflow, DecoratorError, extractFields, MissingTupleElementError, NodeExecutionError, RecordResult, tag, unpackFields, type Column,
} from 'hamilton-ts';

@dataflow()
class Split {
  /** The train/test split. */
  @unpackFields('xTrain', 'xTest', 'fraction')
  split(rows: number): [Column<number>, Column<number>, number, string] {
    const all = Array.from({ length: rows }, (_, i) => i);
    return [all.slice(0, rows - 1), all.slice(rows - 1), (rows - 1) / rows, 'unused'];
  }

  @unpackFields('first', 'second', 'third')
  many(rows: number): [string, ...number[]] {
    return ['head', rows, rows * 2, rows * 3];
  }

  trainSize(xTrain: Column<number>): number {
    return xTrain.length;
  }
}

const dr = new Builder().withModules(Split).withResultBuilder(new RecordResult()).build();
const variable = (name: string) => dr.listAvailableVariables().find((v) => v.name === name)!;

describe('@unpackFields', () => {
  test('a tuple-returning method yields a node per named position, consumed like any node; the tuple node stays', async () => {
    expect(await dr.execute(['xTrain', 'xTest', 'fraction', 'trainSize', 'split'], { inputs: { rows: 4 } })).toEqual({
      xTrain: [0, 1, 2], xTest: [3], fraction: 0.75, trainSize: 3, split: [[0, 1, 2], [3], 0.75, 'unused'],
    });
    expect(variable('xTrain')).toMatchObject({ dependencies: ['split'], doc: 'The train/test split.' });
  });

  test('each node is typed from its position; past a rest element, from the rest type', () => {
    expect(['xTrain', 'fraction', 'first', 'second', 'third'].map((n) => variable(n).type))
      .toEqual(['Column<number>', 'number', 'string', 'number', 'number']);
  });

  test('more names than the tuple has, or a return type that is no tuple, is an error at graph build naming class, method and decorator', () => {
    @dataflow()
    class TooMany {
      @unpackFields('a', 'b', 'c')
      pair(): [number, string] {
        return [1, 'b'];
      }
    }
    expect(() => new Builder().withModules(TooMany).build()).toThrow(
      new DecoratorError('TooMany', 'pair', 'unpackFields', 'names 3 fields, but the return type [number, string] has 2'),
    );
    @dataflow()
    class NotATuple {
      @unpackFields('a')
      list(): number[] {
        return [1];
      }
    }
    expect(() => new Builder().withModules(NotATuple).build()).toThrow(
      'NotATuple.list: @unpackFields needs the method to return a tuple ([A, B] or [A, ...B[]]), but it returns number[]',
    );
  });

  test('a tuple shorter at run time than the names is an error naming the node and the position', async () => {
    @dataflow()
    class Short {
      @unpackFields('a', 'b')
      pair(): [number, ...number[]] {
        return [1];
      }
    }
    const error = (await new Builder().withModules(Short).build().execute(['b']).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.cause).toBeInstanceOf(MissingTupleElementError);
    expect((error.cause as Error).message).toBe("'pair' returned an array of 1 values, which has no element 1 for field 'b'.");
  });

  test('combines with @tag, and conflicts with @extractFields', () => {
    @dataflow()
    class Tagged {
      @tag({ owner: 'ml' })
      @unpackFields('a')
      pair(): [number, number] {
        return [1, 2];
      }
    }
    expect(new Builder().withModules(Tagged).build().listAvailableVariables({ tags: { owner: 'ml' } }).map((v) => v.name)).toContain('a');
    @dataflow()
    class Both {
      @unpackFields('a')
      @extractFields('b')
      pair(): [number, number] {
        return [1, 2];
      }
    }
    expect(() => new Builder().withModules(Both).build()).toThrow('Both.pair: @unpackFields conflicts with @extractFields: use one of them per method');
  });
});
