import { Builder, LocalExecutor, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { graphSpecOf } from '../../../runtime/executors/remote/graph-spec';
import { BaseFlow, OverridingFlow } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
afterAll(() => all.close());

const driver = (executor: Executor) => new Builder().withModules(BaseFlow, OverridingFlow).allowModuleOverrides()
  .withExecutor(executor).withResultBuilder(new RecordResult()).build();

test('the graph spec workers rebuild from carries allowModuleOverrides', () => {
  expect(graphSpecOf(driver(new LocalExecutor()).graph)).toMatchObject({ allowModuleOverrides: true });
  expect(graphSpecOf(new Builder().withModules(BaseFlow).build().graph).allowModuleOverrides).toBeUndefined();
});

test('worker threads rebuild the graph with the later module\'s node, as the calling thread does', async () => {
  const inputs = { b: 2, c: 5 };
  const expected = await driver(new LocalExecutor()).execute(['A', 'B', 'C'], { inputs });
  expect(expected).toEqual({ A: 7, B: 2, C: 3 });
  expect(await driver(all).execute(['A', 'B', 'C'], { inputs })).toEqual(expected);
});
