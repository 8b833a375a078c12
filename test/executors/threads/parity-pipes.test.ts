import { Builder, LocalExecutor, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { Pipes } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
afterAll(() => all.close());

const outputs = ['shifted', 'shifted.raw', 'low', 'high'];
const run = (executor: Executor) => new Builder().withModules(Pipes)
  .withExecutor(executor).withResultBuilder(new RecordResult()).build()
  .execute(outputs, { inputs: { values: [1, 2, 3, 4], factor: 2 } });

test('workers rebuild the pipe family (@pipeOutput with onOutput) as the calling thread does', async () => {
  const expected = await run(new LocalExecutor());
  expect(expected).toMatchObject({ shifted: [4, 6, 8, 10], 'shifted.raw': [1, 2, 3, 4], low: [10, 20], high: [3, 4] });
  expect(await run(all)).toEqual(expected);
});
