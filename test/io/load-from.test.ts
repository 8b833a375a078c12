import {
  registerLoader, Builder, configuration, dataflow, DecoratorError, LOADER_TAG, loadFrom, NodeExecutionError, AdapterResultError, RecordResult, source, value,
} from 'hamilton-ts';

// A loader that echoes its options, so each test sees exactly what it was given.
const calls: Record<string, unknown>[] = [];
registerLoader({
  name: 'echo',
  appliesTo: ['any'],
  required: [],
  defaults: { path: undefined, value: undefined, format: undefined },
  load(options: Record<string, unknown>) {
    calls.push(options);
    return [options.value, { path: options.path as string, rows: 1 }];
  },
}, { override: true });
registerLoader({ name: 'broken', appliesTo: ['any'], required: [], defaults: {}, load: () => 'not a pair' as never }, { override: true });
registerLoader({ name: 'later', appliesTo: ['number'], required: [], defaults: {}, load: async () => [41, { details: { async: true } }] }, { override: true });

const run = (module: object, outputs: string[], inputs: Record<string, unknown> = {}, config: Record<string, unknown> = {}) =>
  new Builder().withModules(module).withConfig(config).withResultBuilder(new RecordResult()).build().execute(outputs, { inputs });

beforeEach(() => { calls.length = 0; });

describe('@loadFrom.<adapter>: a loader node feeds the parameter (Hamilton\'s @load_from)', () => {
  test('the method reads the loaded value; Hamilton names the loader nodes <fn>.load_data.<param> and <fn>.select_data.<param>', async () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ path: 'raw.csv', value: 20 })
      doubled(data: number): number {
        return data * 2;
      }
    }
    const dr = new Builder().withModules(Raw).withResultBuilder(new RecordResult()).build();
    expect(await dr.execute(['doubled', 'doubled.load_data.data', 'doubled.load_metadata.data'])).toEqual({
      doubled: 40,
      'doubled.load_data.data': [20, { adapter: 'echo', path: 'raw.csv', rows: 1, ms: expect.any(Number) }],
      'doubled.load_metadata.data': { adapter: 'echo', path: 'raw.csv', rows: 1, ms: expect.any(Number) },
    });
    expect(calls).toEqual([{ path: 'raw.csv', value: 20, format: undefined }]);
    const names = dr.listAvailableVariables().map((v) => v.name).sort();
    expect(names).toEqual(['doubled', 'doubled.load_data.data', 'doubled.load_metadata.data', 'doubled.select_data.data']);
  });

  test('loader nodes carry Hamilton\'s tags and are selectable in listings', () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ path: 'raw.csv' })
      total(data: number): number {
        return data;
      }
    }
    const dr = new Builder().withModules(Raw).build();
    const loaders = dr.listAvailableVariables({ tags: { [LOADER_TAG]: 'true' } });
    expect(loaders.map((v) => v.name).sort()).toEqual(['total.load_data.data', 'total.load_metadata.data', 'total.select_data.data']);
    expect(loaders.find((v) => v.name === 'total.load_data.data')!.tags).toEqual({
      'hamilton.data_loader': 'true',
      'hamilton.data_loader.source': 'echo',
      'hamilton.data_loader.has_metadata': 'true',
      'hamilton.data_loader.node': 'data',
      'hamilton.data_loader.classname': 'echo',
    });
    expect(loaders.find((v) => v.name === 'total.select_data.data')!.tags['hamilton.data_loader.has_metadata']).toBe('false');
    expect(dr.listAvailableVariables().find((v) => v.name === 'total')!.dependencies).toEqual(['total.select_data.data']);
  });

  test('options may be value(…), source(\'node\') read at run time, or configuration(\'key\') from the config', async () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ path: source('rawPath'), value: value(5), format: configuration('fmt') })
      loaded(data: number): number {
        return data;
      }
    }
    expect(await run(Raw, ['loaded'], { rawPath: '/data/in.csv' }, { fmt: 'csv' })).toEqual({ loaded: 5 });
    expect(calls).toEqual([{ path: '/data/in.csv', value: 5, format: 'csv' }]);
    const dr = new Builder().withModules(Raw).withConfig({ fmt: 'csv' }).build();
    expect(dr.listAvailableVariables().find((v) => v.name === 'loaded.load_data.data')!.dependencies).toEqual(['rawPath']);
  });

  test('injectTo picks the parameter of a method with several; other parameters stay dependencies', async () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ value: 3, injectTo: 'data' })
      @loadFrom.later({ injectTo: 'other' })
      scaled(data: number, factor: number, other: number): number {
        return data * factor + other;
      }
    }
    expect(await run(Raw, ['scaled'], { factor: 10 })).toEqual({ scaled: 71 });
  });

  test('without injectTo a method of several parameters is an error naming them', () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ value: 3 })
      scaled(data: number, factor: number): number {
        return data * factor;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(DecoratorError);
    expect(() => new Builder().withModules(Raw).build()).toThrow(/Raw\.scaled: @loadFrom\.echo needs injectTo: scaled\(data, factor\) has 2 parameters/);
  });

  test('injectTo naming no parameter is an error', () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ injectTo: 'dta' })
      scaled(data: number): number {
        return data;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(/@loadFrom\.echo injects 'dta', which is not a parameter of scaled\(data\)/);
  });

  test('an unknown adapter is an error at graph build naming the method and the registered loaders', () => {
    @dataflow()
    class Raw {
      @loadFrom.parqet({ path: 'x.parquet' })
      raw(data: number): number {
        return data;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(DecoratorError);
    expect(() => new Builder().withModules(Raw).build()).toThrow(/Raw\.raw: @loadFrom\.parqet cannot be used: no loader named 'parqet' is registered.*registered loaders: .*echo/);
  });

  test('loadFrom(name, options) names an adapter held in a variable', async () => {
    const adapter = 'echo';
    @dataflow()
    class Raw {
      @loadFrom(adapter, { value: 9 })
      raw(data: number): number {
        return data;
      }
    }
    expect(await run(Raw, ['raw'])).toEqual({ raw: 9 });
  });

  test('a loader returning another shape than [value, metadata] fails its node with an AdapterResultError', async () => {
    @dataflow()
    class Raw {
      @loadFrom.broken({})
      raw(data: number): number {
        return data;
      }
    }
    const error = await run(Raw, ['raw']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NodeExecutionError);
    expect((error as NodeExecutionError).cause).toBeInstanceOf(AdapterResultError);
    expect(String((error as Error).cause)).toMatch(/node 'raw\.load_data\.data': broken must return \[value, metadata\].*returned .*not a pair|returned a string/);
  });

  test('a group(…) option is refused at graph build', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { group } = require('hamilton-ts');
    @dataflow()
    class Raw {
      @loadFrom.echo({ path: group(source('a'), source('b')) })
      raw(data: number): number {
        return data;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(/option 'path' is a group/);
  });

  test('a missing configuration key is an error at graph build', () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ path: configuration('rawPath') })
      raw(data: number): number {
        return data;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(/reads configuration\('rawPath'\), but the config has no 'rawPath'/);
  });
});

