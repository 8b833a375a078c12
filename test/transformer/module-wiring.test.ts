import { DIAGNOSTIC_CODES as CODES } from '../../transformer/wiring-diagnostics';
import { compileProject } from './compile';

const SPEND = `
@dataflow()
export class Spend {
  spendMean(spend: Column<number>): number { return spend[0]; }
  label(): string { return 'EU'; }
}`;

describe('compile-time checks across a driver\'s modules', () => {
  test('a producer in one class of another type than a consumer in another, at the module, naming both places', () => {
    const diagnostics = compileProject({
      'spend.ts': SPEND,
      'centred.ts': `import { Spend } from './spend';
@dataflow()
export class Centred {
  centred(spend: Column<number>, spendMean: Column<number>): Column<number> { return spend; }
}
export const dr = new Builder().withModules(Spend, Centred).build();`,
    });
    expect(diagnostics).toEqual([{
      code: CODES.crossModuleTypeMismatch, file: 'centred.ts', line: 6,
      message: "Centred.centred (centred.ts:4): parameter 'spendMean' expects Column<number>, but node 'spendMean' of Spend (spend.ts:4) returns number.",
    }]);
  });

  test('the same with the seed\'s new Driver(config, [A, B])', () => {
    const diagnostics = compileProject({
      'spend.ts': SPEND,
      'driver.ts': `import { Spend } from './spend';
@dataflow()
class Labels {
  shout(label: number): string { return String(label); }
}
export const dr = new Driver({}, [Spend, Labels]);`,
    });
    expect(diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([[CODES.crossModuleTypeMismatch, 'driver.ts', 6]]);
    expect(diagnostics[0].message).toContain("parameter 'label' expects number, but node 'label' of Spend (spend.ts:5) returns string");
  });

  test('a cycle through two classes', () => {
    const diagnostics = compileProject({
      'loop.ts': `
@dataflow() class A { a(b: number): number { return b; } }
@dataflow() class B { b(a: number): number { return a; } }
const dr = new Builder().withModules(A, B).build();`,
    });
    expect(diagnostics).toEqual([{
      code: CODES.crossModuleCycle, file: 'loop.ts', line: 4, message: "this driver's modules form a cycle: A.a -> B.b -> A.a.",
    }]);
  });

  test('a node two classes define, unless allowModuleOverrides() lets the later win', () => {
    const files = (chain: string) => ({
      'twice.ts': `
@dataflow() class Base { total(): number { return 1; } }
@dataflow() class Tweaks {
  total(): number { return 2; }
}
const dr = new Builder().withModules(Base)
  .withModules(Tweaks)${chain}.build();`,
    });
    expect(compileProject(files(''))).toEqual([{
      code: CODES.duplicateNode, file: 'twice.ts', line: 7,
      message: "node 'total' is defined twice among this driver's modules: by Base (twice.ts:2) and by Tweaks (twice.ts:4). "
        + 'Rename one, or let the later module win with allowModuleOverrides().',
    }]);
    expect(compileProject(files('.allowModuleOverrides()'))).toEqual([]);
  });

  test('config variants in two classes are no duplicate', () => {
    expect(compileProject({
      'variants.ts': `
@dataflow() class Eu { total__eu(): number { return 1; } }
@dataflow() class Us { total__us(): number { return 2; } }
const dr = new Builder().withModules(Eu, Us).build();`,
    })).toEqual([]);
  });

  test('a variant\'s node is what comes before the last __, as at run time (total__v1__fast defines total__v1)', () => {
    expect(compileProject({
      'variants.ts': `
@dataflow() class Fast {
  @config.when({ v: 1 })
  total__v1__fast(): number { return 1; }
}
const dr = new Builder().withModules(Fast).withConfig({ v: 1 }).build();
async function main() { await dr.execute(['total__v1']); }`,
    })).toEqual([]);
  });

  test('execute / rawExecute / validateExecution naming a literal none of the modules define or read', () => {
    const diagnostics = compileProject({
      'spend.ts': SPEND,
      'run.ts': `import { Spend } from './spend';
@dataflow() class Extracted {
  @extractColumns('signups')
  raw(): Table { return null!; }
}
const dr = new Builder().withModules(Spend, Extracted).withConfig({ region: 'EU' }).build();
async function main() {
  await dr.execute(['spendMean', 'spend', 'signups', 'region', 'label']);
  await dr.rawExecute(['spendMaen']);
  dr.validateExecution(['nothing']);
  await new Driver({}, [Spend]).execute(['signups']);
}`,
    });
    expect(diagnostics).toEqual([
      { code: CODES.unknownRequestedName, file: 'run.ts', line: 9, message: "rawExecute names 'spendMaen', which none of this driver's modules (Spend, Extracted) define or read: did you mean 'spendMean'?" },
      { code: CODES.unknownRequestedName, file: 'run.ts', line: 10, message: "validateExecution names 'nothing', which none of this driver's modules (Spend, Extracted) define or read." },
      { code: CODES.unknownRequestedName, file: 'run.ts', line: 11, message: "execute names 'signups', which none of this driver's modules (Spend) define or read." },
    ]);
  });

  test('requests are not judged when some names cannot be known: a config of unknown keys, a decorator whose names the source does not give', () => {
    expect(compileProject({
      'spend.ts': SPEND,
      'open.ts': `import { Spend } from './spend';
declare const config: Record<string, unknown>;
declare function subdag(...a: unknown[]): MethodDecorator;
@dataflow() class Reused { @subdag(Spend) reused(spendMean: number): number { return spendMean; } }
async function main() {
  await new Builder().withModules(Spend).withConfig(config).build().execute(['fromConfig']);
  await new Builder().withModules(Spend, Reused).build().execute(['reused.spendMean']);
}`,
    })).toEqual([]);
  });

  test('a request may name what its own inputs give, names a DataflowTypes declaration gives, and names made by @resolve are left alone', () => {
    expect(compileProject({
      'spend.ts': SPEND,
      'given.ts': `import { Spend } from './spend';
interface DataflowTypes<D> { readonly '~hamilton'?: D }
interface Checked extends DataflowTypes<{ nodes: { 'total.check': boolean }; inputs: { region: string } }> {}
@dataflow() class Checked { total(spendMean: number): number { return spendMean; } }
declare function resolve(f: unknown): MethodDecorator;
@dataflow() class Resolved { @resolve(() => []) made(): number { return 1; } }
async function main() {
  const dr = new Builder().withModules(Spend, Checked).build();
  await dr.execute(['extra', 'spendMean'], { inputs: { extra: 1 } });
  await dr.execute(['total.check', 'region']);
  await dr.execute(['totl'], { overrides: { spendMean: 2 } });
  await new Builder().withModules(Resolved).build().execute(['madeEu']);
}`,
    }).map((d) => [d.code, d.line, d.message.split(',')[0]])).toEqual([[CODES.unknownRequestedName, 11, "execute names 'totl'"]]);
  });
});
