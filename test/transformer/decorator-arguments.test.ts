import { DIAGNOSTIC_CODES as CODES } from '../../transformer/wiring-diagnostics';
import { compileProject } from './compile';

const only = (source: string) => compileProject({ 'features.ts': source });

describe('compile-time checks of decorator arguments', () => {
  test('@parameterize binding a parameter the method lacks, at the binding', () => {
    expect(only(`
@dataflow()
export class Revenue {
  @parameterize({ revenueEu: { region: value('EU') }, revenueUs: { regoin: value('US') } })
  revenue(region: string, sales: number): number { return sales; }
}`)).toEqual([{
      code: CODES.bindingUnknownParameter, file: 'features.ts', line: 4,
      message: "@parameterize on Revenue.revenue binds 'regoin', but the method has no parameter of that name (it has 'region', 'sales').",
    }]);
  });

  test('@parameterize with its own doc, @parameterizeValues and @parameterizeSources bind by parameter name too', () => {
    const diagnostics = only(`
@dataflow()
export class Revenue {
  @parameterize({ a: { params: { regin: value('EU') }, doc: 'A {region}.' } })
  one(region: string): string { return region; }
  @parameterizeValues('regon', { b: 'EU' })
  two(region: string): string { return region; }
  @parameterizeSources({ c: { raw: 'euRaw' }, d: { rw: 'usRaw' } })
  three(raw: number): number { return raw; }
  @parameterize({ e: { params: { region: value('EU') }, doc: 'fine' } })
  four(region: string): string { return region; }
}`);
    expect(diagnostics.map((d) => [d.code, d.line, d.message.split(',')[0]])).toEqual([
      [CODES.bindingUnknownParameter, 4, "@parameterize on Revenue.one binds 'regin'"],
      [CODES.bindingUnknownParameter, 6, "@parameterizeValues on Revenue.two binds 'regon'"],
      [CODES.bindingUnknownParameter, 8, "@parameterizeSources on Revenue.three binds 'rw'"],
    ]);
  });

  test('@inject binding a parameter the method lacks', () => {
    expect(only(`
@dataflow()
export class Totals {
  @inject({ wieghts: group(source('w1'), source('w2')) })
  total(weights: number[]): number { return weights.length; }
}`)).toEqual([expect.objectContaining({
      code: CODES.bindingUnknownParameter, line: 4,
      message: "@inject on Totals.total binds 'wieghts', but the method has no parameter of that name (it has 'weights').",
    })]);
  });

  test('group() bound to a parameter that is not an array, group({...}) to one that is not a record', () => {
    const diagnostics = only(`
@dataflow()
export class Totals {
  @inject({ weights: group(source('w1'), source('w2')) })
  total(weights: number): number { return weights; }
  @inject({ byRegion: group({ eu: source('eu') }) })
  regions(byRegion: number[]): number { return byRegion.length; }
  @inject({ weights: group(source('w1')) })
  fine(weights: number[]): number { return weights.length; }
  @inject({ byRegion: group({ eu: source('eu') }) })
  alsoFine(byRegion: Record<string, number>): number { return byRegion.eu; }
}`);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: CODES.groupShapeMismatch, line: 4,
        message: "@inject on Totals.total binds group(...) to 'weights', which is declared number: group(...) gives an array, so the parameter must be an array type (T[]).",
      }),
      expect.objectContaining({ code: CODES.groupShapeMismatch, line: 6 }),
    ]);
  });

  test('@extractColumns on a method not returning a table, @extractFields on one not returning a record', () => {
    const diagnostics = only(`
@dataflow()
export class Shapes {
  @extractColumns('spend')
  columns(): number[] { return []; }
  @extractFields('model')
  fields(): Column<number> { return []; }
  @extractColumns('spend')
  table(): Table { return null!; }
  @extractFields('model', 'accuracy')
  record(): { model: string; accuracy: number } { return { model: 'm', accuracy: 1 }; }
  @extractColumns('spend')
  async later(): Promise<Table> { return null!; }
}`);
    expect(diagnostics).toEqual([
      expect.objectContaining({
        code: CODES.extractColumnsNotTable, line: 4,
        message: '@extractColumns on Shapes.columns needs the method to return a Table, but it is declared to return number[].',
      }),
      expect.objectContaining({
        code: CODES.extractFieldsNotRecord, line: 6,
        message: '@extractFields on Shapes.fields needs the method to return a record, but it is declared to return Column<number>.',
      }),
    ]);
  });

  test('@checkOutput checks that cannot read the declared type, at the check', () => {
    const diagnostics = only(`
@dataflow()
export class Checked {
  @checkOutput({ range: [0, 1],
    contains: 'x' })
  share(): Column<number> { return []; }
  @checkOutput({ unique: true })
  count(): number { return 1; }
  @checkOutput({ range: [0, 1], allowNaN: true, unique: true })
  fine(): Column<number> { return []; }
  @checkOutput({ contains: 'x', length: [1, 3] })
  labels(): Column<string> { return []; }
}`);
    expect(diagnostics).toEqual([
      expect.objectContaining({ code: CODES.checkUnsuitable, line: 5, message: "@checkOutput on Checked.share: 'contains' checks strings, but the node returns Column<number>." }),
      expect.objectContaining({ code: CODES.checkUnsuitable, line: 7, message: "@checkOutput on Checked.count: 'unique' checks uniqueness, but the node returns number." }),
    ]);
  });
});
