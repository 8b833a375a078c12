import { Builder, LocalExecutor, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { Pipes } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
afterAll(() => all.close());

const outputs = ['shifted', 'shifted.raw', 'low', 'high', 'gated'];
const run = (executor: Executor, mode = 'far') => new Builder().withModules(Pipes).withConfig({ mode })
  .withExecutor(executor).withResultBuilder(new RecordResult()).build()
  .execute(outputs, { inputs: { values: [1, 2, 3, 4], factor: 2 } });

test('workers rebuild the pipe family (@pipeOutput with onOutput, config-gated and named steps, @mutate with applyTo) as the calling thread does', async () => {
  const expected = await run(new LocalExecutor());
  expect(expected).toMatchObject({ shifted: [6, 8, 10, 12], 'shifted.raw': [1, 2, 3, 4], low: [10, 20], high: [0, 1], gated: [101, 102, 103, 104] });
  expect(await run(all)).toEqual(expected);
  const near = await run(new LocalExecutor(), 'near');
  expect(near).toMatchObject({ gated: [-1, -2, -3, -4] });
  expect(await run(all, 'near')).toEqual(near);
});
