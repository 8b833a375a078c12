import { Builder, dataflow, group, inject, parameterize, RecordResult, source, value } from 'hamilton-ts';

@dataflow()
class Grouped {
  @inject({ bySource: group({ eu: source('euSales'), us: source('usSales'), other: value(5) }) })
  totals(bySource: Record<string, number>): string {
    return Object.entries(bySource).map(([k, v]) => `${k}=${v}`).join(' ');
  }

  @parameterize({
    weightedA: { parts: group({ x: source('euSales'), w: value(2) }) },
    weightedB: { parts: group({ x: source('usSales'), w: value(3) }) },
  })
  weighted(parts: { x: number; w: number }): number {
    return parts.x * parts.w;
  }

  listed(values: number[]): number {
    return values.length;
  }
}

const dr = new Builder().withModules(Grouped).withResultBuilder(new RecordResult()).build();

describe('group({ key: source(…) }): the record form', () => {
  test('hands the parameter a record, one field per key, beside the list form', async () => {
    expect(await dr.execute(['totals', 'weightedA', 'weightedB'], { inputs: { euSales: 10, usSales: 20 } }))
      .toEqual({ totals: 'eu=10 us=20 other=5', weightedA: 20, weightedB: 60 });
    const totals = dr.listAvailableVariables().find((v) => v.name === 'totals')!;
    expect(totals.dependencies).toEqual(['euSales', 'usSales']);
  });

  test('each source is typed from the record type of the parameter', () => {
    const euSales = dr.listAvailableVariables().find((v) => v.name === 'euSales')!;
    expect(euSales).toMatchObject({ isExternalInput: true, type: 'number' });
  });

  test('a record group bound to a parameter that is no record is an error at graph build', () => {
    @dataflow()
    class Wrong {
      @inject({ values: group({ a: source('x') }) })
      listed(values: number[]): number {
        return values.length;
      }
    }
    expect(() => new Builder().withModules(Wrong).build()).toThrow(
      "Wrong.listed: @inject binds 'values' to group({ a }), a record, but 'values' is number[]",
    );
  });
});
