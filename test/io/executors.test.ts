import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import {
  Builder, from, LocalExecutor, RecordResult, registerLoader, registerSaver, to, WorkerThreadExecutor, type DataflowModule, type DataLoader, type DataSaver, type Executor,
} from 'hamilton-ts';
import { workerOnQueue } from '../executors/distributed/harness';

// Loaders and savers are nodes like any other: on every executor they run where their node runs.
// Workers load the compiled fixture from dist/ (npm run build), which registers its jsonFile adapter.
jest.setTimeout(90_000);

const FIXTURE = path.resolve(__dirname, '../../dist/test/fixtures/threads/io-flows.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { IoFlow, jsonFileLoader, jsonFileSaver } = require(FIXTURE) as { IoFlow: DataflowModule; jsonFileLoader: DataLoader; jsonFileSaver: DataSaver };
// The compiled fixture registered its adapter with the compiled registry; this test's driver uses the sources'.
registerLoader(jsonFileLoader, { override: true });
registerSaver(jsonFileSaver, { override: true });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'io-executors-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const inPath = path.join(dir, 'in.json');
fs.writeFileSync(inPath, JSON.stringify([1, 2, 3]));

const remote = workerOnQueue('io-surfaces', [FIXTURE]);
const threads = new WorkerThreadExecutor({ offload: 'all', maxThreads: 1 });
afterAll(() => threads.close());

type Where = { details: { pid: number; threadId: number } };
const engines: [string, () => Executor, (w: Where['details']) => boolean][] = [
  ['local', () => new LocalExecutor(), (w) => w.pid === process.pid && w.threadId === threadId],
  ['worker threads', () => threads, (w) => w.pid === process.pid && w.threadId !== threadId],
  ['BullMQ', () => remote(), (w) => w.pid !== process.pid],
];

describe.each(engines)('loaders and savers on the %s executor', (name, executor, ranThere) => {
  const driver = () => new Builder().withModules(IoFlow).withExecutor(executor()).withResultBuilder(new RecordResult()).build();

  test('@loadFrom and @saveTo nodes run there: the file is read and written, the metadata says where', async () => {
    const outPath = path.join(dir, name, 'decorated', 'out.json');
    const out = await driver().execute(['total', 'saveDoubled', 'doubled.load_metadata.values'], { inputs: { inPath, outPath } });
    expect(out.total).toBe(12);
    expect(JSON.parse(fs.readFileSync(outPath, 'utf8'))).toEqual([2, 4, 6]);
    expect(ranThere((out.saveDoubled as Where).details)).toBe(true);
    expect(ranThere((out['doubled.load_metadata.values'] as Where).details)).toBe(true);
  });

  test('materialize: from and to materializers are rebuilt by the workers and run there', async () => {
    const outPath = path.join(dir, name, 'materialized', 'scaled.json');
    const [metadata, results] = await driver().materialize(
      from.jsonFile({ target: 'raw', path: inPath }),
      to.jsonFile({ id: 'saveScaled', dependencies: ['scaled', 'factor'], combine: new RecordResult(), path: outPath }),
      { inputs: { factor: 10 }, additionalVars: ['scaled'] },
    );
    expect(Array.from(results.scaled as number[])).toEqual([10, 20, 30]);
    expect(JSON.parse(fs.readFileSync(outPath, 'utf8'))).toEqual({ scaled: [10, 20, 30], factor: 10 });
    expect(ranThere((metadata.saveScaled as unknown as Where).details)).toBe(true);
  });
});
