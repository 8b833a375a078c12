import * as path from 'path';
import { Builder, LocalExecutor, RecordResult, type DataflowModule, type Executor } from 'hamilton-ts';
import { workerOnQueue } from './harness';

// The decorators of Hamilton parity on a real `hamilton-ts worker`: the worker rebuilds each
// method's nodes from the compiled module, and every node is its own task.
jest.setTimeout(60_000);

const FIXTURES = path.resolve(__dirname, '../../../dist/test/fixtures/threads');
const MODULES = ['parity', 'pipes', 'schema'].map((name) => path.join(FIXTURES, `${name}.js`));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const [{ ParityDecorators }, { Pipes }, { SchemaParity }] = MODULES.map((file) => require(file) as Record<string, DataflowModule>);

const remote = workerOnQueue('parity', MODULES);

const plain = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, ArrayBuffer.isView(v) ? Array.from(v as Float64Array) : v]));
const records = (module: DataflowModule, config: Record<string, unknown>, e: Executor) =>
  new Builder().withModules(module).withConfig(config).withExecutor(e).withResultBuilder(new RecordResult()).build();

test.each([
  ['@unpackFields, @parameterizeExtractColumns, @parameterizedSubdag, @config(predicate), group({…}), fill', () => ParityDecorators, { homeMode: 'double' },
    ['head', 'tail', 'productA', 'sumB', 'home', 'away', 'summary', 'a', 'missing'], { values: Float64Array.from([1, 2, 3, 4]) }],
  ['@pipeOutput, gated and named steps, @mutate', () => Pipes, { mode: 'far' }, ['shifted', 'shifted.raw', 'low', 'high', 'gated'], { values: [1, 2, 3, 4], factor: 2 }],
  ['typed @extractColumns, @extractFields(), @schema.output, @withColumns', () => SchemaParity, {},
    ['total', 'label', 'region', 'doubled', 'marginTotal', 'enriched.margin'], { values: Float64Array.from([1, 2, 3]), rate: 0.5 }],
])('BullMQ workers rebuild %s as the driver does', async (_, module, config, outputs, inputs) => {
  const expected = await records(module(), config, new LocalExecutor()).execute(outputs, { inputs });
  expect(plain(await records(module(), config, remote()).execute(outputs, { inputs }))).toEqual(plain(expected));
});
