import * as aq from 'arquero';
import {
  Builder, ColumnElementError, dataflow, DecoratorError, extractColumns, NodeExecutionError, RecordResult, TypeMismatchError,
  type Column, type Table,
} from 'hamilton-ts';

const variables = (modules: object) => new Builder().withModules(modules).build().listAvailableVariables();
const typeOf = (modules: object, name: string) => variables(modules).find((v) => v.name === name)?.type;

describe('@extractColumns with declared column types', () => {
  @dataflow()
  class Declared {
    @extractColumns({ spend: 'number', region: 'string' }, { docs: { region: 'Sales region.' } })
    ledger(): Table {
      return aq.table({ spend: [1, 2], region: ['eu', 'us'] });
    }
  }

  test('each column node is typed as declared, and documented', async () => {
    expect(typeOf(Declared, 'spend')).toBe('Column<number>');
    expect(variables(Declared).find((v) => v.name === 'region')).toMatchObject({ type: 'Column<string>', doc: 'Sales region.' });
    const result = await new Builder().withModules(Declared).withResultBuilder(new RecordResult()).build().execute(['region']);
    expect(result.region).toEqual(['eu', 'us']);
  });

  test('a consumer declaring another element type is a TypeMismatchError at graph build', () => {
    @dataflow()
    class Consumer {
      total(region: Column<number>): number {
        return region.reduce((a, b) => a + b, 0);
      }
    }
    expect(() => new Builder().withModules(Declared, Consumer).build()).toThrow(TypeMismatchError);
  });

  test('a column whose values do not fit the declared type fails at run time, naming table and column', async () => {
    @dataflow()
    class Lying {
      @extractColumns({ spend: 'number' })
      ledger(): Table {
        return aq.table({ spend: ['1', '2'] });
      }
    }
    const error = (await new Builder().withModules(Lying).build().execute(['spend']).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error.cause).toBeInstanceOf(ColumnElementError);
    expect(error.cause).toMatchObject({ table: 'ledger', column: 'spend' });
    expect((error.cause as Error).message).toBe("the table from 'ledger' has a column 'spend' of string values (first: \"1\"), but @extractColumns declares Column<number>.");
  });

  test('an unknown type word is an error at graph build', () => {
    @dataflow()
    class Bad {
      @extractColumns({ spend: 'float' as 'number' })
      ledger(): Table {
        return aq.table({ spend: [1] });
      }
    }
    expect(() => new Builder().withModules(Bad).build()).toThrow(
      new DecoratorError('Bad', 'ledger', 'extractColumns', "gives column 'spend' the type 'float'; use 'number', 'string', 'boolean', 'bigint', 'date', 'unknown' or a type descriptor"),
    );
  });
});

describe('@extractColumns typed from a Table<{ … }> return type', () => {
  @dataflow()
  class Inferred {
    @extractColumns('spend', 'region')
    ledger(): Table<{ spend: number; region: string }> {
      return aq.table({ spend: [1, 2], region: ['eu', 'us'] });
    }
  }

  test('column types come from the declared table type', () => {
    expect([typeOf(Inferred, 'spend'), typeOf(Inferred, 'region'), typeOf(Inferred, 'ledger')])
      .toEqual(['Column<number>', 'Column<string>', 'Table<{ spend: number; region: string }>']);
  });

  test('@extractColumns() takes every declared column', () => {
    @dataflow()
    class All {
      @extractColumns()
      async ledger(): Promise<Table<{ spend: number; day: Date }>> {
        return aq.table({ spend: [1], day: [new Date(0)] });
      }
    }
    expect([typeOf(All, 'spend'), typeOf(All, 'day')]).toEqual(['Column<number>', 'Column<Date>']);
  });

  test('a column the table type lacks, or a declared type that contradicts it, is an error at graph build', () => {
    @dataflow()
    class Missing {
      @extractColumns('spnd')
      ledger(): Table<{ spend: number }> {
        return aq.table({ spend: [1] });
      }
    }
    expect(() => new Builder().withModules(Missing).build()).toThrow(
      new DecoratorError('Missing', 'ledger', 'extractColumns', "names column 'spnd', which the return type Table<{ spend: number }> does not have"),
    );
    @dataflow()
    class Contradicts {
      @extractColumns({ spend: 'string' })
      ledger(): Table<{ spend: number }> {
        return aq.table({ spend: [1] });
      }
    }
    expect(() => new Builder().withModules(Contradicts).build()).toThrow(
      new DecoratorError('Contradicts', 'ledger', 'extractColumns', "declares column 'spend' as string, but the return type says number"),
    );
  });

  test('@extractColumns() on an untyped Table is an error at graph build', () => {
    @dataflow()
    class Untyped {
      @extractColumns()
      ledger(): Table {
        return aq.table({ spend: [1] });
      }
    }
    expect(() => new Builder().withModules(Untyped).build()).toThrow(
      new DecoratorError('Untyped', 'ledger', 'extractColumns', 'names no column, and the return type Table declares none (write Table<{ spend: number; … }>)'),
    );
  });
});

describe('a generic type of the project named Table', () => {
  test('is no Arquero table, whatever its type argument', () => {
    type Table<T> = { rows: T[] };
    @dataflow()
    class Own {
      rows(): Table<{ spend: number }> {
        return { rows: [{ spend: 1 }] };
      }
    }
    expect(typeOf(Own, 'rows')).toBe('{ rows: { spend: number }[] }');
  });
});

test('a nullable column type (number | null) takes the column\'s type word: columns hold missing values whatever their type', async () => {
  @dataflow()
  class Nullable {
    @extractColumns({ spend: 'number' })
    ledger(): Table<{ spend: number | null }> {
      return aq.table({ spend: [1, null, 3] });
    }
  }
  const dr = new Builder().withModules(Nullable).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['spend'])).toEqual({ spend: [1, null, 3] });
});

test('options alone ({ fill }, { docs }) take every column of the return type; they are no column map', async () => {
  @dataflow()
  class OptionsOnly {
    @extractColumns({ fill: 0 })
    ledger(): Table<{ spend: number; signups: number }> {
      return aq.table({ spend: [1, 2] });
    }

    @extractColumns({ docs: { region: 'Sales region.' } })
    regions(): Table<{ region: string }> {
      return aq.table({ region: ['eu', 'us'] });
    }
  }
  const dr = new Builder().withModules(OptionsOnly).withResultBuilder(new RecordResult()).build();
  expect(await dr.execute(['spend', 'signups', 'region'])).toEqual({ spend: [1, 2], signups: [0, 0], region: ['eu', 'us'] });
  expect(dr.listAvailableVariables().find((v) => v.name === 'region')?.doc).toBe('Sales region.');
  expect(dr.listAvailableVariables().map((v) => v.name)).not.toContain('docs');
});

test('a column type that is neither a type word nor a descriptor is an error naming the column', () => {
  @dataflow()
  class BadDescriptor {
    @extractColumns({ spend: { nope: true } as never })
    ledger(): Table {
      return aq.table({ spend: [1] });
    }
  }
  expect(() => new Builder().withModules(BadDescriptor).build()).toThrow(/@extractColumns gives column 'spend' the type \{"nope":true\}/);
});
