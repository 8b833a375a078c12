import {
  registerSaver, AdapterResultError, Builder, checkOutput, DataQualityError, dataflow, DecoratorError, NodeExecutionError, parameterize, RecordResult, SAVER_TAG, saveTo, source, tag, value,
} from 'hamilton-ts';

// A saver that keeps what it was given, so each test sees what was saved and with which options.
const saved: { value: unknown; options: Record<string, unknown>; node: string }[] = [];
registerSaver({
  name: 'keep',
  appliesTo: ['any'],
  required: [],
  defaults: { path: undefined, mode: undefined },
  save(v: unknown, options: Record<string, unknown>, context: { node: string }) {
    saved.push({ value: v, options, node: context.node });
    return { path: options.path as string, details: { saved: true } };
  },
}, { override: true });
registerSaver({ name: 'silent', appliesTo: ['any'], required: [], defaults: {}, save: () => undefined as never }, { override: true });

beforeEach(() => { saved.length = 0; });
const record = (module: object) => new Builder().withModules(module).withResultBuilder(new RecordResult()).build();

describe('@saveTo.<adapter>: a saver node after the method\'s node (Hamilton\'s @save_to)', () => {
  test('outputName names the saver node; requesting it saves and gives the metadata; requesting the node alone saves nothing', async () => {
    @dataflow()
    class Out {
      @saveTo.keep({ path: 'out.json', outputName: 'saveTotal' })
      total(a: number): number {
        return a + 1;
      }
    }
    const dr = record(Out);
    expect(await dr.execute(['total'], { inputs: { a: 1 } })).toEqual({ total: 2 });
    expect(saved).toEqual([]);
    expect(await dr.execute(['saveTotal'], { inputs: { a: 1 } })).toEqual({ saveTotal: { adapter: 'keep', path: 'out.json', details: { saved: true }, ms: expect.any(Number) } });
    expect(saved).toEqual([{ value: 2, options: { path: 'out.json' }, node: 'saveTotal' }]);
    expect(dr.listAvailableVariables({ tags: { [SAVER_TAG]: 'true' } }).map((v) => [v.name, v.tags, v.dependencies])).toEqual([
      ['saveTotal', { 'hamilton.data_saver': 'true', 'hamilton.data_saver.sink': 'keep', 'hamilton.data_saver.classname': 'keep' }, ['total']],
    ]);
  });

  test('without outputName the saver is save.<node>; options may come from source(…) and value(…)', async () => {
    @dataflow()
    class Out {
      @saveTo.keep({ path: source('outPath'), mode: value('overwrite') })
      total(a: number): number {
        return a;
      }
    }
    expect(await record(Out).execute(['save.total'], { inputs: { a: 3, outPath: '/tmp/x.json' } })).toEqual({ 'save.total': { adapter: 'keep', path: '/tmp/x.json', details: { saved: true }, ms: expect.any(Number) } });
    expect(saved[0].options).toEqual({ path: '/tmp/x.json', mode: 'overwrite' });
  });

  test('the saver saves the checked value, whichever order @saveTo and @checkOutput are written in; a failed check saves nothing', async () => {
    @dataflow()
    class Above {
      @saveTo.keep({ outputName: 'saveRatio' })
      @checkOutput({ range: [0, 1] })
      ratio(a: number): number {
        return a;
      }
    }
    @dataflow()
    class Below {
      @checkOutput({ range: [0, 1] })
      @saveTo.keep({ outputName: 'saveRatio' })
      ratio(a: number): number {
        return a;
      }
    }
    for (const module of [Above, Below]) {
      saved.length = 0;
      const dr = record(module);
      expect(dr.listAvailableVariables().find((v) => v.name === 'saveRatio')!.dependencies).toEqual(['ratio']);
      await expect(dr.execute(['saveRatio'], { inputs: { a: 5 } })).rejects.toThrow(DataQualityError);
      expect(saved).toEqual([]);
      await dr.execute(['saveRatio'], { inputs: { a: 0.5 } });
      expect(saved.map((s) => s.value)).toEqual([0.5]);
    }
  });

  test('@parameterize: a saver per node made (save.<node>); one outputName for several nodes is an error', async () => {
    @dataflow()
    class Many {
      @saveTo.keep({})
      @parameterize({ plusOne: { by: value(1) }, plusTwo: { by: value(2) } })
      plus(a: number, by: number): number {
        return a + by;
      }
    }
    expect(Object.keys(await record(Many).execute(['save.plusOne', 'save.plusTwo'], { inputs: { a: 1 } }))).toEqual(['save.plusOne', 'save.plusTwo']);
    expect(saved.map((s) => s.value).sort()).toEqual([2, 3]);
    @dataflow()
    class Named {
      @saveTo.keep({ outputName: 'saveIt' })
      @parameterize({ plusOne: { by: value(1) }, plusTwo: { by: value(2) } })
      plus(a: number, by: number): number {
        return a + by;
      }
    }
    expect(() => record(Named)).toThrow(/@saveTo\.keep names one saver node 'saveIt', but the method makes 2 nodes/);
  });

  test('an unknown saver is an error at graph build naming the method and the registered savers', () => {
    @dataflow()
    class Out {
      @saveTo.parket({ path: 'x' })
      total(a: number): number {
        return a;
      }
    }
    expect(() => record(Out)).toThrow(DecoratorError);
    expect(() => record(Out)).toThrow(/Out\.total: @saveTo\.parket cannot be used: no saver named 'parket' is registered.*registered savers: .*keep/);
  });

  test('a saver returning no metadata record fails its node with an AdapterResultError', async () => {
    @dataflow()
    class Out {
      @saveTo.silent({ outputName: 'saveIt' })
      total(a: number): number {
        return a;
      }
    }
    const error = await record(Out).execute(['saveIt'], { inputs: { a: 1 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as Error).cause).toBeInstanceOf(AdapterResultError);
    expect(String((error as Error).cause)).toMatch(/node 'saveIt': silent must return a metadata record, but returned undefined/);
  });

  test('@tag still labels the method\'s node', () => {
    @dataflow()
    class Out {
      @tag({ owner: 'growth' })
      @saveTo.keep({ outputName: 'saveIt' })
      total(a: number): number {
        return a;
      }
    }
    expect(record(Out).listAvailableVariables().find((v) => v.name === 'total')!.tags).toEqual({ owner: 'growth' });
  });
});
