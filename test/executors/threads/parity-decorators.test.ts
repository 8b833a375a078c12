import { Builder, LocalExecutor, RecordResult, WorkerThreadExecutor, type Executor } from 'hamilton-ts';
import { ParityDecorators } from './load-fixtures';

jest.setTimeout(60_000);

const all = new WorkerThreadExecutor({ maxThreads: 2, offload: 'all' });
afterAll(() => all.close());

const run = (executor: Executor) => new Builder().withModules(ParityDecorators).withConfig({ homeMode: 'double' })
  .withExecutor(executor).withResultBuilder(new RecordResult()).build()
  .execute(['head', 'tail', 'productA', 'sumB', 'home', 'away', 'summary', 'a', 'missing'], { inputs: { values: Float64Array.from([1, 2, 3, 4]) } });

test('workers rebuild @unpackFields, @parameterizeExtractColumns, @parameterizedSubdag with configuration(), @config(predicate, { name }), group({…}) and fill as the calling thread does', async () => {
  const expected = await run(new LocalExecutor());
  expect(expected).toMatchObject({ productA: [2], sumB: [7], home: 6, away: 7, summary: '6/7' });
  const plain = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
  expect(plain(await run(all))).toEqual(plain(expected));
});
