import { Builder, dataflow, ModuleDefinitionError, RecordResult } from 'hamilton-ts';
import { METADATA_VERSION } from '../../runtime/contract/node-metadata';
import { recoverParameters } from '../../runtime/graph/parameter-recovery';
import { transformerSetupHint } from '../../runtime/graph/transformer-hint';

// Classes decorated by calling dataflow() rather than with `@dataflow()` syntax
// are not seen by the transformer: they stand for code built by tsx, esbuild or plain tsc.
const Plain = dataflow()(class Plain {
  doubled(x: number): number {
    return x * 2;
  }

  described(doubled: number, label = 'value', /* a comment, with a comma */ suffix = '!'): string {
    return `${label}=${doubled}${suffix}`;
  }
});

const Destructured = dataflow()(class Destructured {
  pair({ a, b }: { a: number; b: number }): number {
    return a + b;
  }
});

const Rest = dataflow()(class Rest {
  total(...values: number[]): number {
    return values.length;
  }
});

describe('classes compiled without the transformer', () => {
  test('run with names recovered from the source, defaults optional, after one warning naming the fix', async () => {
    const warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    const dr = new Builder().withModules(Plain).withResultBuilder(new RecordResult()).build();
    new Builder().withModules(Plain).build();
    expect(warning).toHaveBeenCalledTimes(1);
    expect(String(warning.mock.calls[0][0])).toContain('Plain was compiled without the hamilton-ts transformer');
    expect(String(warning.mock.calls[0][0])).toContain('"transform": "hamilton-ts/transformer"');
    warning.mockRestore();
    expect(await dr.execute(['described'], { inputs: { x: 4 } })).toEqual({ described: 'value=8!' });
    const doubled = dr.listAvailableVariables().find((v) => v.name === 'doubled')!;
    expect(doubled.type).toBe('unknown');
  });

  test('are refused in strict mode, with the set-up instructions', () => {
    const build = () => new Builder().withModules(Plain).requireTransformer().build();
    expect(build).toThrow(ModuleDefinitionError);
    expect(build).toThrow('build with `tspc` (ts-patch)');
  });

  test('destructured and rest parameters are errors that say what to do instead', () => {
    // Each class warns first (it has no metadata), then fails: keep the warnings out of the test output.
    const warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      expect(() => new Builder().withModules(Destructured).build()).toThrow(
        'Destructured.pair: destructured parameter `{ a, b }` has no name to wire by: take the whole value as one named parameter and destructure inside the method',
      );
      expect(() => new Builder().withModules(Rest).build()).toThrow(
        'Rest.total: rest parameter `...values` cannot be wired by name: declare one parameter per dependency',
      );
      expect(warning.mock.calls.map(([message, options]) => [String(message).split(' ')[0], options])).toEqual([
        ['Destructured', { code: 'HAMILTON_TS_NO_TRANSFORMER' }],
        ['Rest', { code: 'HAMILTON_TS_NO_TRANSFORMER' }],
      ]);
    } finally {
      warning.mockRestore();
    }
  });
});

describe('the set-up hint', () => {
  test('recommends tspc with TypeScript 5, and TypeScript 5 when TypeScript 7 is installed', () => {
    expect(transformerSetupHint(['spend'], '5.9.3')).toBe('Compile with the hamilton-ts transformer: add { "transform": "hamilton-ts/transformer" } '
      + "to compilerOptions.plugins in tsconfig.json and build with `tspc` (ts-patch), or in jest name 'hamilton-ts/jest' in ts-jest's astTransformers.before.");
    expect(transformerSetupHint(['spend'], '7.0.2')).toMatch(/^The installed typescript is 7\.0\.2, the native compiler, which runs no transformers \(tspc fails on it\): install TypeScript 5 for the build \(npm i -D typescript@5\.9\.3 ts-patch@3\.3\.0\), then add /);
    expect(transformerSetupHint(['spend'], undefined)).toMatch(/^Compile with the hamilton-ts transformer/);
  });

  test('says when parameter names look renamed by a bundler or minifier', () => {
    const Bundled = dataflow()(class Bundled {
      avg(t: number[], window2: number): number {
        return t.length / window2;
      }

      spend(r: number, x1: number): number {
        return r + x1;
      }
    });
    const warning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      new Builder().withModules(Bundled).build();
      expect(String(warning.mock.calls[0][0])).toContain('Parameter names t, window2, r look renamed by a bundler or minifier, and nodes are wired by name: '
        + 'bundle the output of `tspc` (its metadata keeps the names as written), not the sources.');
    } finally {
      warning.mockRestore();
    }
    expect(() => new Builder().withModules(Bundled).requireTransformer().build()).toThrow('Parameter names t, window2, r look renamed');
    expect(transformerSetupHint(['spend', 'signups', 'x1', 'avg3wkSpend'], '5.9.3')).not.toContain('renamed');
  });
});

test('a class stamped by another version of the transformer is refused, not misread', () => {
  const Old = dataflow()(class Old {
    one(): number {
      return 1;
    }
  });
  Reflect.defineMetadata('hamilton:class', { version: 0 }, Old);
  expect(() => new Builder().withModules(Old).build()).toThrow(
    `Old: was compiled by a hamilton-ts transformer that writes metadata version 0, but this runtime reads version ${METADATA_VERSION}.`,
  );
});

describe('parameter recovery', () => {
  test('reads names through defaults holding strings, calls, arrays and comments', () => {
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    function f(a: number, b = 'x, (y)', c = Math.max(1, 2), d = [1, 2], // trailing comment, with comma
      e = `t${'('}`) {
      return a;
    }
    expect(recoverParameters(f)).toEqual([
      { name: 'a', hasDefault: false },
      { name: 'b', hasDefault: true },
      { name: 'c', hasDefault: true },
      { name: 'd', hasDefault: true },
      { name: 'e', hasDefault: true },
    ]);
  });

  test('reads async and no-argument methods', () => {
    const o = { async load(path: string, retries = 3) { return `${path}${retries}`; }, none() { return 1; } };
    expect(recoverParameters(o.load).map((p) => p.name)).toEqual(['path', 'retries']);
    expect(recoverParameters(o.none)).toEqual([]);
  });
});
