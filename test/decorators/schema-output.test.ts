import * as aq from 'arquero';
import {
  Builder, dataflow, DecoratorError, extractColumns, NodeExecutionError, OutputSchemaError, RecordResult, schema, type Table,
} from 'hamilton-ts';

@dataflow()
class Ledger {
  /** Spend per region. */
  @schema.output(['spend', 'number'], ['region', 'string'])
  ledger(spend: number[]): Table {
    return aq.table({ spend, region: spend.map((_, i) => (i % 2 ? 'us' : 'eu')) });
  }
}

const build = (...modules: object[]) => new Builder().withModules(...modules).withResultBuilder(new RecordResult()).build();

describe('@schema.output', () => {
  test("is node metadata: Hamilton's schema_output tag, and a schema in the listing", () => {
    const variable = build(Ledger).listAvailableVariables().find((v) => v.name === 'ledger')!;
    expect(variable.tags['hamilton.internal.schema_output']).toBe('spend=number,region=string');
    expect(variable.schema).toEqual({ spend: 'number', region: 'string' });
    expect(build(Ledger).listAvailableVariables().find((v) => v.name === 'spend')!.schema).toBeUndefined();
  });

  test('the drawing lists the columns in the node label', () => {
    expect(build(Ledger).toDot()).toContain('"ledger" [label="ledger\\nTable\\nspend: number\\lregion: string\\l"');
  });

  test('a table that fits runs as before', async () => {
    const result = await build(Ledger).execute(['ledger'], { inputs: { spend: [1, 2] } });
    expect((result.ledger as Table).columnNames()).toEqual(['spend', 'region']);
  });

  test('a returned table without a column, or with values of another type, is an OutputSchemaError', async () => {
    @dataflow()
    class Wrong {
      @schema.output(['spend', 'number'], ['region', 'string'], ['day', 'date'])
      ledger(): Table {
        return aq.table({ spend: ['1'], region: ['eu'] });
      }
    }
    const error = (await build(Wrong).execute(['ledger']).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect(error.cause).toBeInstanceOf(OutputSchemaError);
    expect(error.cause).toMatchObject({ nodeName: 'ledger' });
    expect((error.cause as Error).message).toBe("'ledger' returned a table that does not fit its @schema.output: missing column day; spend: 1 of 1 values are not of type number.");
  });

  test('checks the table before extracted columns read it', async () => {
    @dataflow()
    class Extracted {
      @schema.output(['spend', 'number'])
      @extractColumns('spend')
      ledger(): Table {
        return aq.table({ spend: ['x'] });
      }
    }
    const error = (await build(Extracted).execute(['spend']).catch((e: unknown) => e)) as NodeExecutionError;
    expect(error.cause).toBeInstanceOf(OutputSchemaError);
  });

  test('bad arguments are errors at graph build', () => {
    const failing = (decorator: MethodDecorator) => {
      @dataflow()
      class Bad {
        @(decorator as MethodDecorator)
        ledger(): Table {
          return aq.table({});
        }
      }
      return () => build(Bad);
    };
    const error = (detail: string) => new DecoratorError('Bad', 'ledger', 'schema.output', detail);
    expect(failing(schema.output())).toThrow(error('names no column'));
    expect(failing(schema.output(['spend', 'float' as 'number']))).toThrow(
      error("gives column 'spend' the type 'float'; use 'number', 'integer', 'string', 'boolean', 'bigint' or 'date'"));
    expect(failing(schema.output(['spend', 'number'], ['spend', 'string']))).toThrow(error("names column 'spend' twice"));
    @dataflow()
    class NotATable {
      @schema.output(['spend', 'number'])
      total(): number {
        return 1;
      }
    }
    expect(() => build(NotATable)).toThrow(new DecoratorError('NotATable', 'total', 'schema.output', 'describes a table, but the method returns number'));
  });

  test('a column type that contradicts a Table<{ … }> return type is an error at graph build', () => {
    @dataflow()
    class Contradicts {
      @schema.output(['spend', 'string'])
      ledger(): Table<{ spend: number }> {
        return aq.table({ spend: [1] });
      }
    }
    expect(() => build(Contradicts)).toThrow(
      new DecoratorError('Contradicts', 'ledger', 'schema.output', "gives column 'spend' the type string, but the return type says number"));
  });
});

test('@schema.output accepts a nullable declared column (number | null) as a number column', () => {
  @dataflow()
  class NullableSchema {
    @schema.output(['spend', 'number'])
    ledger(): Table<{ spend: number | null }> {
      return aq.table({ spend: [1, null] });
    }
  }
  expect(() => new Builder().withModules(NullableSchema).build()).not.toThrow();
});