describe('@loadFrom checks the adapter\'s options and value kinds at graph build', () => {
  test('an option the adapter does not take is an error naming it, with the options it takes', () => {
    @dataflow()
    class Raw {
      @loadFrom.echo({ pth: 'x.csv' })
      raw(data: number): number {
        return data;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(/Raw\.raw: @loadFrom\.echo cannot be used: the echo loader's option 'pth' is not one it takes/);
  });

  test('a parameter declared of a kind the loader does not handle is an error naming both', () => {
    @dataflow()
    class Raw {
      @loadFrom.later({})
      raw(data: string): string {
        return data;
      }
    }
    expect(() => new Builder().withModules(Raw).build()).toThrow(/Raw\.raw: @loadFrom\.later loads into a value declared string, but the later loader handles number values/);
  });

  test('a required option left out is an error, unless a source(…) gives some options at run time', () => {
    registerLoader({ name: 'needsPath', appliesTo: ['any'], required: ['path'], defaults: {}, load: (o: { path: string }) => [o.path, { path: o.path }] }, { override: true });
    @dataflow()
    class Missing {
      @loadFrom.needsPath({})
      raw(data: string): string {
        return data;
      }
    }
    expect(() => new Builder().withModules(Missing).build()).toThrow(/option 'path' is required and was not given/);
  });
});
