import { Builder, dataflow, DecoratorError, extractFields, RecordResult, TypeMismatchError } from 'hamilton-ts';

interface Fit {
  model: { mean: number };
  score: number;
  label: string;
}

/** A class instance stays an object known by name: its fields are not a record's. */
class Model {
  constructor(readonly mean: number) {}
}

@dataflow()
class FromInterface {
  @extractFields('score', 'label')
  fit(): Fit {
    return { model: { mean: 1 }, score: 0.5, label: 'ok' };
  }

}

@dataflow()
class AllFields {
  @extractFields()
  everything(): Fit {
    return { model: { mean: 2 }, score: 0.25, label: 'all' };
  }
}

const variable = (dr: { listAvailableVariables(): { name: string; type: string; dependencies: string[] }[] }, name: string) => dr.listAvailableVariables().find((v) => v.name === name);

describe('@extractFields on an interface return type', () => {
  test('field types come from the interface', async () => {
    const dr = new Builder().withModules(FromInterface).withResultBuilder(new RecordResult()).build();
    expect(variable(dr, 'score')?.type).toBe('number');
    expect(variable(dr, 'label')?.type).toBe('string');
    expect(await dr.execute(['score', 'label'])).toEqual({ score: 0.5, label: 'ok' });
  });

  test('a field the interface lacks is an error at graph build', () => {
    @dataflow()
    class Missing {
      @extractFields('scor')
      fit(): Fit {
        return { model: { mean: 1 }, score: 0.5, label: 'ok' };
      }
    }
    expect(() => new Builder().withModules(Missing).build()).toThrow(
      new DecoratorError('Missing', 'fit', 'extractFields', "names field 'scor', which the return type { model: { mean: number }; score: number; label: string } does not have"),
    );
  });

  test('a consumer declaring the wrong type for an interface field is a TypeMismatchError', () => {
    @dataflow()
    class WrongConsumer {
      @extractFields('score')
      fit(): Fit {
        return { model: { mean: 1 }, score: 0.5, label: 'ok' };
      }

      shout(score: string): string {
        return score.toUpperCase();
      }
    }
    expect(() => new Builder().withModules(WrongConsumer).build()).toThrow(TypeMismatchError);
  });

  test('a class return type is still an object known by name', () => {
    @dataflow()
    class Fitted {
      model(): Model {
        return new Model(1);
      }
    }
    expect(variable(new Builder().withModules(Fitted).build(), 'model')?.type).toBe('Model');
  });
});

describe('@extractFields() with no argument', () => {
  test('extracts every field of the declared return type', async () => {
    const dr = new Builder().withModules(AllFields).withResultBuilder(new RecordResult()).build();
    expect(['model', 'score', 'label'].map((n) => variable(dr, n)?.dependencies)).toEqual([['everything'], ['everything'], ['everything']]);
    expect(await dr.execute(['model', 'label'])).toEqual({ model: { mean: 2 }, label: 'all' });
  });

  test('is an error at graph build when the return type has no known fields', () => {
    @dataflow()
    class Opaque {
      @extractFields()
      anything(): Record<string, number> {
        return { a: 1 };
      }
    }
    expect(() => new Builder().withModules(Opaque).build()).toThrow(
      new DecoratorError('Opaque', 'anything', 'extractFields', 'names no field, and the return type Record<string, number> has no known fields to take them from'),
    );
  });
});
