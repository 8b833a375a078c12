import { DIAGNOSTIC_CODES as CODES, WIRING_TYPE_MISMATCH } from '../../transformer/wiring-diagnostics';
import { compileProject } from './compile';

const BROKEN = `
@dataflow()
export class Broken {
  label(): string { return 'x'; }
  doubled(label: number): number { return label * 2; }
  @inject({ wieghts: value(1) })
  total(weights: number): number { return weights; }
}
const dr = new Builder().withModules(Broken).build();
dr.validateExecution(['lable']);`;

describe('turning compile-time checks off', () => {
  test('every check reports in the broken project', () => {
    expect(compileProject({ 'broken.ts': BROKEN }).map((d) => d.code))
      .toEqual([WIRING_TYPE_MISMATCH, CODES.bindingUnknownParameter, CODES.unknownRequestedName]);
  });

  test('the plugin option ignore: [codes] drops those codes only', () => {
    expect(compileProject({ 'broken.ts': BROKEN }, { ignore: [CODES.bindingUnknownParameter, CODES.unknownRequestedName] }).map((d) => d.code))
      .toEqual([WIRING_TYPE_MISMATCH]);
  });

  test('checkWiring: false drops them all', () => {
    expect(compileProject({ 'broken.ts': BROKEN }, { checkWiring: false })).toEqual([]);
  });

  test('// hamilton-ts-ignore on the line above or the line itself, with or without codes', () => {
    const source = BROKEN
      .replace('  doubled(', '  // hamilton-ts-ignore\n  doubled(')
      .replace("  @inject({ wieghts: value(1) })", "  @inject({ wieghts: value(1) }) // hamilton-ts-ignore 91004")
      .replace("dr.validateExecution(['lable']);", "// hamilton-ts-ignore 91004\ndr.validateExecution(['lable']);");
    // The last comment names another code: that diagnostic stays.
    expect(compileProject({ 'broken.ts': source }).map((d) => [d.code, d.line])).toEqual([[CODES.unknownRequestedName, 12]]);
  });
});
