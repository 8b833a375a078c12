import { Builder, LocalExecutor, NodeExecutionError, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { SchemaParity } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
afterAll(() => all.close());

const driver = (executor: Executor) => new Builder().withModules(SchemaParity).withExecutor(executor).withResultBuilder(new RecordResult()).build();
const inputs = { values: Float64Array.from([1, 2, 3]), rate: 0.5 };

test('workers rebuild typed @extractColumns, @extractFields() on an interface, @schema.output and @withColumns as the calling thread does', async () => {
  const run = (executor: Executor) => driver(executor).execute(['total', 'label', 'region', 'doubled', 'marginTotal', 'enriched.margin'], { inputs });
  const expected = await run(new LocalExecutor());
  expect(expected).toMatchObject({ total: 12, label: 'eu+eu+us', region: ['eu', 'eu', 'us'], marginTotal: 3 });
  const plain = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
  expect(plain(await run(all))).toEqual(plain(expected));
});

test('a table that does not fit its @schema.output fails on a worker as it does locally', async () => {
  const failure = (executor: Executor) => driver(executor).execute(['wrong'], { inputs }).catch((e: unknown) => e as NodeExecutionError);
  const [local, threaded] = [await failure(new LocalExecutor()), await failure(all)];
  expect(threaded).toBeInstanceOf(NodeExecutionError);
  expect((threaded as NodeExecutionError).cause).toMatchObject({ name: 'OutputSchemaError', message: ((local as NodeExecutionError).cause as Error).message });
});
