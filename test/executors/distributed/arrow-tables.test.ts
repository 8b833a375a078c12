import * as path from 'path';
import { Builder, LocalExecutor, RecordResult, type DataflowModule, type Executor } from 'hamilton-ts';
import { workerOnQueue } from './harness';

// Columns of Arrow-backed tables, taken out on a `hamilton-ts worker` process, reach nodes as arrays.
jest.setTimeout(60_000);

const FIXTURE = path.resolve(__dirname, '../../../dist/test/fixtures/threads/arrow-tables.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ArrowTables } = require(FIXTURE) as Record<string, DataflowModule>;

const remote = workerOnQueue('arrow', [FIXTURE]);

const records = (executor: Executor) => new Builder().withModules(ArrowTables).withExecutor(executor).withResultBuilder(new RecordResult()).build();

test('BullMQExecutor: columns of Arrow-backed tables reach nodes as arrays, as on the local executor', async () => {
  const outputs = ['day', 'signups', 'note', 'kept', 'columnKinds', 'firstDay', 'spendPerDay', 'regionUpper', 'missingSignups'];
  const expected = await records(new LocalExecutor()).execute(outputs);
  const result = await records(remote()).execute(outputs);
  expect(result).toEqual(expected);
  expect(result).toMatchObject({ columnKinds: ['Int32Array', 'Float64Array', 'Array', 'Array', 'Array'], firstDay: 1, missingSignups: 2 });
});
