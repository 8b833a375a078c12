import * as ts from 'typescript';
import hamiltonTransformer from '../../transformer/index';
import { MISSING_EXPERIMENTAL_DECORATORS } from '../../transformer/decorators-option';
import { WIRING_CYCLE, WIRING_TYPE_MISMATCH } from '../../transformer/wiring-check';
import { compileWithPlugin } from './compile';

describe('the tspc plugin', () => {
  test('reports a parameter fed a sibling node of the wrong type as a compile error at the parameter', () => {
    const { diagnostics } = compileWithPlugin(`
@dataflow()
export class Labels {
  label(): string { return 'x'; }
  doubled(label: number): number { return label * 2; }
}`);
    expect(diagnostics).toEqual([{
      code: WIRING_TYPE_MISMATCH,
      line: 5,
      message: "Labels.doubled: parameter 'label' expects number, but node 'label' (line 4) returns string.",
    }]);
  });

  test('reports a scalar passed where a column is expected', () => {
    const { diagnostics } = compileWithPlugin(`
@dataflow()
export class Spend {
  spendMean(spend: Column<number>): number { return spend[0]; }
  centred(spendMean: Column<number>): Column<number> { return spendMean; }
}`);
    expect(diagnostics.map((d) => d.message)).toEqual([
      "Spend.centred: parameter 'spendMean' expects Column<number>, but node 'spendMean' (line 4) returns number.",
    ]);
  });

  test('reports a cycle between methods with the cycle spelled out', () => {
    const { diagnostics } = compileWithPlugin(`
@dataflow()
export class Loop {
  a(c: number): number { return c; }
  b(a: number): number { return a; }
  c(b: number): number { return b; }
}`);
    expect(diagnostics).toEqual([{ code: WIRING_CYCLE, line: 4, message: 'Loop: the nodes form a cycle: a -> c -> b -> a.' }]);
  });

  test('accepts well-wired classes, config variants and Promise-returning producers', () => {
    const { diagnostics } = compileWithPlugin(`
@dataflow()
export class Fine {
  base__small(): number { return 1; }
  base__large(): number { return 1000; }
  async later(base: number): Promise<number> { return base; }
  total(later: number, base: number, missingInput: string): number { return later + base + missingInput.length; }
}`);
    expect(diagnostics).toEqual([]);
  });

  test('stamps __filename in CommonJS output and import.meta.url in ES module output', () => {
    const source = '@dataflow() export class A { one(): number { return 1; } }';
    expect(compileWithPlugin(source).js).toContain('typeof __filename !== "undefined" ? __filename : undefined');
    expect(compileWithPlugin(source, { module: ts.ModuleKind.ES2022 }).js).toContain('"modulePath": import.meta.url');
  });

  test('marks destructured and rest parameters so the runtime can refuse them', () => {
    const { js } = compileWithPlugin(`
@dataflow()
export class Shapes {
  pair({ a, b }: { a: number; b: number }, ...rest: number[]): number { return a + b + rest.length; }
}`);
    expect(js).toContain('"shape": "destructured"');
    expect(js).toContain('"name": "rest", "optional": false, "hasDefault": false, "type": { "kind": "array", "element": { "kind": "number" } }, "shape": "rest"');
  });

  test('leaves classes without @dataflow() untouched', () => {
    const { js } = compileWithPlugin('export class Plain { one(): number { return 1; } }');
    expect(js).not.toContain('hamilton:');
  });
});

describe('defaults', () => {
  test('are recorded as the method\'s own parameter list, unless a default reads super or a #private name', () => {
    const { js } = compileWithPlugin(`
class Base { get base(): number { return 1; } }
@dataflow()
export class Defaults extends Base {
  #secret = 2;
  plain(a: number, b = a * 2): number { return a + b; }
  viaSuper(a: number, b = super.base): number { return a + b; }
  viaPrivate(a: number, b = this.#secret): number { return a + b; }
}`);
    expect(js).toContain('"withDefaults": function (a, b = a * 2) { return [a, b]; }');
    expect(js.match(/withDefaults/g)).toHaveLength(1);
  });
});

describe('the set-up mistakes the plugin names', () => {
  const source = `
@dataflow()
export class A { one(): number { return 1; } }
@dataflow()
export class B { two(one: number): number { return one; } }`;

  test('without experimentalDecorators: one diagnostic naming the option, at the first @dataflow()', () => {
    const { diagnostics } = compileWithPlugin(source, { experimentalDecorators: false });
    expect(diagnostics).toEqual([{
      code: MISSING_EXPERIMENTAL_DECORATORS,
      line: 2,
      message: 'hamilton-ts decorators need "experimentalDecorators": true in compilerOptions (tsconfig.json): '
        + 'without it TypeScript reports an error at every decorator of every @dataflow() class.',
    }]);
    expect(compileWithPlugin(source).diagnostics).toEqual([]);
  });

  test('a TypeScript 7 handed to the plugin is refused with what to install', () => {
    const program = ts.createProgram([], {});
    const ts7 = { ...ts, version: '7.0.2' } as typeof ts;
    expect(() => hamiltonTransformer(program, {}, { ts: ts7 })).toThrow(
      'hamilton-ts/transformer needs TypeScript 5.x, but typescript 7.0.2 is installed, whose native compiler runs no transformers: npm i -D typescript@5.9.3 ts-patch@3.3.0',
    );
    // hamilton-ts/jest as built (it reads the package's version from beside dist/).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { factory: jestFactory } = require('../../dist/transformer/jest') as typeof import('../../transformer/jest');
    expect(() => jestFactory({ configSet: { compilerModule: ts7 } })).toThrow('hamilton-ts/jest needs TypeScript 5.x, but typescript 7.0.2 is installed');
  });
});
