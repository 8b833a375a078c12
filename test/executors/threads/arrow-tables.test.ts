import * as aq from 'arquero';
import { Builder, LocalExecutor, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { ArrowTables, arrowTable, WEEK } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
const local = new LocalExecutor();

afterAll(() => all.close());

const outputs = ['day', 'spend', 'region', 'signups', 'note', 'kept', 'columnKinds', 'firstDay', 'spendPerDay', 'regionUpper', 'missingSignups'];
const records = (executor: Executor) => new Builder().withModules(ArrowTables).withExecutor(executor).withResultBuilder(new RecordResult()).build();
const run = (executor: Executor) => records(executor).execute(outputs);

describe('Arrow-backed tables on WorkerThreadExecutor', () => {
  test('columns extracted on workers arrive as arrays, as on the local executor', async () => {
    const expected = await run(local);
    const result = await run(all);
    expect(result).toEqual(expected);
    expect(result.columnKinds).toEqual(['Int32Array', 'Float64Array', 'Array', 'Array', 'Array']);
    expect(result).toMatchObject({ firstDay: 1, missingSignups: 2, regionUpper: ['NORTH', 'SOUTH', 'NORTH', 'EAST'], signups: [5, null, 15, null] });
    expect(Array.from(result.kept as Float64Array)).toEqual([10, 20, 30, 40]);
  });

  test('an Arrow-backed table sent to a worker as an override crosses as Arrow IPC and gives arrays there', async () => {
    const week = arrowTable({ ...WEEK, spend: Float64Array.from([2, 4, 6, 8]) });
    const overrides = { week };
    const expected = await records(local).execute(['spendPerDay', 'kept', 'region'], { overrides });
    expect(await records(all).execute(['spendPerDay', 'kept', 'region'], { overrides })).toEqual(expected);
    expect(Array.from(expected.spendPerDay as Float64Array)).toEqual([2, 2, 2, 2]);
  });

  test('a table of arrays reaches a worker as a table of arrays, as it is locally', async () => {
    const overrides = { week: aq.table(WEEK) };
    expect(await records(local).execute(['firstRawSpend'], { overrides })).toEqual({ firstRawSpend: 10 });
    expect(await records(all).execute(['firstRawSpend'], { overrides })).toEqual({ firstRawSpend: 10 });
  });

  test('the default result table holds the values', async () => {
    const table = await new Builder().withModules(ArrowTables).withExecutor(all).build().execute(['day', 'region', 'signups']);
    expect(table.objects()[1]).toEqual({ day: 2, region: 'south', signups: null });
  });

  test('a schema check on a worker reads an Arrow-backed table', async () => {
    const { report } = await new Builder().withModules(ArrowTables).withExecutor(all).build().executeWithReport(['checkedWeek']);
    expect(report.results.map((r) => [r.check, r.passed])).toEqual([['schema', true]]);
  });
});
