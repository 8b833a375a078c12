import * as aq from 'arquero';
import {
  AdapterResultError, Builder, checkOutput, dataflow, dataloader, datasaver, DecoratorError, LOADER_TAG, NodeExecutionError, RecordResult, SAVER_TAG, type Table,
} from 'hamilton-ts';

const record = (module: object) => new Builder().withModules(module).withResultBuilder(new RecordResult()).build();

describe('@dataloader / @datasaver: methods that load and save themselves (Hamilton\'s @dataloader, @datasaver)', () => {
  test('@dataloader: <name>.loader gives [value, metadata] tagged as a loader; <name> gives the value consumers read', async () => {
    @dataflow()
    class Load {
      @dataloader()
      raw(rawPath: string): [Table, Record<string, unknown>] {
        return [aq.table({ x: [1, 2, 3] }), { path: rawPath, rows: 3 }];
      }

      total(raw: Table): number {
        return (raw.array('x') as number[]).reduce((a, b) => a + b, 0);
      }
    }
    const dr = record(Load);
    const out = await dr.execute(['total', 'raw.loader'], { inputs: { rawPath: 'in.csv' } });
    expect(out.total).toBe(6);
    expect((out['raw.loader'] as unknown[])[1]).toEqual({ path: 'in.csv', rows: 3 });
    const vars = dr.listAvailableVariables();
    expect(vars.find((v) => v.name === 'raw')!.type).toBe('Table');
    expect(vars.find((v) => v.name === 'raw.loader')!.tags).toEqual({
      'hamilton.data_loader': 'true', 'hamilton.data_loader.source': 'loader', 'hamilton.data_loader.has_metadata': 'true',
      'hamilton.data_loader.node': 'raw', 'hamilton.data_loader.classname': 'raw()',
    });
    expect(dr.listAvailableVariables({ tags: { [LOADER_TAG]: 'true' } }).map((v) => v.name).sort()).toEqual(['raw', 'raw.loader']);
  });

  test('@dataloader declared to return something other than [value, metadata] is an error at graph build', () => {
    @dataflow()
    class Load {
      @dataloader()
      raw(): number {
        return 1;
      }
    }
    expect(() => record(Load)).toThrow(DecoratorError);
    expect(() => record(Load)).toThrow(/Load\.raw: @dataloader must return \[value, metadata\].*declared to return number/);
  });

  test('@dataloader returning another shape at run time fails its node with an AdapterResultError', async () => {
    @dataflow()
    class Load {
      @dataloader()
      raw(): [number, Record<string, unknown>] {
        return [1, 'oops'] as unknown as [number, Record<string, unknown>];
      }
    }
    const error = await record(Load).execute(['raw']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as Error).cause).toBeInstanceOf(AdapterResultError);
    expect(String((error as Error).cause)).toMatch(/node 'raw\.loader': @dataloader Load\.raw must return \[value, metadata\]/);
  });

  test('@dataloader works with async methods and @checkOutput on the value', async () => {
    @dataflow()
    class Load {
      @checkOutput({ range: [0, 10] })
      @dataloader()
      async raw(): Promise<[number, Record<string, unknown>]> {
        return [50, {}];
      }
    }
    await expect(record(Load).execute(['raw'])).rejects.toThrow(/raw/);
  });

  test('@datasaver: tagged as a saver; returning no record fails; declared non-record is an error at graph build', async () => {
    const written: number[] = [];
    @dataflow()
    class Save {
      @datasaver()
      saveTotal(total: number): Record<string, unknown> {
        written.push(total);
        return { rows: 1 };
      }

      @datasaver()
      badSave(total: number): Record<string, unknown> {
        return total as unknown as Record<string, unknown>;
      }
    }
    const dr = record(Save);
    expect(await dr.execute(['saveTotal'], { inputs: { total: 4 } })).toEqual({ saveTotal: { rows: 1 } });
    expect(written).toEqual([4]);
    expect(dr.listAvailableVariables({ tags: { [SAVER_TAG]: 'true' } }).map((v) => [v.name, v.tags])).toEqual([
      ['saveTotal', { 'hamilton.data_saver': 'true', 'hamilton.data_saver.sink': 'saveTotal', 'hamilton.data_saver.classname': 'saveTotal()' }],
      ['badSave', { 'hamilton.data_saver': 'true', 'hamilton.data_saver.sink': 'badSave', 'hamilton.data_saver.classname': 'badSave()' }],
    ]);
    const error = await dr.execute(['badSave'], { inputs: { total: 4 } }).catch((e: unknown) => e);
    expect((error as Error).cause).toBeInstanceOf(AdapterResultError);

    @dataflow()
    class Wrong {
      @datasaver()
      save(total: number): number {
        return total;
      }
    }
    expect(() => record(Wrong)).toThrow(/Wrong\.save: @datasaver must return a metadata record, but save is declared to return number/);
  });
});
