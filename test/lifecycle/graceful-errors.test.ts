import { Builder, dataflow, DataQualityError, checkOutput, GracefulErrors, NodeExecutionError, RecordResult, type LifecycleAdapter } from 'hamilton-ts';

@dataflow()
class Reports {
  sales(region: string): number {
    if (region === 'moon') throw new RangeError('no sales data for the moon');
    return 100;
  }

  salesReport(sales: number): string {
    return `sales ${sales}`;
  }

  salesChart(salesReport: string): string {
    return `chart of ${salesReport}`;
  }

  costs(region: string): number {
    return region.length;
  }

  costReport(costs: number): string {
    return `costs ${costs}`;
  }

  @checkOutput({ range: [0, 10] })
  bounded(costs: number): number {
    return costs * 10;
  }
}

const driver = (...adapters: LifecycleAdapter[]) => new Builder().withModules(Reports).withResultBuilder(new RecordResult()).withAdapters(...adapters).build();
const OUTPUTS = ['salesChart', 'costReport', 'salesReport'];

describe("GracefulErrors (Hamilton's GracefulErrorAdapter)", () => {
  test('without it a failing node fails the run', async () => {
    await expect(driver().execute(OUTPUTS, { inputs: { region: 'moon' } })).rejects.toThrow(NodeExecutionError);
  });

  test('a failing node yields the sentinel, its dependents are skipped (sentinel too), the rest runs; lastRun says what failed and what was skipped', async () => {
    const graceful = new GracefulErrors();
    const ran: string[] = [];
    const result = await driver(graceful, { afterNode: (e) => { ran.push(e.node.name); } }).execute(OUTPUTS, { inputs: { region: 'moon' } });
    expect(result).toEqual({ salesChart: null, costReport: 'costs 4', salesReport: null });
    expect(ran).not.toContain('salesReport');
    expect(graceful.lastRun!.failed.map((f) => f.node)).toEqual(['sales']);
    expect(graceful.lastRun!.failed[0].error).toBeInstanceOf(RangeError);
    expect(graceful.lastRun!.skipped.sort()).toEqual(['salesChart', 'salesReport']);
  });

  test('a run without failures reports none', async () => {
    const graceful = new GracefulErrors();
    expect(await driver(graceful).execute(OUTPUTS, { inputs: { region: 'earth' } })).toMatchObject({ salesChart: 'chart of sales 100' });
    expect(graceful.lastRun).toMatchObject({ failed: [], skipped: [] });
  });

  test('catch: an Error class or a predicate picks the failures to recover; others still fail the run; the sentinel is yours to choose', async () => {
    const other = new GracefulErrors({ catch: TypeError });
    await expect(driver(other).execute(OUTPUTS, { inputs: { region: 'moon' } })).rejects.toThrow('no sales data for the moon');
    const ranges = new GracefulErrors({ catch: RangeError, sentinel: 'n/a' });
    expect(await driver(ranges).execute(['salesChart'], { inputs: { region: 'moon' } })).toEqual({ salesChart: 'n/a' });
    const byNode = new GracefulErrors({ catch: (_error, node) => node.name === 'sales', sentinel: -1 });
    expect(await driver(byNode).execute(['salesReport'], { inputs: { region: 'moon' } })).toEqual({ salesReport: -1 });
  });

  test("a `fail` data-quality check still stops the run by default (that is what it is for)", async () => {
    await expect(driver(new GracefulErrors()).execute(['bounded'], { inputs: { region: 'earth' } })).rejects.toThrow(DataQualityError);
  });

  test('bad options are HamiltonErrors', () => {
    expect(() => new GracefulErrors({ catch: 'RangeError' as unknown as typeof Error })).toThrow('GracefulErrors: catch must be an Error class or a function');
  });
});
